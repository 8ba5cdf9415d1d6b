import "server-only";

import { createHash, randomUUID } from "node:crypto";
import { APIError } from "better-auth/api";
import { headers } from "next/headers";

import { invalidInput, type ActionResult } from "@/lib/action-result";
import { getDb, inTransaction } from "@/lib/db/client";
import { isUniqueViolation } from "@/lib/db/errors";
import type { Prisma } from "@/lib/generated/prisma/client";

import { hashPassword } from "./password";
import { newAccountSchema, signInSchema, type AccountField } from "./schema";
import { authForRequest } from "./session";
import { limitSignInAttempts } from "./sign-in-limit";

/** `signedIn: false`: the account exists but the session could not be started; go and sign in. */
export type AccountResult = ActionResult<{ name: string; signedIn: boolean }, AccountField>;
export type SignInResult = ActionResult<{ name: string }, "email" | "password">;

const ACCOUNT_FIELDS = ["name", "email", "password"] as const;
const EMAIL_TAKEN = "An account with this email address already exists. Sign in instead, or use another address.";

export function hashInvitationToken(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}

async function insertPerson(
  tx: Prisma.TransactionClient,
  person: { name: string; email: string; passwordHash: string; role: "owner" | "member" },
): Promise<string> {
  const id = randomUUID();
  await tx.user.create({ data: { id, name: person.name, email: person.email, role: person.role } });
  // Better Auth's "credential" account: where it looks for the password hash at sign-in.
  await tx.account.create({
    data: { id: randomUUID(), accountId: id, providerId: "credential", userId: id, password: person.passwordHash },
  });
  return id;
}

/**
 * Starts a session for someone whose account was just created (sets the cookie), ending any
 * session this browser had first (someone signed in accepting an invitation becomes the new person,
 * and the old session must not linger). False when it could not: the account exists regardless.
 */
async function startSession(email: string, password: string): Promise<boolean> {
  try {
    await signOut();
    const auth = await authForRequest();
    await auth.api.signInEmail({ body: { email, password }, headers: await headers() });
    return true;
  } catch (error) {
    console.error(
      `[auth] starting a session for a new account failed: ${error instanceof Error ? `${error.name}: ${error.message}` : "unknown error"}`,
    );
    return false;
  }
}

const ALREADY_SET_UP = "This app already has an owner account. Sign in instead.";

/**
 * First-run setup: creates the owner account, if there is none yet, and signs them in. Anything
 * saved before accounts existed becomes theirs. The Installation row's fixed key makes two
 * simultaneous setups produce one owner and one clear refusal.
 */
export async function setUpOwner(input: unknown): Promise<AccountResult> {
  const parsed = newAccountSchema.safeParse(input);
  if (!parsed.success) return invalidInput(parsed.error, ACCOUNT_FIELDS);
  const { name, email, password } = parsed.data;
  // Checked before the (deliberately expensive) hashing, so posting to a finished setup costs nothing.
  if (await getDb().installation.findUnique({ where: { id: 1 }, select: { id: true } }))
    return { ok: false, message: ALREADY_SET_UP };
  const passwordHash = await hashPassword(password);
  try {
    await inTransaction(async (tx) => {
      const id = await insertPerson(tx, { name, email, passwordHash, role: "owner" });
      await tx.installation.create({ data: { id: 1, ownerId: id } });
      await tx.credential.updateMany({ where: { ownerId: null }, data: { ownerId: id } });
      await tx.connection.updateMany({ where: { ownerId: null }, data: { ownerId: id } });
    });
  } catch (error) {
    if (isUniqueViolation(error)) return { ok: false, message: ALREADY_SET_UP };
    throw error;
  }
  return { ok: true, data: { name, signedIn: await startSession(email, password) } };
}

export type InvitationState = { valid: true; invitedBy: string; expiresAt: string } | { valid: false; message: string };

const INVITATION_UNUSABLE =
  "This invitation link is not valid: it may have been used already, revoked, or mistyped. Ask the person who invited you for a new link.";

export async function describeInvitation(token: string): Promise<InvitationState> {
  if (!/^[A-Za-z0-9_-]{20,100}$/.test(token)) return { valid: false, message: INVITATION_UNUSABLE };
  const invitation = await getDb().invitation.findUnique({
    where: { tokenHash: hashInvitationToken(token) },
    include: { createdBy: { select: { name: true } } },
  });
  if (!invitation || invitation.acceptedAt) return { valid: false, message: INVITATION_UNUSABLE };
  if (invitation.expiresAt <= new Date())
    return { valid: false, message: "This invitation link has expired. Ask the person who invited you for a new one." };
  return { valid: true, invitedBy: invitation.createdBy.name, expiresAt: invitation.expiresAt.toISOString() };
}

/** Creates a member account from an invitation link (used once) and signs them in. */
export async function acceptInvitation(token: unknown, input: unknown): Promise<AccountResult> {
  if (typeof token !== "string") return { ok: false, message: INVITATION_UNUSABLE };
  const state = await describeInvitation(token);
  if (!state.valid) return { ok: false, message: state.message };
  const parsed = newAccountSchema.safeParse(input);
  if (!parsed.success) return invalidInput(parsed.error, ACCOUNT_FIELDS);
  const { name, email, password } = parsed.data;
  const passwordHash = await hashPassword(password);
  try {
    await inTransaction(async (tx) => {
      const userId = await insertPerson(tx, { name, email, passwordHash, role: "member" });
      // Claimed atomically: of two people using one link at once, only one gets an account.
      const { count } = await tx.invitation.updateMany({
        where: { tokenHash: hashInvitationToken(token), acceptedAt: null, expiresAt: { gt: new Date() } },
        data: { acceptedAt: new Date(), acceptedUserId: userId },
      });
      // Throwing rolls the new account back.
      if (count === 0) throw new InvitationUsedError();
    });
  } catch (error) {
    if (error instanceof InvitationUsedError) return { ok: false, message: INVITATION_UNUSABLE };
    if (isUniqueViolation(error)) return { ok: false, message: EMAIL_TAKEN, fieldErrors: { email: EMAIL_TAKEN } };
    throw error;
  }
  return { ok: true, data: { name, signedIn: await startSession(email, password) } };
}

class InvitationUsedError extends Error {}

/** Sign-in with email and password, limited per account and per client. */
export async function signIn(input: unknown, clientKey: string): Promise<SignInResult> {
  const parsed = signInSchema.safeParse(input);
  if (!parsed.success) return invalidInput(parsed.error, ["email", "password"] as const);
  const { email, password } = parsed.data;
  const limited = await limitSignInAttempts(email, clientKey);
  if (limited) return { ok: false, message: limited };
  const auth = await authForRequest();
  try {
    const result = await auth.api.signInEmail({ body: { email, password }, headers: await headers() });
    return { ok: true, data: { name: result.user.name } };
  } catch (error) {
    // One message for "no such person" and "wrong password", so neither can be probed.
    if (error instanceof APIError) return { ok: false, message: "Incorrect email or password." };
    throw error;
  }
}

/** Ends this browser's session in the database (so it is over on every instance) and clears the cookie. */
export async function signOut(): Promise<void> {
  const auth = await authForRequest();
  try {
    await auth.api.signOut({ headers: await headers() });
  } catch (error) {
    // Already signed out (no or unknown session): nothing to end.
    if (!(error instanceof APIError)) throw error;
  }
}
