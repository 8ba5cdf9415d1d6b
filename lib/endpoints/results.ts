import type { ActionResult } from "@/lib/action-result.browser-safe";
import type { ConnectorWorkspace } from "@/lib/connectors/types.browser-safe";

import type { PublicEndpoint } from "./public-endpoint";
import type { EndpointFormField } from "./schemas.browser-safe";

export type WorkspacesResult = ActionResult<ConnectorWorkspace[]>;
export type CreateEndpointResult = ActionResult<{ id: string; path: string }, EndpointFormField>;
export type RenameEndpointResult = ActionResult<PublicEndpoint, "name">;
export type DeleteEndpointResult = ActionResult<{ name: string }>;
