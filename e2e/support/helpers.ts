import { createDecipheriv, randomBytes } from "node:crypto";
import fs from "node:fs";
import { expect, type Page } from "@playwright/test";

import { execute, queryRows } from "./database";
import { E2E } from "./e2e-env";

/** A token the fake ClickUp treats according to its prefix (see fake-clickup.mjs); unique per call. */
export function fakeToken(
  behaviour: "good" | "other" | "long" | "revoked" | "ratelimited" | "broken" | "badjson" | "slow" | "silent",
) {
  return `pk_${behaviour}_${randomBytes(12).toString("hex")}`;
}

export function uniqueName(prefix: string) {
  return `${prefix} ${randomBytes(4).toString("hex")}`;
}

export interface FakeRequest {
  method: string;
  path: string;
  authorization: string | null;
}

/** Requests the fake ClickUp received carrying this token (in any form). */
export async function fakeRequestsWith(token: string): Promise<FakeRequest[]> {
  const response = await fetch(`${E2E.fakeClickUpUrl}/__fake/requests`);
  const all = (await response.json()) as FakeRequest[];
  return all.filter((request) => request.authorization?.includes(token.replace(/^bearer\s+/i, "")));
}

export interface StoredCredentialRow {
  id: string;
  name: string;
  description: string;
  secretCiphertext: string;
  secretKeyId: string;
  accountName: string;
  authMethod: string;
  callsPerMinute: number;
}

/** The credentials the app stored (read from its real database). */
export async function storedCredentials(where?: { name?: string }): Promise<StoredCredentialRow[]> {
  const rows = await queryRows<StoredCredentialRow>('SELECT * FROM "Credential"');
  return where?.name === undefined ? rows : rows.filter((row) => row.name === where.name);
}

export { databaseBytes } from "./database";

/** Opens a stored ciphertext with the e2e key ring, independently of the app's code. */
export function decryptStored(row: { id: string; secretCiphertext: string; secretKeyId: string }): string {
  const [keyId, keyText] = E2E.keyRing!.split(":");
  expect(row.secretKeyId).toBe(keyId);
  const [version, iv, tag, data] = row.secretCiphertext.split(".");
  const decipher = createDecipheriv("aes-256-gcm", Buffer.from(keyText, "base64"), Buffer.from(iv, "base64url"));
  decipher.setAAD(Buffer.from(`${version}|${keyId}|credential:${row.id}`));
  decipher.setAuthTag(Buffer.from(tag, "base64url"));
  return Buffer.concat([decipher.update(Buffer.from(data, "base64url")), decipher.final()]).toString("utf8");
}

export function serverLog(): string {
  return fs.readFileSync(E2E.serverLog, "utf8");
}

export async function openAddCredential(page: Page, path = "/sources/new/clickup") {
  await page.goto(path);
  await page.getByRole("button", { name: "Add Credential" }).click();
  const dialog = page.getByRole("dialog", { name: "Add New Credential" });
  await expect(dialog).toBeVisible();
  return dialog;
}

export async function fillCredential(page: Page, values: { name?: string; description?: string; apiKey?: string }) {
  if (values.name !== undefined) await page.getByLabel("Credential Name").fill(values.name);
  if (values.description !== undefined) await page.getByLabel("Credential Description").fill(values.description);
  if (values.apiKey !== undefined) await page.getByLabel("API Key").fill(values.apiKey);
}

/** Makes the fake ClickUp reject this token from now on (as regenerating it in ClickUp does). */
export async function revokeAtFakeClickUp(token: string) {
  await fetch(`${E2E.fakeClickUpUrl}/__fake/revoke`, { method: "POST", body: token });
}

/** Changes what the fake ClickUp answers for one token (e2e/support/fake-clickup.mjs, POST /__fake/token). */
export async function controlFakeToken(
  token: string,
  control: {
    revoked?: boolean;
    account?: "other" | "own";
    dropWorkspaces?: string[];
    fail?: 500 | 429;
    forMs?: number;
    /** ClickUp's per-token rate limit (calls in any 60-second window); null turns it off. */
    limitPerMinute?: number | null;
  },
) {
  const response = await fetch(`${E2E.fakeClickUpUrl}/__fake/token`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ token, ...control }),
  });
  if (!response.ok) throw new Error(`The fake ClickUp refused the control: ${response.status}`);
}

/** Each call the fake ClickUp received with a token it rate-limits (`limitPerMinute`): when, and its status. */
export async function fakeCallLog(token: string): Promise<{ at: number; status: number }[]> {
  const response = await fetch(`${E2E.fakeClickUpUrl}/__fake/calls`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ token }),
  });
  return ((await response.json()) as { calls: { at: number; status: number }[] }).calls;
}

/** Adds a credential through the overlay and waits for its tile to be selected. */
export async function addCredential(
  page: Page,
  path: string,
  values: { name: string; apiKey: string; description?: string },
) {
  const dialog = await openAddCredential(page, path);
  await fillCredential(page, values);
  await dialog.getByRole("button", { name: "Save" }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByRole("radio", { name: values.name })).toHaveAttribute("aria-checked", "true");
}

/**
 * Continue from the Authenticate screen and wait for Configure. Without the wait, getByLabel("Name")
 * can resolve on the old page while it is still there: a tile whose credential name contains "name".
 */
export async function continueToConfigure(page: Page) {
  await page.getByRole("button", { name: "Continue" }).click();
  await expect(page.getByRole("heading", { name: "Configure" })).toBeVisible();
}

/**
 * Token checks are counted per wall-clock minute: a test that expects a limit to be reached waits,
 * if need be, until a minute has just begun, so that all of its `needMs` of requests land in one
 * window (the last CI run's 8 saves straddled 11:20:00 and were counted in two).
 */
export async function startEarlyInAMinute(page: Page, needMs: number) {
  const intoMinute = Date.now() % 60_000;
  if (intoMinute > 60_000 - needMs) await page.waitForTimeout(60_500 - intoMinute);
}

/** The id of the suite's admin (created by auth.setup.ts), for rows seeded directly. */
export async function adminId(): Promise<string> {
  const [admin] = await queryRows<{ id: string }>('SELECT id FROM "User" WHERE email = ?', E2E.admin.email);
  if (!admin) throw new Error("The admin does not exist: auth.setup.ts runs first.");
  return admin.id;
}

/** Runs a statement against the app's database (to simulate another tab or process); returns rows changed. */
export async function writeDatabase(sql: string, ...params: unknown[]): Promise<number> {
  return execute(sql, ...params);
}
