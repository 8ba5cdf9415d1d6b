import "server-only";

import { getEnv } from "@/lib/config/env";
import { databaseTrouble } from "@/lib/db/errors";
import { takeFromRateLimit } from "@/lib/security/rate-limit";

import { checkCredential } from "./check-credential";
import { claimDueChecks, releaseClaims, scheduleUnscheduled } from "./claim-due-checks";
import { watchPace } from "./watch-pace";

/** Credentials without a schedule given one per pass (saved before the watch, or after a shorter interval). */
const SCHEDULED_PER_PASS = 500;
const RATE_KEY = "watch:checks";

export interface CredentialWatch {
  stop(): void;
}

/**
 * The watch: one loop per instance (its first worker starts it, instrumentation.ts) that checks
 * every credential once per `CREDENTIAL_CHECK_INTERVAL_SECONDS`. Each tick it claims what is due
 * (lib/credential-watch/claim-due-checks.ts: safe with any number of loops on one database), as
 * many as `CREDENTIAL_CHECKS_PER_MINUTE` allows in that tick and free places allow, and counts
 * them against that rate in the database, so all instances together keep to it. How often it
 * ticks and how many checks it runs at once follow the rate (watch-pace.ts).
 */
export function startCredentialWatch(log: (line: string) => void = console.log): CredentialWatch {
  const env = getEnv();
  const settings = { intervalMs: env.CREDENTIAL_CHECK_INTERVAL_SECONDS * 1000 };
  const perMinute = env.CREDENTIAL_CHECKS_PER_MINUTE;
  const pace = watchPace(perMinute);
  let inFlight = 0;
  let stopped = false;
  let ticking = false;
  let lastTrouble = 0;
  // Credentials get their schedule when saved; only those from before the watch, or from under a
  // longer interval, lack one. So: at start, again while a pass finds a full batch, then once an interval.
  let scheduleDueAt = 0;

  const tick = async () => {
    if (stopped || ticking) return;
    ticking = true;
    try {
      const now = new Date();
      if (now.getTime() >= scheduleDueAt) {
        const scheduled = await scheduleUnscheduled(SCHEDULED_PER_PASS, now, settings);
        scheduleDueAt = scheduled === SCHEDULED_PER_PASS ? 0 : now.getTime() + settings.intervalMs;
      }
      const claimed = await claimDueChecks(Math.min(pace.perTick, pace.inFlight - inFlight), now, settings);
      if (claimed.length === 0) return;
      const allowed = await takeFromRateLimit(RATE_KEY, perMinute, 60_000, claimed.length, now);
      await releaseClaims(claimed.slice(allowed.granted), allowed.retryAt);
      for (const id of claimed.slice(0, allowed.granted)) {
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

  const timer = setInterval(() => void tick(), pace.tickMs);
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
