import "server-only";

import { connectorDefinitions } from "@/lib/connectors/catalog.browser-safe";

import { CONNECTOR_OPERATIONS } from "./operations";
import { jsonResponse } from "./problem";
import { apiRoute } from "./route";

/** GET /api/v1/connectors: what credentials can be for. */
export const listConnectorsRoute = apiRoute(CONNECTOR_OPERATIONS.list, async () =>
  jsonResponse({
    data: connectorDefinitions.map(({ id, displayName, workspaceLabel }) => ({ id, displayName, workspaceLabel })),
  }),
);
