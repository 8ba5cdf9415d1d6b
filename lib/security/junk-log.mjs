// What the server logs about requests it refuses (unknown host names, unsupported methods, odd
// request lines, foreign origins…). Anyone can send thousands of those a second, so the log gets
// the first of each kind in a minute in full, then one summary line at the end of that minute with
// how many more of each kind came: bounded whatever is sent. Plain JavaScript with no imports:
// `npm start`'s server (server/front-door.mjs) and the app's guards (lib/security/request-guards.ts)
// both use it, and Next.js bundles its own copy of this module, so the per-process state lives on
// globalThis (one window per process, whichever copy notes a request). Types in junk-log.d.mts.

export const JUNK_LOG_WINDOW_MS = 60_000;

/**
 * A junk log: `note(kind, line)` writes `line` if it is the first of `kind` this minute, else
 * counts it; the counts are written as one line when the minute ends.
 */
export function createJunkLog({
  write = (line) => console.warn(line),
  now = Date.now,
  windowMs = JUNK_LOG_WINDOW_MS,
} = {}) {
  let windowStart = Number.NEGATIVE_INFINITY;
  const said = new Set();
  const more = new Map();
  let timer;

  function flush() {
    clearTimeout(timer);
    timer = undefined;
    if (more.size > 0) {
      const total = [...more.values()].reduce((sum, count) => sum + count, 0);
      const parts = [...more].map(([kind, count]) => `${kind} ×${count}`).join(", ");
      write(`[http] Refused ${total} more request${total === 1 ? "" : "s"} in the last minute: ${parts}.`);
    }
    said.clear();
    more.clear();
  }

  return {
    note(kind, line) {
      const at = now();
      if (at - windowStart >= windowMs) {
        flush();
        windowStart = at;
      }
      if (!said.has(kind)) {
        said.add(kind);
        write(line);
        return;
      }
      more.set(kind, (more.get(kind) ?? 0) + 1);
      timer ??= setTimeout(flush, Math.max(0, windowStart + windowMs - at));
      timer.unref?.();
    },
    flush,
  };
}

const SHARED = Symbol.for("clickup-credentials.junk-log");

/** This process's junk log. */
export function noteJunkRequest(kind, line) {
  globalThis[SHARED] ??= createJunkLog();
  globalThis[SHARED].note(kind, line);
}
