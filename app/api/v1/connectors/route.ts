import { listConnectorsRoute } from "@/lib/api/connector-routes";
import { routeMethods } from "@/lib/api/methods";

export const { GET, POST, PUT, PATCH, DELETE, OPTIONS } = routeMethods({ GET: listConnectorsRoute });
