import { listApiKeysRoute } from "@/lib/api/api-key-routes";
import { routeMethods } from "@/lib/api/methods";

export const { GET, POST, PUT, PATCH, DELETE, OPTIONS } = routeMethods({ GET: listApiKeysRoute });
