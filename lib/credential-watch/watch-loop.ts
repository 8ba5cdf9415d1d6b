import "server-only";

import { getEnv } from "@/lib/config/env";
import { databaseTrouble } from "@/lib/db/errors";
import { consumeRateLimit } from "@/lib/security/rate-limit";

import { checkCredential } from "./check-credential";
import { claimDueChecks, releaseClaim, scheduleUnscheduled } from "./claim-due-checks";

/** Checks one process runs at once: the connector's answers take up to CLICKUP_TIMEOUT_MS each. */
const CHECKS_IN_FLIGHT = 8;
/** How often the loop looks for due checks. */
const TICK_MS = 1000;
/** Credentials without a schedule given one per tick (saved before the watch, or after a shorter interval). */
const SCHEDULED_PER_TICK = 500;

export interface CredentialWatch {
  stop(): void;
}

/**
 * The watch: one loop per instance (its first worker starts it, instrumentation.ts) that checks
 * every credential once per `CREDENTIAL_CHECK_INTERVAL_SECONDS`. Each second it claims what is due
 * (lib/credential-watch/claim-due-checks.ts: safe with any number of loops on one database), as
 * many as `CREDENTIAL_CHECKS_PER_MINUTE` allows in that second and free places allow, and counts
 * each against that rate in the database, so all instances together keep to it.
 */
export function startCredentialWatch(log: (line: string) => void = console.log): CredentialWatch {
  const env = getEnv();
  const settings = { intervalMs: env.CREDENTIAL_CHECK_INTERVAL_SECONDS * 1000 };
  const perMinute = env.CREDENTIAL_CHECKS_PER_MINUTE;
  const perTick = Math.max(1, Math.ceil((perMinute * TICK_MS) / 60_000));
  let inFlight = 0;
  let stopped = false;
  let ticking = false;
  let lastTrouble = 0;

  const tick = async () => {
    if (stopped || ticking) return;
    ticking = true;
    try {
      const now = new Date();
      await scheduleUnscheduled(SCHEDULED_PER_TICK, now, settings);
      const claimed = await claimDueChecks(Math.min(perTick, CHECKS_IN_FLIGHT - inFlight), now, settings);
      for (const id of claimed) {
        const allowed = await consumeRateLimit("watch:checks", perMinute, 60_000, now);
        if (!allowed.allowed) {
          await releaseClaim(id, allowed.retryAt);
          continue;
        }
        inFlight += 1;
        void checkCredential(id, "schedule")
          .then((result) => {
            if (result.ok && result.changed) log(`[watch] credential ${id} is now ${result.state}`);
          })
          .catch((error: unknown) => logTrouble(error))
          .finally(() => (inFlight -= 1));
      }
    } catch (error) {
      logTrouble(error);
    } finally {
      ticking = false;
    }
  };

  // Database trouble (busy, out of space, unreachable) is said at most once a minute; the loop goes on.
  const logTrouble = (error: unknown) => {
    const now = Date.now();
    if (now - lastTrouble < 60_000) return;
    lastTrouble = now;
    const trouble = databaseTrouble(error);
    const said = trouble ? `the database is ${trouble === "outOfSpace" ? "out of space" : trouble}` : String(error);
    log(`[watch] scheduled checks paused: ${said}; trying again each second`);
  };

  const timer = setInterval(() => void tick(), TICK_MS);
  // A stopping server must not wait for the watch: a check cut short is due again next interval.
  timer.unref();
  log(
    `[watch] checking each credential every ${env.CREDENTIAL_CHECK_INTERVAL_SECONDS} s, at most ${perMinute} checks a minute`,
  );
  return {
    stop() {
      stopped = true;
      clearInterval(timer);
    },
  };
}
