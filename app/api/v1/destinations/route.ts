import { destinationRoutes } from "@/lib/api/endpoint-routes";
import { routeMethods } from "@/lib/api/methods";

export const { GET, POST, PUT, PATCH, DELETE, OPTIONS } = routeMethods({
  GET: destinationRoutes.list,
  POST: destinationRoutes.create,
});
