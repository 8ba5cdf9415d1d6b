/**
 * Where to send someone after they sign in, from the `next` they arrived with: a path on this
 * site, re-spelled from its parsed form, or undefined when `next` is not plainly one.
 *
 * A browser (and Next.js's router, which re-resolves the path it is given) reads a path the way a
 * URL parser does: "\" is "/", tabs and newlines vanish, "/./" and "/../" collapse — so "/.//evil"
 * becomes "//evil", another host. Rather than list such spellings, parse `next` against a
 * placeholder origin, insist the origin did not change, and refuse anything whose path, decoded,
 * still holds a doubled slash, a backslash, a dot segment or a control character (one decode
 * further along, by someone, it would be read as one).
 */
const PLACEHOLDER_ORIGIN = "http://placeholder.invalid";
const MAX_LENGTH = 500;
/** Pages that make no sense to return to: they are where signing in starts. */
const NOT_A_DESTINATION = /^\/(sign-in|setup|invite)(\/|$)/;
const CONTROL_OR_SPACE =
  /[\u0000-\u0020\u007f-\u00a0\u00ad\u1680\u180e\u2000-\u200f\u2028-\u202f\u205f-\u2064\u3000\ufeff]/;

export function safeReturnPath(next: string | undefined | null): string | undefined {
  if (!next || next.length > MAX_LENGTH) return undefined;
  if (!next.startsWith("/") || next.startsWith("//") || next.includes("\\") || CONTROL_OR_SPACE.test(next))
    return undefined;
  let url: URL;
  try {
    url = new URL(next, PLACEHOLDER_ORIGIN);
  } catch {
    return undefined;
  }
  if (url.origin !== PLACEHOLDER_ORIGIN) return undefined;
  const decoded = fullyDecoded(url.pathname);
  if (decoded === undefined || !isPlainPath(decoded) || NOT_A_DESTINATION.test(decoded)) return undefined;
  return `${url.pathname}${url.search}`;
}

/** A single leading slash, no empty, "." or ".." segment, no backslash or control character. */
function isPlainPath(path: string): boolean {
  if (!path.startsWith("/") || path.includes("\\") || CONTROL_OR_SPACE.test(path)) return false;
  return path
    .slice(1)
    .split("/")
    .every((segment, index, segments) => {
      if (segment === "." || segment === "..") return false;
      // Only the last segment may be empty (a trailing slash): anything else is a "//".
      return segment !== "" || index === segments.length - 1;
    });
}

/** Percent-decoded until nothing changes (three rounds at most), or undefined if it does not decode. */
function fullyDecoded(path: string): string | undefined {
  let current = path;
  for (let round = 0; round < 3; round += 1) {
    let next: string;
    try {
      next = decodeURIComponent(current);
    } catch {
      return undefined;
    }
    if (next === current) return current;
    current = next;
  }
  return /%[0-9a-f]{2}/i.test(current) ? undefined : current;
}
