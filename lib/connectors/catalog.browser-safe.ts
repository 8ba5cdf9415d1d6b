import { clickUpDefinition } from "./clickup/definition.browser-safe";
import type { ConnectorDefinition } from "./types.browser-safe";

/** Every connector the app offers. A new API-key connector is one more definition here. */
export const connectorDefinitions: readonly ConnectorDefinition[] = [clickUpDefinition];

export function findConnectorDefinition(id: string): ConnectorDefinition | undefined {
  return connectorDefinitions.find((definition) => definition.id === id);
}
