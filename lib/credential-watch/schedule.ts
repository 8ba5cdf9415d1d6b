/**
 * When a credential's next scheduled check is due. Pure: the watch loop and the check recorder
 * both ask it, and a unit test pins the numbers.
 */

/** Jitter spreads checks over a tenth of the interval, so credentials saved together are not checked together. */
const JITTER_SHARE = 0.1;
/** Inconclusive answers back off: one interval, then two, then four, never more. */
const MAX_BACKOFF_INTERVALS = 4;

export interface ScheduleSettings {
  intervalMs: number;
  /** Math.random in the app; fixed in tests. */
  random?: () => number;
}

function jitter({ intervalMs, random = Math.random }: ScheduleSettings): number {
  return Math.floor(random() * intervalMs * JITTER_SHARE);
}

/** After a conclusive check (or a save): one interval on, plus jitter. */
export function nextCheckAfter(checkedAt: Date, settings: ScheduleSettings): Date {
  return new Date(checkedAt.getTime() + settings.intervalMs + jitter(settings));
}

/**
 * After the `count`th inconclusive answer in a row: later each time (1, 2, 4 intervals), and never
 * before the connector said its rate limit resets.
 */
export function nextCheckAfterInconclusive(
  checkedAt: Date,
  count: number,
  settings: ScheduleSettings,
  retryAt?: Date,
): Date {
  const intervals = Math.min(2 ** Math.max(0, count - 1), MAX_BACKOFF_INTERVALS);
  const backedOff = checkedAt.getTime() + intervals * settings.intervalMs + jitter(settings);
  return new Date(Math.max(backedOff, retryAt?.getTime() ?? 0));
}

/**
 * A credential never scheduled (saved before the watch existed, or whose schedule was set under a
 * longer interval than today's): due one interval after its last check, but not in the past, where
 * every such credential would be due at once when the app starts: those are spread over the next
 * interval instead.
 */
export function firstCheckDue(lastCheckedAt: Date, now: Date, settings: ScheduleSettings): Date {
  const due = nextCheckAfter(lastCheckedAt, settings);
  if (due.getTime() > now.getTime()) return due;
  const random = settings.random ?? Math.random;
  return new Date(now.getTime() + Math.floor(random() * settings.intervalMs));
}

/** Inconclusive answers for this long (two intervals) turn the state to "unknown". */
export function unknownAfterMs(intervalMs: number): number {
  return 2 * intervalMs;
}
