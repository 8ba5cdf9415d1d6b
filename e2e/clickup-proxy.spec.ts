import { createHash, randomBytes } from "node:crypto";
import type { Page } from "@playwright/test";
import Database from "better-sqlite3";
import createClient from "openapi-fetch";

import type { paths } from "./generated/api-v1";
import { freePort, migratedDatabase, setUpAdmin, startApp, type AppInstance } from "./support/app-instance";
import { E2E } from "./support/e2e-env";
import { addCredential, fakeRequestsWith, fakeToken, uniqueName } from "./support/helpers";
import { fiveCallersShareOneBudget, saveCredentialThroughApi } from "./support/proxy-callers";
import { expect, test } from "./support/test";

// The ClickUp proxy end to end (issue #29), on a server of its own (a second person is written
// into its database, which the suite's shared one must not get): the owner's per-share switch on
// the credential page, by keyboard, holding from the next call; and a pipeline's calls through the
// built app — a multipart upload with a Next-Action header (never a server action there) and a
// typed client's call whose path has several segments.

test.describe.configure({ mode: "serial", timeout: 120_000 });

let database: ReturnType<typeof migratedDatabase>;
let app: AppInstance;
const ADMIN = { name: "Proxy Admin", email: "proxy.admin@example.test", password: "proxy admin passphrase" };
const member = { id: "proxy-member", name: "Mia Member", email: "mia.proxy@example.test" };
const memberKey = `cuk_${randomBytes(32).toString("base64url")}`;
const token = fakeToken("good");
const credential = { name: uniqueName("Pipeline's ClickUp"), id: "" };
/** An API key of the admin's, made by the second test, for the third. */
let keyForLater = "";

test.beforeAll(async () => {
  test.setTimeout(150_000);
  database = migratedDatabase("clickup-proxy");
  app = startApp({
    port: await freePort(3340, 3359),
    via: "start-script",
    env: {
      DATABASE_URL: database.url,
      CLICKUP_API_BASE_URL: E2E.fakeClickUpUrl,
      CLICKUP_TIMEOUT_MS: "1500",
      CREDENTIAL_ENCRYPTION_KEYS: E2E.keyRing!,
      CREDENTIAL_CHECK_INTERVAL_SECONDS: "604800",
      // Two workers: the rate budget below must hold across processes on the embedded database.
      WEB_CONCURRENCY: "2",
    },
  });
  await app.waitUntilServing("/sources/new/clickup", 90_000);
});

test.afterAll(async () => {
  await app?.stop();
  database?.remove();
});

/** The second person, and an API key of theirs, written as the app writes them (after setup: any person ends first-run setup). */
function addMember() {
  const db = new Database(database.file);
  const now = new Date().toISOString();
  db.prepare(
    'INSERT INTO "User" (id, name, email, "emailVerified", role, "createdAt", "updatedAt") VALUES (?, ?, ?, 0, ?, ?, ?)',
  ).run(member.id, member.name, member.email, "member", now, now);
  db.prepare('INSERT INTO "ApiKey" (id, "userId", name, prefix, "keyHash", "createdAt") VALUES (?, ?, ?, ?, ?, ?)').run(
    "proxy-member-key",
    member.id,
    "Mia's pipeline",
    memberKey.slice(0, 12),
    createHash("sha256").update(memberKey).digest("hex"),
    now,
  );
  db.close();
}

const proxyUrl = (rest: string) => `${app.url}/api/v1/credentials/${credential.id}/clickup/${rest}`;
const asMember = (rest: string) => fetch(proxyUrl(rest), { headers: { authorization: `Bearer ${memberKey}` } });

async function createKey(page: Page, name: string): Promise<string> {
  await page.goto(`${app.url}/api-keys`);
  await page.getByLabel("Name").fill(name);
  await page.getByRole("button", { name: "Create API key" }).click();
  return page.getByRole("textbox", { name: "New API key" }).inputValue();
}

test("the owner turns ClickUp proxy use off and on per share with a labelled switch, by keyboard; the next call obeys", async ({
  page,
}) => {
  await setUpAdmin(page, app.url, ADMIN, () => app.output());
  addMember();
  await addCredential(page, `${app.url}/sources/new/clickup`, { name: credential.name, apiKey: token });
  credential.id = (await page.getByRole("radio", { name: credential.name }).getAttribute("data-credential-id"))!;

  await page.goto(`${app.url}/credentials/${credential.id}`);
  const sharing = page.getByRole("region", { name: "Sharing" });
  await sharing.getByLabel("Share with").selectOption({ label: `${member.name} (${member.email})` });
  await sharing.getByRole("button", { name: "Share", exact: true }).click();
  await expect(sharing.getByRole("status")).toHaveText(`Shared "${credential.name}" with ${member.name}.`);

  // On by default: sharing lets them use it, the ClickUp proxy included.
  const proxySwitch = sharing.getByRole("switch", { name: `ClickUp proxy use by ${member.name}` });
  await expect(proxySwitch).toBeChecked();
  const allowed = await asMember("proxy-test/echo/ping");
  expect(allowed.status).toBe(200);
  expect(allowed.headers.get("x-answered-by")).toBe("clickup");

  await proxySwitch.focus();
  await page.keyboard.press("Space");
  await expect(sharing.getByRole("status")).toHaveText(
    `${member.name} can no longer call ClickUp with "${credential.name}" through the ClickUp proxy.`,
  );
  await expect(proxySwitch).not.toBeChecked();
  const refused = await asMember("proxy-test/echo/ping");
  expect(refused.status).toBe(404);
  expect(refused.headers.get("content-type")).toBe("application/problem+json");
  expect(await refused.json()).toMatchObject({ code: "not-found" });

  // Said so after a reload too, and turned back on the same way.
  await page.reload();
  await expect(proxySwitch).not.toBeChecked();
  await proxySwitch.focus();
  await page.keyboard.press("Space");
  await expect(proxySwitch).toBeChecked();
  expect((await asMember("proxy-test/echo/ping")).status).toBe(200);
  await expect(page.getByRole("region", { name: "Activity" }).getByRole("listitem").first()).toContainText(
    "ClickUp proxy use changed",
  );
});

test("a pipeline uploads a file and calls a several-segment path through the ClickUp proxy, never reading the token", async ({
  page,
}) => {
  await page.goto(`${app.url}/sign-in`);
  if (await page.getByLabel("Email").count()) {
    await page.getByLabel("Email").fill(ADMIN.email);
    await page.getByLabel("Password").fill(ADMIN.password);
    await page.getByRole("button", { name: "Sign in" }).click();
    await page.waitForURL(`${app.url}/`);
  }
  const key = await createKey(page, uniqueName("Pipeline key"));
  keyForLater = key;

  // A multipart upload (a ClickUp attachment), with a Next-Action header: passed to ClickUp whole,
  // never run as a server action.
  const form = new FormData();
  const file = randomBytes(200_000);
  form.append("attachment", new Blob([file], { type: "image/png" }), "screenshot.png");
  const encoded = new Request("http://encode.invalid", { method: "POST", body: form });
  const body = Buffer.from(await encoded.arrayBuffer());
  const upload = await fetch(proxyUrl("task/86abc123/attachment"), {
    method: "POST",
    headers: {
      authorization: `Bearer ${key}`,
      "content-type": encoded.headers.get("content-type")!,
      "next-action": "7f00000000000000000000000000000000000000",
      origin: "https://elsewhere.example",
    },
    body,
  });
  expect(upload.status).toBe(200);
  expect(upload.headers.get("x-answered-by")).toBe("clickup");
  const echoed = await upload.json();
  expect(echoed).toMatchObject({
    method: "POST",
    path: "/api/v2/task/86abc123/attachment",
    bodyBytes: body.length,
    bodySha256: createHash("sha256").update(body).digest("hex"),
  });
  expect(echoed.headers["next-action"]).toBeUndefined();
  expect(echoed.headers["content-type"]).toBe(encoded.headers.get("content-type"));
  expect(app.output()).not.toMatch(/Server Action/i);

  // The typed client sends the path parameter encoded: list%2F901%2Ftask.
  const api = createClient<paths>({ baseUrl: app.url, headers: { authorization: `Bearer ${key}` } });
  const listed = await api.GET("/api/v1/credentials/{id}/clickup/{path}", {
    params: { path: { id: credential.id, path: "list/901/task" } },
  });
  expect(listed.response.status).toBe(200);
  expect(listed.response.url).toContain("/clickup/list%2F901%2Ftask");
  expect(listed.data).toMatchObject({ method: "GET", path: "/api/v2/list/901/task" });

  const calls = await fakeRequestsWith(token);
  expect(calls.map((call) => `${call.method} ${call.path}`)).toEqual(
    expect.arrayContaining(["POST /api/v2/task/86abc123/attachment", "GET /api/v2/list/901/task"]),
  );
  expect(calls.every((call) => call.authorization === token)).toBe(true);
  for (const text of [JSON.stringify(echoed), JSON.stringify(listed.data), app.output()])
    expect(text).not.toContain(token);
});

test("five pipelines calling through one credential at once share its rate budget across two workers: ClickUp answers no 429, and each call goes through or is told Retry-After by us", async () => {
  const shared = { name: uniqueName("Five pipelines"), token: fakeToken("good") };
  const credentialId = await saveCredentialThroughApi(app.url, keyForLater, shared);
  // A budget of 5 a minute makes in seconds the point 100 a minute would make in minutes.
  const { through, refused } = await fiveCallersShareOneBudget({
    appUrls: [app.url],
    credentialId,
    token: shared.token,
    apiKey: keyForLater,
    limit: 5,
    callsEach: 3,
  });
  expect(through + refused).toBe(15);
});
