import "server-only";

import type { ApiKeyConnectorServer } from "../types";
import { listClickUpWorkspaces, verifyClickUpToken } from "./api";
import { clickUpDefinition } from "./definition";

export const clickUpServer: ApiKeyConnectorServer = {
  definition: clickUpDefinition,
  verifyApiKey: verifyClickUpToken,
  listWorkspaces: listClickUpWorkspaces,
};
