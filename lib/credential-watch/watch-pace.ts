/**
 * How the watch loop paces itself for a global rate of `perMinute` checks. Pure: a unit test pins
 * the numbers.
 *
 * - It ticks often enough that a tick's share of the rate is small (at 6,000 a minute, 10 every
 *   100 ms rather than 100 at each second's start), so checks do not arrive at the database — and
 *   at the saves people are waiting for — in bursts; never more than ten times a second, since
 *   every tick asks the database for due work, and never less than once a second.
 * - It runs about a second's worth of checks at once: enough to keep the rate while a check (two
 *   connector calls and a write) takes under a second; at least 8, and at most 64, each holding a
 *   connection to the connector for up to CLICKUP_TIMEOUT_MS.
 */
export const MIN_TICK_MS = 100;
export const MAX_TICK_MS = 1000;
export const MIN_IN_FLIGHT = 8;
export const MAX_IN_FLIGHT = 64;

export interface WatchPace {
  tickMs: number;
  /** Checks claimed per tick at most. */
  perTick: number;
  /** Checks running at once at most. */
  inFlight: number;
}

export function watchPace(perMinute: number): WatchPace {
  const clamp = (value: number, min: number, max: number) => Math.min(max, Math.max(min, value));
  const tickMs = clamp(Math.round(60_000 / perMinute), MIN_TICK_MS, MAX_TICK_MS);
  return {
    tickMs,
    perTick: Math.max(1, Math.ceil((perMinute * tickMs) / 60_000)),
    inFlight: clamp(Math.ceil(perMinute / 60), MIN_IN_FLIGHT, MAX_IN_FLIGHT),
  };
}
