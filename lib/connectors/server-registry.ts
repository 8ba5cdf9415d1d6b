import "server-only";

import { clickUpServer } from "./clickup/server";
import type { ApiKeyConnectorServer } from "./types.browser-safe";

const servers: readonly ApiKeyConnectorServer[] = [clickUpServer];

export function findConnectorServer(id: string): ApiKeyConnectorServer | undefined {
  return servers.find((server) => server.definition.id === id);
}
