import "server-only";

import { IDEMPOTENCY_KEY_PATTERN } from "@/lib/credentials/idempotency-key.browser-safe";
import type { EndpointKind } from "@/lib/endpoint-kinds.browser-safe";
import { createEndpoint } from "@/lib/endpoints/create-endpoint";
import { deleteEndpoint } from "@/lib/endpoints/delete-endpoint";
import { ENDPOINT_MESSAGES } from "@/lib/endpoints/messages";
import { findEndpoint, listEndpoints } from "@/lib/endpoints/queries";
import { renameEndpoint } from "@/lib/endpoints/rename-endpoint";
import { fail } from "@/lib/failure-reasons.browser-safe";
import { ID_PATTERN } from "@/lib/text-safety.browser-safe";

import { readJsonObject } from "./body";
import { failureResponse, resultResponse } from "./failure";
import { API_MESSAGES } from "./messages";
import { endpointOperations } from "./operations";
import { jsonResponse, problemResponse } from "./problem";
import { apiRoute } from "./route";

// /api/v1/sources and /api/v1/destinations: one set of handlers, per kind, on the endpoint commands.

type IdParams = { id: string };

const notFound = () => failureResponse(fail("not-found", ENDPOINT_MESSAGES.notFound));

export function endpointRoutes(kind: EndpointKind) {
  const operations = endpointOperations(kind);
  return {
    list: apiRoute(operations.list, async (caller) => jsonResponse({ data: await listEndpoints(caller.person, kind) })),

    create: apiRoute(operations.create, async (caller, request) => {
      const read = await readJsonObject(request);
      if (!read.ok) return read.response;
      const header = request.headers.get("idempotency-key");
      if (header !== null && !IDEMPOTENCY_KEY_PATTERN.test(header.toLowerCase()))
        return problemResponse("malformed", API_MESSAGES.badIdempotencyKey);
      // A script names only the credential: without `connector`, the command takes the credential's.
      const created = await createEndpoint(caller, {
        ...read.body,
        kind,
        // Only the header carries an idempotency key over HTTP; one in the body is ignored.
        idempotencyKey: header?.toLowerCase(),
      });
      if (!created.ok) return failureResponse(created);
      const endpoint = await findEndpoint(caller.person, kind, created.data.id);
      return endpoint ? jsonResponse(endpoint, 201, { location: `/api/v1/${kind}s/${endpoint.id}` }) : notFound();
    }),

    get: apiRoute<IdParams>(operations.get, async (caller, _request, { id }) => {
      const endpoint = ID_PATTERN.test(id) ? await findEndpoint(caller.person, kind, id) : undefined;
      return endpoint ? jsonResponse(endpoint) : notFound();
    }),

    rename: apiRoute<IdParams>(operations.rename, async (caller, request, { id }) => {
      const read = await readJsonObject(request);
      if (!read.ok) return read.response;
      return resultResponse(await renameEndpoint(caller, { kind, id, name: read.body.name }));
    }),

    delete: apiRoute<IdParams>(operations.delete, async (caller, _request, { id }) => {
      const result = await deleteEndpoint(caller, { kind, id });
      return result.ok ? jsonResponse(null, 204) : failureResponse(result);
    }),
  };
}

export const sourceRoutes = endpointRoutes("source");
export const destinationRoutes = endpointRoutes("destination");
