import "server-only";

import { createHmac, randomUUID } from "node:crypto";
import { betterAuth } from "better-auth";
import { prismaAdapter } from "better-auth/adapters/prisma";
import { nextCookies } from "better-auth/next-js";

import { getCredentialKeyRing } from "@/lib/config/encryption-keys";
import { getEnv } from "@/lib/config/env";
import { databaseKind } from "@/lib/config/startup-rules.mjs";
import { getDb, inTransaction } from "@/lib/db/client";

import { hashPassword, verifyPassword } from "./password";

export const SESSION_DAYS = 7;

/**
 * The secret that signs session cookies: AUTH_SECRET when set; otherwise derived from the active
 * credential encryption key (so a one-machine install needs no extra setup). Rotating that key
 * then signs everyone out, which README.md mentions; set AUTH_SECRET to avoid it. Device cookies
 * (lib/auth/known-browser.ts) are signed with a key derived from it.
 */
export function sessionSigningSecret(): string {
  const { AUTH_SECRET } = getEnv();
  if (AUTH_SECRET) return AUTH_SECRET;
  const ring = getCredentialKeyRing();
  return createHmac("sha256", ring.keys.get(ring.activeKeyId)!).update("session-cookie-signing-v1").digest("base64url");
}

/**
 * Better Auth sees the app's Prisma client, except that its own transactions go through
 * inTransaction: on SQLite's single connection that keeps other requests' queries out of them.
 */
function databaseForAuth() {
  const db = getDb();
  return new Proxy(db, {
    get(target, property, receiver) {
      if (property === "$transaction") return (work: Parameters<typeof inTransaction>[0]) => inTransaction(work);
      return Reflect.get(target, property, receiver);
    },
  });
}

function createAuth(secureCookies: boolean) {
  return betterAuth({
    appName: "Connector credentials",
    secret: sessionSigningSecret(),
    database: prismaAdapter(databaseForAuth(), {
      provider: databaseKind(getEnv().DATABASE_URL) === "postgresql" ? "postgresql" : "sqlite",
    }),
    emailAndPassword: {
      enabled: true,
      // Accounts are made only by first-run setup and by invitations (lib/auth/accounts.ts), and
      // Better Auth's HTTP handler is not mounted at all: the app calls it from server actions.
      disableSignUp: true,
      maxPasswordLength: 128,
      password: { hash: hashPassword, verify: ({ hash, password }) => verifyPassword(hash, password) },
    },
    user: { additionalFields: { role: { type: "string", input: false, required: false, defaultValue: "member" } } },
    session: {
      expiresIn: SESSION_DAYS * 24 * 60 * 60,
      updateAge: 24 * 60 * 60,
      // Off: every request checks the session row, so signing out (or being removed) takes effect
      // at once on every instance.
      cookieCache: { enabled: false },
    },
    advanced: {
      useSecureCookies: secureCookies,
      cookiePrefix: "connector-credentials",
      // joins: the session lookup on every request reads the session and its person in one query
      // (Prisma `include`) instead of two; each Prisma query costs a compile on the hot path.
      database: { generateId: () => randomUUID(), joins: true },
    },
    // Sign-in attempts are limited by lib/auth/sign-in-limit.ts (in the database, per account and
    // per client); Better Auth's own limiter only guards its HTTP handler, which is not mounted.
    rateLimit: { enabled: false },
    telemetry: { enabled: false },
    logger: { level: "error" },
    plugins: [nextCookies()],
  });
}

type Auth = ReturnType<typeof createAuth>;
const instances = new Map<boolean, Auth>();

/**
 * The Better Auth instance for a request. Cookies are `Secure` (and `__Secure-` prefixed) when the
 * page was served over https, so one build works behind a TLS proxy and on plain http locally.
 */
export function getAuth(secureCookies: boolean): Auth {
  let auth = instances.get(secureCookies);
  if (!auth) {
    auth = createAuth(secureCookies);
    instances.set(secureCookies, auth);
  }
  return auth;
}
