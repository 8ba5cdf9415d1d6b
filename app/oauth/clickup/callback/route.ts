import { NextResponse, type NextRequest } from "next/server";

import { getSignedInSession } from "@/lib/auth/session";
import { getEnv } from "@/lib/config/env";
import { finishOAuthConnection } from "@/lib/credentials/finish-oauth-connection";
import { oauthFailed, type OAuthOutcome } from "@/lib/credentials/oauth-outcome";
import { failureFromError } from "@/lib/failures/failure-from-error";
import { currentClientKey } from "@/lib/security/client-key";

/**
 * Where ClickUp sends the person back after the authorise page (the redirect URL registered with
 * the OAuth app: APP_URL + /oauth/clickup/callback). Finishes the flow on the server and returns to
 * the page the person left: the Authenticate screen with the new credential selected, or the
 * reconnected credential's page; or to that page with the reason nothing was stored (a fixed
 * code, turned into text by that page) and, for a new credential, their typed name and
 * description. Neither the code nor the token ever appears in what the browser gets back.
 */
export async function GET(request: NextRequest) {
  const origin = getEnv().APP_URL ?? request.nextUrl.origin;
  const params = request.nextUrl.searchParams;
  let outcome: OAuthOutcome;
  try {
    const signedIn = await getSignedInSession();
    if (!signedIn) return redirectTo(origin, "/sign-in");
    outcome = await finishOAuthConnection(
      { ...signedIn, clientKey: await currentClientKey() },
      { state: params.get("state"), code: params.get("code"), error: params.get("error") },
    );
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
