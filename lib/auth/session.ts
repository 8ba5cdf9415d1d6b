import "server-only";

import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { cache } from "react";

import { getDb } from "@/lib/db/client";

import { getAuth } from "./better-auth";
import { toRole, type Person } from "./person";
import { safeReturnPath } from "./return-path";

/** Whether this request reached us over https (as the TLS-terminating proxy reports it). */
export async function requestIsSecure(): Promise<boolean> {
  const requestHeaders = await headers();
  return requestHeaders.get("x-forwarded-proto")?.split(",")[0]?.trim() === "https";
}

export async function authForRequest() {
  return getAuth(await requestIsSecure());
}

/**
 * The signed-in person and the id of the session they are signed in with, or null. One session
 * lookup per request (cached). The session id binds an OAuth state to the browser that started it.
 */
export const getSignedInSession = cache(async (): Promise<{ person: Person; sessionId: string } | null> => {
  const auth = await authForRequest();
  const result = await auth.api.getSession({ headers: await headers() });
  if (!result) return null;
  const { user, session } = result;
  return {
    person: { id: user.id, name: user.name, email: user.email, role: toRole((user as { role?: unknown }).role) },
    sessionId: session.id,
  };
});

/** The signed-in person for this request, or null. */
export const getSignedInPerson = cache(
  async (): Promise<Person | null> => (await getSignedInSession())?.person ?? null,
);

export async function hasAnyUser(): Promise<boolean> {
  return (await getDb().user.findFirst({ select: { id: true } })) !== null;
}

/** Where a page a signed-out person asked for should send them: first-run setup, or sign-in. */
export async function signedOutDestination(): Promise<string> {
  if (!(await hasAnyUser())) return "/setup";
  const path = safeReturnPath((await headers()).get("x-request-path"));
  return path && path !== "/" ? `/sign-in?next=${encodeURIComponent(path)}` : "/sign-in";
}

/** For pages: the signed-in person, or a redirect to setup or sign-in. */
export async function requireSignedInPerson(): Promise<Person> {
  const person = await getSignedInPerson();
  if (!person) redirect(await signedOutDestination());
  return person;
}
