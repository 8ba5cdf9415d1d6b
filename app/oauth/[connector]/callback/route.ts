import { NextResponse, type NextRequest } from "next/server";

import { getSignedInSession } from "@/lib/auth/session";
import { getEnv } from "@/lib/config/env";
import { findConnectorServer } from "@/lib/connectors/server-registry";
import { failureFromError } from "@/lib/failures/failure-from-error";
import { finishOAuthConnection } from "@/lib/oauth/finish-connection";
import { oauthFailed, type OAuthOutcome } from "@/lib/oauth/outcome";
import { currentClientKey } from "@/lib/security/client-key";

/**
 * Where a connector sends the person back after its authorise page (the redirect URL registered
 * with the OAuth app: APP_URL + /oauth/<connector>/callback; ClickUp's is /oauth/clickup/callback). Finishes the flow on the server and returns to
 * the page the person left: the Authenticate screen with the new credential selected, or the
 * reconnected credential's page; or to that page with the reason nothing was stored (a fixed
 * code, turned into text by that page) and, for a new credential, their typed name and
 * description. Neither the code nor the token ever appears in what the browser gets back.
 */
export async function GET(request: NextRequest, { params: route }: { params: Promise<{ connector: string }> }) {
  const { connector } = await route;
  // Only a connector with OAuth has a callback; anything else is no page at all.
  if (!findConnectorServer(connector)?.oauth) return new NextResponse(null, { status: 404 });
  const origin = getEnv().APP_URL ?? request.nextUrl.origin;
  const params = request.nextUrl.searchParams;
  let outcome: OAuthOutcome;
  try {
    const signedIn = await getSignedInSession();
    if (!signedIn) return redirectTo(origin, "/sign-in");
    outcome = await finishOAuthConnection({ ...signedIn, clientKey: await currentClientKey() }, connector, {
      state: params.get("state"),
      code: params.get("code"),
      error: params.get("error"),
    });
  } catch (error) {
    // A bug, or database trouble said as what it is, like every other entry point.
    outcome = oauthFailed(failureFromError("credentials", "finishing OAuth", error).reason);
  }
  return redirectTo(origin, returnUrl(outcome));
}

function returnUrl(outcome: OAuthOutcome): string {
  const url = new URL(outcome.returnPath, "http://placeholder.invalid");
  if (outcome.result.ok && outcome.result.reconnected) {
    url.searchParams.set("oauth", "reconnected");
  } else if (outcome.result.ok) {
    url.searchParams.set("credential", outcome.result.credential.id);
    url.searchParams.set("oauth", "connected");
  } else {
    url.searchParams.set("oauth", outcome.result.reason);
    if (outcome.form && !outcome.form.credentialId) {
      url.searchParams.set("oauthName", outcome.form.name);
      if (outcome.form.description) url.searchParams.set("oauthDescription", outcome.form.description);
    }
  }
  return `${url.pathname}${url.search}`;
}

function redirectTo(origin: string, path: string) {
  // 303: the browser GETs the Authenticate screen; no-store: nothing here is worth caching.
  return NextResponse.redirect(new URL(path, origin), { status: 303, headers: { "Cache-Control": "no-store" } });
}
