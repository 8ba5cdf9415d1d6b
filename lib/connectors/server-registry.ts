import "server-only";

import { clickUpServer } from "./clickup/server";
import type { ConnectorServer } from "./types.browser-safe";

const servers: readonly ConnectorServer[] = [clickUpServer];

export function findConnectorServer(id: string): ConnectorServer | undefined {
  return servers.find((server) => server.definition.id === id);
}
