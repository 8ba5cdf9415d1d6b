import "server-only";

import { proxyClickUpCall } from "@/lib/clickup-proxy/proxy-clickup-call";

import { CLICKUP_PROXY_METHODS, clickUpProxyOperations, type ClickUpProxyMethod } from "./operations";
import { apiRoute } from "./route";

type ProxyParams = { id: string; path: string[] };
type Handler = ReturnType<typeof apiRoute<ProxyParams>>;

/**
 * /api/v1/{credentials,sources,destinations}/{id}/clickup/{path}: every method ClickUp's API v2
 * uses, each under its own operation. The path is read from the request's URL by the ClickUp
 * proxy itself (lib/clickup-proxy/parse-path.ts), not from the router's decoded params.
 */
export function clickUpProxyRoutes(
  through: "credential" | "source" | "destination",
): Record<ClickUpProxyMethod, Handler> {
  const operations = clickUpProxyOperations(through);
  return Object.fromEntries(
    CLICKUP_PROXY_METHODS.map((method) => [
      method,
      apiRoute<ProxyParams>(operations[method], (caller, request, { id }) =>
        proxyClickUpCall(caller, request, { kind: through, id }),
      ),
    ]),
  ) as Record<ClickUpProxyMethod, Handler>;
}
