import { routeMethods } from "@/lib/api/methods";
import { openApiDocument } from "@/lib/api/openapi";

// Public, like any API's reference: it describes the API, holds no data.
export const { GET, POST, PUT, PATCH, DELETE, OPTIONS } = routeMethods({
  GET: async () => Response.json(openApiDocument(), { headers: { "cache-control": "public, max-age=300" } }),
});
