import "server-only";

import type { ConnectorServer } from "../types.browser-safe";
import { listClickUpWorkspaces, verifyClickUpToken } from "./api";
import { clickUpDefinition } from "./definition.browser-safe";
import { clickUpOAuth } from "./oauth";

export const clickUpServer: ConnectorServer = {
  definition: clickUpDefinition,
  verifyToken: verifyClickUpToken,
  listWorkspaces: listClickUpWorkspaces,
  oauth: clickUpOAuth,
};
