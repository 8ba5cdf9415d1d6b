import fs from "node:fs";
import { randomBytes } from "node:crypto";
import Database from "better-sqlite3";
import { expect, type Page } from "@playwright/test";
import { E2E } from "./e2e-env";

/** A token the fake ClickUp treats according to its prefix (see fake-clickup.mjs); unique per call. */
export function fakeToken(behaviour: "good" | "other" | "revoked" | "ratelimited" | "broken" | "badjson" | "slow" | "silent") {
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
}

/** Reads the app's real database file (read-only). */
export function storedCredentials(where?: { name?: string }): StoredCredentialRow[] {
  const db = new Database(E2E.databaseFile, { readonly: true, fileMustExist: true });
  try {
    const rows = db.prepare('SELECT * FROM "Credential"').all() as StoredCredentialRow[];
    return where?.name === undefined ? rows : rows.filter((row) => row.name === where.name);
  } finally {
    db.close();
  }
}

/** Every byte SQLite has on disk for the app's database (main file, WAL, rollback journal). */
export function databaseBytes(): Buffer {
  const files = [E2E.databaseFile, `${E2E.databaseFile}-wal`, `${E2E.databaseFile}-journal`];
  return Buffer.concat(files.filter((file) => fs.existsSync(file)).map((file) => fs.readFileSync(file)));
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

/** Adds a credential through the overlay and waits for its tile to be selected. */
export async function addCredential(page: Page, path: string, values: { name: string; apiKey: string; description?: string }) {
  const dialog = await openAddCredential(page, path);
  await fillCredential(page, values);
  await dialog.getByRole("button", { name: "Save" }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByRole("radio", { name: values.name })).toHaveAttribute("aria-checked", "true");
}

/** Runs a statement against the app's database file (to simulate another tab or process). */
export function writeDatabase(sql: string, ...params: unknown[]) {
  const db = new Database(E2E.databaseFile, { fileMustExist: true });
  try {
    db.pragma("busy_timeout = 5000");
    return db.prepare(sql).run(...params);
  } finally {
    db.close();
  }
}
