import "server-only";

import { connectorDefinitions } from "@/lib/connectors/catalog.browser-safe";

import { jsonResponse } from "./problem";
import { apiRoute } from "./route";

/** GET /api/v1/connectors: what credentials can be for. */
export const listConnectorsRoute = apiRoute("connectors", "listing", async () =>
  jsonResponse({
    data: connectorDefinitions.map(({ id, displayName, workspaceLabel }) => ({ id, displayName, workspaceLabel })),
  }),
);
