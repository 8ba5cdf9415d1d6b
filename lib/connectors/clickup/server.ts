import "server-only";

import type { ApiKeyConnectorServer } from "../types.browser-safe";
import { listClickUpWorkspaces, verifyClickUpToken } from "./api";
import { clickUpDefinition } from "./definition.browser-safe";

export const clickUpServer: ApiKeyConnectorServer = {
  definition: clickUpDefinition,
  verifyApiKey: verifyClickUpToken,
  listWorkspaces: listClickUpWorkspaces,
};
