import { NextResponse, type NextRequest } from "next/server";

import { getSignedInSession } from "@/lib/auth/session";
import { getEnv } from "@/lib/config/env";
import { findConnectorServer } from "@/lib/connectors/server-registry";
import { failureFromError, logBug } from "@/lib/failures/failure-from-error";
import { finishOAuthConnection } from "@/lib/oauth/finish-connection";
import { oauthFailed, type OAuthOutcome } from "@/lib/oauth/outcome";
import { OAUTH_OUTCOME_PARAM, outcomeNotRecordedResponse } from "@/lib/oauth/outcome-redirect";
import { recordOAuthOutcome } from "@/lib/oauth/outcome-store";
import { currentClientKey } from "@/lib/security/client-key";

/**
 * Where a connector sends the person back after its authorise page (the redirect URL registered
 * with the OAuth app: APP_URL + /oauth/<connector>/callback; ClickUp's is /oauth/clickup/callback).
 * Finishes the flow on the server, keeps how it ended in a one-time record for this person and
 * session (lib/oauth/outcome-store.ts), and returns to the page the person left with only that
 * record's random id: the Authenticate screen, the reconnected credential's page, or the list. What
 * the page then says (the new credential selected, or why nothing was stored, with the typed form)
 * comes from the record, never from the URL, so a crafted link cannot claim an outcome (issue #27).
 * Neither the code nor the token ever appears in what the browser gets back.
 */
export async function GET(request: NextRequest, { params: route }: { params: Promise<{ connector: string }> }) {
  const { connector } = await route;
  // Only a connector with OAuth has a callback; anything else is no page at all.
  if (!findConnectorServer(connector)?.oauth) return new NextResponse(null, { status: 404 });
  const origin = getEnv().APP_URL ?? request.nextUrl.origin;
  const params = request.nextUrl.searchParams;
  try {
    const signedIn = await getSignedInSession();
    if (!signedIn) return redirectTo(origin, "/sign-in");
    let outcome: OAuthOutcome;
    try {
      outcome = await finishOAuthConnection({ ...signedIn, clientKey: await currentClientKey() }, connector, {
        state: params.get("state"),
        code: params.get("code"),
        error: params.get("error"),
      });
    } catch (error) {
      // A bug, or database trouble said as what it is, like every other entry point.
      outcome = oauthFailed(failureFromError("credentials", "finishing OAuth", error).reason);
    }
    const id = await recordOAuthOutcome({ personId: signedIn.person.id, sessionId: signedIn.sessionId }, outcome);
    const url = new URL(outcome.returnPath, "http://placeholder.invalid");
    url.searchParams.set(OAUTH_OUTCOME_PARAM, id);
    return redirectTo(origin, `${url.pathname}${url.search}`);
  } catch (error) {
    // No session could be read or no record kept (the database, most likely): said here, as there
    // is nothing for the next page to read.
    logBug("credentials", "recording the OAuth outcome", error);
    return outcomeNotRecordedResponse();
  }
}

function redirectTo(origin: string, path: string) {
  // 303: the browser GETs the Authenticate screen; no-store: nothing here is worth caching.
  return NextResponse.redirect(new URL(path, origin), { status: 303, headers: { "Cache-Control": "no-store" } });
}
