import { clickUpProxyRoutes } from "@/lib/api/clickup-proxy-routes";
import { routeMethods } from "@/lib/api/methods";

export const { GET, POST, PUT, PATCH, DELETE, OPTIONS } = routeMethods(clickUpProxyRoutes("destination"));
