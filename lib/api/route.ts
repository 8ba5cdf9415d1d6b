import "server-only";

import { SOMETHING_WENT_WRONG } from "@/lib/action-result.browser-safe";
import { API_KEY_MESSAGES } from "@/lib/api-keys/messages";
import { resolveApiKey } from "@/lib/api-keys/resolve-api-key";
import type { Caller } from "@/lib/auth/person";
import { logBug } from "@/lib/auth/run-action";
import { databaseTrouble } from "@/lib/db/errors";
import { DATABASE_MESSAGES } from "@/lib/db/messages";
import { currentClientKey } from "@/lib/security/client-key";

import { problemResponse } from "./problem";

type Handler<Params> = (caller: Caller, request: Request, params: Params) => Promise<Response>;

/**
 * The one way an /api/v1 route runs: the caller comes from the `Authorization: Bearer` API key
 * only — cookies are never read, so a browser session cannot call the API and no request made by
 * another site can act for anyone (no CSRF). A missing, unknown, revoked or expired key is 401; a
 * bug is logged without inputs and answered 500; database trouble 503 with the pages' sentence.
 */
export function apiRoute<Params extends object = object>(area: string, what: string, handle: Handler<Params>) {
  return async (request: Request, context: { params: Promise<Params> }): Promise<Response> => {
    try {
      const caller = await resolveApiKey(request.headers.get("authorization"), await currentClientKey());
      if (!caller)
        return problemResponse(401, API_KEY_MESSAGES.unauthorized, {}, { "www-authenticate": 'Bearer realm="api"' });
      return await handle(caller, request, await context.params);
    } catch (error) {
      logBug(`api ${area}`, what, error);
      const trouble = databaseTrouble(error);
      if (trouble) return problemResponse(503, DATABASE_MESSAGES[trouble], {}, { "retry-after": "1" });
      return problemResponse(500, SOMETHING_WENT_WRONG);
    }
  };
}
