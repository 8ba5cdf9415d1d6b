import "server-only";

// Optimistic concurrency over HTTP: a credential's ETag is its version (the number the pages send
// back with an edit), so If-Match on PATCH and PUT is the pages' stale-edit check.

export function versionTag(version: number): string {
  return `"v${version}"`;
}

/**
 * The version an If-Match header names: undefined when there is none (the change applies to the
 * current version), "invalid" for anything that is not one of our ETags (or is "*", or a list).
 */
export function ifMatchVersion(header: string | null): number | undefined | "invalid" {
  if (header === null) return undefined;
  const match = /^\s*(?:W\/)?"v([1-9][0-9]{0,9})"\s*$/.exec(header);
  return match ? Number(match[1]) : "invalid";
}
