import "server-only";

import { getSignedInSession } from "@/lib/auth/session";

import { OAUTH_MESSAGES } from "./messages";
import { takeOAuthOutcome, type ShownOAuthOutcome } from "./outcome-store";

/**
 * Both ends of the way back from the OAuth callback: the query parameter it sets (the outcome
 * record's id, nothing else) and what a page does with it.
 */
export const OAUTH_OUTCOME_PARAM = "oauthOutcome";

/**
 * The outcome the callback recorded for the signed-in person's session, for the page at `path`;
 * used up by this read. Undefined for anything else: no id, a used, expired or foreign one, or a
 * link someone made up.
 */
export async function takeOAuthOutcomeForPage(
  path: string,
  id: string | undefined,
): Promise<ShownOAuthOutcome | undefined> {
  if (!id) return undefined;
  const signedIn = await getSignedInSession();
  if (!signedIn) return undefined;
  return takeOAuthOutcome({ personId: signedIn.person.id, sessionId: signedIn.sessionId }, id, path);
}

/**
 * The callback's own answer when it could not keep the outcome (database trouble, most likely):
 * there is no record for a page to read, so it says so itself. A fixed text, no script, no input.
 */
export function outcomeNotRecordedResponse(): Response {
  const html = `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>Back from ClickUp</title></head>
<body>
<main>
<h1>Back from ClickUp</h1>
<p role="alert">${OAUTH_MESSAGES.outcomeNotRecorded}</p>
<p><a href="/credentials">Open your credentials</a></p>
</main>
</body>
</html>
`;
  return new Response(html, {
    status: 503,
    headers: { "Content-Type": "text/html; charset=utf-8", "Cache-Control": "no-store", "Retry-After": "5" },
  });
}
