import "server-only";
import type { ApiKeyConnectorServer } from "./types";
import { clickUpServer } from "./clickup/server";

const servers: readonly ApiKeyConnectorServer[] = [clickUpServer];

export function findConnectorServer(id: string): ApiKeyConnectorServer | undefined {
  return servers.find((server) => server.definition.id === id);
}
