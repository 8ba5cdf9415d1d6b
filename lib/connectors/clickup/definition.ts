import type { ApiKeyConnectorDefinition } from "../types";
import { clickUpApiKeySchema } from "./api-key";

export const clickUpDefinition: ApiKeyConnectorDefinition = {
  id: "clickup",
  displayName: "ClickUp",
  workspaceLabel: "Workspace",
  apiKey: {
    help: 'Your personal API token from ClickUp: Settings > Apps > API Token. Paste the raw value starting with "pk_"; no "Bearer" prefix is needed.',
    schema: clickUpApiKeySchema,
  },
};
