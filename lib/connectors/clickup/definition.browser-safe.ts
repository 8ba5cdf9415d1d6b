import type { ConnectorDefinition } from "../types.browser-safe";
import { clickUpTokenSchema } from "./token.browser-safe";

export const clickUpDefinition: ConnectorDefinition = {
  id: "clickup",
  displayName: "ClickUp",
  workspaceLabel: "Workspace",
  token: {
    help: 'Your personal API token from ClickUp: Settings > Apps > API Token. Paste the raw value starting with "pk_"; no "Bearer" prefix is needed.',
    schema: clickUpTokenSchema,
  },
};
