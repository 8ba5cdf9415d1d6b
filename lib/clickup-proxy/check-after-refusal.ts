import "server-only";

import { checkCredential } from "@/lib/credential-watch/check-credential";
import { consumeRateLimit } from "@/lib/security/rate-limit";

/** At most one check per credential per this window, however many refusals come through. */
const ONE_CHECK_PER_MS = 60_000;

// Credentials whose check this process has under way: a flood of refusals while it runs adds
// nothing, not even a database write. Only a shortcut: the database window below is the rule,
// across workers and instances.
const underWay = new Set<string>();

/**
 * Item 5 of issue #29: ClickUp refused a token through the ClickUp proxy (401, or an OAUTH_* code),
 * so the watch checks the credential now, in the background (the caller's answer does not wait).
 * The check asks `/user` (lib/credential-watch/check-credential.ts) and that decides the state: a
 * caller proxying to a path that refuses cannot make a credential look broken. Deduplicated per
 * credential: one check a minute at most, counted in the database (RateLimitWindow).
 */
export function checkAfterRefusal(credentialId: string): void {
  if (underWay.has(credentialId)) return;
  underWay.add(credentialId);
  void (async () => {
    const claimed = await consumeRateLimit(`clickup-proxy:check:${credentialId}`, 1, ONE_CHECK_PER_MS);
    if (!claimed.allowed) return;
    const result = await checkCredential(credentialId, "proxy");
    if (result.ok && result.changed)
      console.log(
        `[clickup-proxy] a refusal through the ClickUp proxy was checked: credential ${credentialId} is now ${result.state}`,
      );
  })()
    .catch((error: unknown) =>
      console.warn(`[clickup-proxy] checking credential ${credentialId} after a refusal failed: ${String(error)}`),
    )
    .finally(() => underWay.delete(credentialId));
}
