import { openApiDocument } from "@/lib/api/openapi";

// Public, like any API's reference: it describes the API, holds no data.
export function GET() {
  return Response.json(openApiDocument(), { headers: { "cache-control": "public, max-age=300" } });
}
