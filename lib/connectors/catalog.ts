import { clickUpDefinition } from "./clickup/definition";
import type { ApiKeyConnectorDefinition } from "./types";

/** Every connector the app offers. A new API-key connector is one more definition here. */
export const connectorDefinitions: readonly ApiKeyConnectorDefinition[] = [clickUpDefinition];

export function findConnectorDefinition(id: string): ApiKeyConnectorDefinition | undefined {
  return connectorDefinitions.find((definition) => definition.id === id);
}
