import { clickUpDefinition } from "./clickup/definition.browser-safe";
import type { ApiKeyConnectorDefinition } from "./types.browser-safe";

/** Every connector the app offers. A new API-key connector is one more definition here. */
export const connectorDefinitions: readonly ApiKeyConnectorDefinition[] = [clickUpDefinition];

export function findConnectorDefinition(id: string): ApiKeyConnectorDefinition | undefined {
  return connectorDefinitions.find((definition) => definition.id === id);
}
