import type { ApiKeyConnectorDefinition } from "../types.browser-safe";
import { clickUpApiKeySchema } from "./api-key.browser-safe";

export const clickUpDefinition: ApiKeyConnectorDefinition = {
  id: "clickup",
  displayName: "ClickUp",
  workspaceLabel: "Workspace",
  apiKey: {
    help: 'Your personal API token from ClickUp: Settings > Apps > API Token. Paste the raw value starting with "pk_"; no "Bearer" prefix is needed.',
    schema: clickUpApiKeySchema,
  },
};
