import { sourceRoutes } from "@/lib/api/endpoint-routes";
import { routeMethods } from "@/lib/api/methods";

export const { GET, POST, PUT, PATCH, DELETE, OPTIONS } = routeMethods({
  GET: sourceRoutes.list,
  POST: sourceRoutes.create,
});
