import "server-only";

import { headers } from "next/headers";

/**
 * The client address used to key abuse limits: the last entry of X-Forwarded-For, i.e. the
 * address the nearest proxy saw (Next.js sets the header from the socket when no proxy did).
 * Behind no proxy a client could send its own header, so deploy behind one that sets it.
 */
export async function currentClientKey(): Promise<string> {
  const forwardedFor = (await headers()).get("x-forwarded-for") ?? "";
  const last = forwardedFor
    .split(",")
    .map((part) => part.trim())
    .filter(Boolean)
    .pop();
  return (last ?? "unknown").slice(0, 64);
}
