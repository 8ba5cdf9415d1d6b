import { replaceTokenRoute } from "@/lib/api/credential-routes";
import { routeMethods } from "@/lib/api/methods";

export const { GET, POST, PUT, PATCH, DELETE, OPTIONS } = routeMethods({ PUT: replaceTokenRoute });
