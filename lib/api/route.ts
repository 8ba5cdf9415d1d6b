import "server-only";

import { API_KEY_MESSAGES } from "@/lib/api-keys/messages";
import { resolveApiKey } from "@/lib/api-keys/resolve-api-key";
import { API_KEY_SCOPES } from "@/lib/api-keys/scopes.browser-safe";
import type { Caller, CallerApiKey } from "@/lib/auth/person";
import { fail } from "@/lib/failure-reasons.browser-safe";
import { failureFromError } from "@/lib/failures/failure-from-error";
import { currentClientKey } from "@/lib/security/client-key";

import { failureResponse } from "./failure";
import type { ApiOperation } from "./operations";
import { problemResponse } from "./problem";

type Handler<Params> = (caller: Caller, request: Request, params: Params) => Promise<Response>;

/**
 * The one way an /api/v1 route runs, under its declaration (lib/api/operations.ts): the caller
 * comes from the `Authorization: Bearer` API key only — cookies are never read, so a browser
 * session cannot call the API and no request made by another site can act for anyone (no CSRF).
 * A missing, unknown, revoked or expired key is "unauthenticated"; a key without the operation's
 * scope is "missing-scope" (403), before the handler runs; a thrown error becomes a failure in
 * lib/failures (a bug, or database trouble said as what it is).
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
      const missing = caller.apiKey && missingScope(caller.apiKey, operation.scope);
      if (missing) return missing;
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

/** The 403 for a key without the scope an operation needs (its `scope` member names it), or null. */
function missingScope(key: CallerApiKey, scope: ApiOperation["scope"]): Response | null {
  if (scope === null) return null;
  if (scope === "every") {
    if (key.everyScope) return null;
    const lacking = API_KEY_SCOPES.filter((each) => !key.scopes.includes(each));
    return problemResponse("missing-scope", API_KEY_MESSAGES.missingEveryScope(lacking), { scope });
  }
  if (key.scopes.includes(scope)) return null;
  return problemResponse("missing-scope", API_KEY_MESSAGES.missingScope(scope), { scope });
}
