import "server-only";
import type { ApiKeyConnectorServer } from "../types";
import { verifyClickUpToken } from "./api";
import { clickUpDefinition } from "./definition";

export const clickUpServer: ApiKeyConnectorServer = {
  definition: clickUpDefinition,
  verifyApiKey: verifyClickUpToken,
};
