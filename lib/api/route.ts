import "server-only";

import { API_KEY_MESSAGES } from "@/lib/api-keys/messages";
import { resolveApiKey } from "@/lib/api-keys/resolve-api-key";
import type { Caller } from "@/lib/auth/person";
import { fail } from "@/lib/failure-reasons.browser-safe";
import { failureFromError } from "@/lib/failures/failure-from-error";
import { currentClientKey } from "@/lib/security/client-key";

import { failureResponse } from "./failure";
import type { ApiOperation } from "./operations";

type Handler<Params> = (caller: Caller, request: Request, params: Params) => Promise<Response>;

/**
 * The one way an /api/v1 route runs, under its declaration (lib/api/operations.ts): the caller
 * comes from the `Authorization: Bearer` API key only — cookies are never read, so a browser
 * session cannot call the API and no request made by another site can act for anyone (no CSRF).
 * A missing, unknown, revoked or expired key is "unauthenticated"; a thrown error becomes a
 * failure in lib/failures (a bug, or database trouble said as what it is).
 */
export function apiRoute<Params extends object = object>(operation: ApiOperation, handle: Handler<Params>) {
  return async (request: Request, context: { params: Promise<Params> }): Promise<Response> => {
    try {
      const caller = await resolveApiKey(request.headers.get("authorization"), await currentClientKey());
      if (!caller) {
        const refused = failureResponse(fail("unauthenticated", API_KEY_MESSAGES.unauthorized));
        refused.headers.set("www-authenticate", 'Bearer realm="api"');
        return refused;
      }
      return await handle(caller, request, await context.params);
    } catch (error) {
      const failure = failureFromError(`api ${operation.area}`, operation.what, error);
      const response = failureResponse(failure);
      // Database trouble passes: a client may try again shortly.
      if (failure.reason !== "bug") response.headers.set("retry-after", "1");
      return response;
    }
  };
}
