import { randomUUID } from "node:crypto";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { Webhook } from "standardwebhooks";
import { afterAll, beforeEach, describe, expect, it, vi } from "vitest";

import type { Person } from "@/lib/auth/person";
import { parseKeyRing } from "@/lib/crypto/key-ring";
import { sealSecret } from "@/lib/crypto/secret-box";

import { setUpIntegrationTests, testCaller } from "./setup";

// Outgoing webhooks (lib/webhooks/): the admin adds, lists and deletes them; each delivery is
// signed per Standard Webhooks and checked here with the specification's own library, against a
// receiver on loopback; the signing secret is stored sealed, re-sealed by key rotation and checked
// by restore. Also their API (/api/v1/webhooks), answers checked against the OpenAPI document.

vi.mock("next/headers", () => ({ headers: async () => new Headers({ "x-forwarded-for": "198.51.100.7" }) }));
vi.setConfig({ testTimeout: 30_000 });
// Short, so the slow receiver below is a timeout without making the test slow.
process.env.WEBHOOK_TIMEOUT_MS = "500";
const { database, keyRingText } = await setUpIntegrationTests();
const [
  { createWebhook },
  { deleteWebhook },
  { sendTestEvent },
  { sendWebhook },
  { listWebhooks },
  { rotateCredentialKeys },
  { checkRestoredDatabase },
  { readCounts },
  { createApiKey },
  { openApiDocument },
  collection,
  single,
  testRoute,
] = await Promise.all([
  import("@/lib/webhooks/create-webhook"),
  import("@/lib/webhooks/delete-webhook"),
  import("@/lib/webhooks/send-test-event"),
  import("@/lib/webhooks/send-webhook"),
  import("@/lib/webhooks/queries"),
  import("@/lib/credentials/rotate-credential-keys"),
  import("@/lib/backup/check-restored"),
  import("@/lib/backup/database-facts"),
  import("@/lib/api-keys/create-api-key"),
  import("@/lib/api/openapi"),
  import("@/app/api/v1/webhooks/route"),
  import("@/app/api/v1/webhooks/[id]/route"),
  import("@/app/api/v1/webhooks/[id]/test/route"),
]);

const admin = testCaller;
const mia: Person = { id: "mia", name: "Mia", email: "mia@example.test", role: "member" };
const member = { person: mia, clientKey: "webhook-tests" };
const ALL_EVENTS = [
  "credential.broken",
  "credential.recovered",
  "credential.account_changed",
  "endpoint.workspace_lost",
  "endpoint.workspace_restored",
];

/** What the receiver was sent: one entry per request. */
interface Received {
  path: string;
  headers: Record<string, string>;
  body: string;
}
const received: Received[] = [];

/**
 * A webhook receiver on loopback that answers by path: /ok 200, /accepted 202, /gone 404,
 * /down 503, /throttled 429, /timeout 408, /moved 307 to /ok, /slow never in time.
 */
const receiver = http.createServer((request, response) => {
  const chunks: Buffer[] = [];
  request.on("data", (chunk: Buffer) => chunks.push(chunk));
  request.on("end", () => {
    const path = request.url ?? "";
    received.push({ path, headers: request.headers as Record<string, string>, body: Buffer.concat(chunks).toString() });
    const status: Record<string, number> = {
      "/ok": 200,
      "/accepted": 202,
      "/gone": 404,
      "/down": 503,
      "/throttled": 429,
      "/timeout": 408,
    };
    if (path === "/slow") return void setTimeout(() => response.end("late"), 3_000);
    if (path === "/moved") return void response.writeHead(307, { location: "/ok" }).end();
    response.writeHead(status[path] ?? 500).end("answer body");
  });
});
await new Promise<void>((resolve) => receiver.listen(0, "127.0.0.1", resolve));
const receiverUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}`;
afterAll(() => {
  receiver.closeAllConnections();
  receiver.close();
});

async function addWebhook(path = "/ok", events: string[] = ALL_EVENTS) {
  const result = await createWebhook(admin, { url: `${receiverUrl}${path}`, events });
  if (!result.ok) throw new Error(result.message);
  return result.data;
}

beforeEach(async () => {
  received.length = 0;
  for (const table of ["Delivery", "Webhook", "ApiKey"]) await database.execute(`DELETE FROM "${table}"`);
  await database.execute('DELETE FROM "User" WHERE id <> ?', admin.person.id);
  const now = new Date().toISOString();
  await database.execute(
    'INSERT INTO "User" (id, name, email, role, "createdAt", "updatedAt") VALUES (?, ?, ?, ?, ?, ?)',
    mia.id,
    mia.name,
    mia.email,
    mia.role,
    now,
    now,
  );
});

describe("adding, listing and deleting webhooks", () => {
  it("answers the signing secret once, in the Standard Webhooks form, and stores it only sealed", async () => {
    const { webhook, secret } = await addWebhook("/ok", ["credential.recovered", "credential.broken"]);
    expect(secret).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/);
    expect(Buffer.from(secret.slice(6), "base64")).toHaveLength(32);
    // In the list's order, whatever order they were chosen in.
    expect(webhook).toMatchObject({
      url: `${receiverUrl}/ok`,
      events: ["credential.broken", "credential.recovered"],
      createdByName: admin.person.name,
      secretReadable: true,
      deliveries: [],
    });
    expect(webhook).not.toHaveProperty("secret");
    const [row] = await database.queryRows('SELECT * FROM "Webhook"');
    expect(row.secretKeyId).toBe("it-active");
    expect(JSON.stringify(row)).not.toContain(secret.slice(6, 30));
    expect((await database.databaseBytes()).includes(Buffer.from(secret.slice(6, 30)))).toBe(false);
    expect(JSON.stringify(await listWebhooks(admin.person))).not.toContain(secret.slice(6, 30));
    expect((await addWebhook()).secret).not.toBe(secret);
  });

  it("lists every webhook for the admin and none for a member; deleting removes it with its log", async () => {
    const first = await addWebhook("/ok");
    const second = await addWebhook("/down", ["endpoint.workspace_lost"]);
    expect((await listWebhooks(admin.person)).map((webhook) => webhook.id)).toEqual([
      first.webhook.id,
      second.webhook.id,
    ]);
    expect(await listWebhooks(mia)).toEqual([]);
    await sendTestEvent(admin, { id: first.webhook.id });
    expect(await deleteWebhook(admin, { id: first.webhook.id })).toEqual({ ok: true, data: null });
    expect((await listWebhooks(admin.person)).map((webhook) => webhook.id)).toEqual([second.webhook.id]);
    expect(await database.queryRows('SELECT id FROM "Delivery"')).toEqual([]);
    expect(await deleteWebhook(admin, { id: first.webhook.id })).toMatchObject({ ok: false, reason: "not-found" });
    expect(await deleteWebhook(admin, { id: "not an id!" })).toMatchObject({ ok: false, reason: "not-found" });
  });

  it("is the admin's only: a member can neither add, delete nor test one", async () => {
    const { webhook } = await addWebhook();
    expect(await createWebhook(member, { url: `${receiverUrl}/ok`, events: ALL_EVENTS })).toMatchObject({
      ok: false,
      reason: "admin-only",
    });
    expect(await deleteWebhook(member, { id: webhook.id })).toMatchObject({ ok: false, reason: "admin-only" });
    expect(await sendTestEvent(member, { id: webhook.id })).toMatchObject({ ok: false, reason: "admin-only" });
    expect(received).toEqual([]);
    expect(await database.queryRows('SELECT id FROM "Webhook"')).toHaveLength(1);
  });

  it("refuses a URL that is not http(s), carries a password, or events outside the list, storing nothing", async () => {
    const refusals: [unknown, Record<string, string>][] = [
      [{ url: "", events: ALL_EVENTS }, { url: "Enter the webhook's URL." }],
      [{ url: "ftp://example.test/x", events: ALL_EVENTS }, { url: expect.stringMatching(/https:\/\//) }],
      [{ url: "not a url", events: ALL_EVENTS }, { url: expect.stringMatching(/https:\/\//) }],
      [{ url: "https://user:pass@example.test/x", events: ALL_EVENTS }, { url: expect.stringMatching(/password/) }],
      [{ url: `https://example.test/${"a".repeat(2000)}`, events: ALL_EVENTS }, { url: expect.any(String) }],
      [{ url: "https://example.test/x", events: [] }, { events: "Choose at least one event." }],
      [{ url: "https://example.test/x", events: ["webhook.test"] }, { events: "Choose events from the list." }],
      [{ url: "https://example.test/x" }, { events: "Choose at least one event." }],
    ];
    for (const [input, fieldErrors] of refusals)
      expect(await createWebhook(admin, input), JSON.stringify(input).slice(0, 80)).toMatchObject({
        ok: false,
        reason: "invalid",
        fieldErrors,
      });
    expect(await createWebhook(admin, "junk")).toMatchObject({ ok: false, reason: "malformed" });
    expect(await database.queryRows('SELECT id FROM "Webhook"')).toEqual([]);
    // Loopback is a webhook's usual home in development and tests (the contract accepts it).
    expect((await createWebhook(admin, { url: "http://localhost:9/hook", events: ALL_EVENTS })).ok).toBe(true);
  });

  it("keeps at most 20 webhooks", async () => {
    for (let i = 0; i < 20; i++) await addWebhook(`/ok?n=${i}`);
    expect(await createWebhook(admin, { url: `${receiverUrl}/ok`, events: ALL_EVENTS })).toMatchObject({
      ok: false,
      reason: "refused",
      message: expect.stringContaining("20 webhooks"),
    });
  });
});

describe("sendWebhook", () => {
  it("signs per Standard Webhooks: the specification's library verifies what the receiver got", async () => {
    const { webhook, secret } = await addWebhook();
    const body = JSON.stringify({ id: "alert_1", type: "credential.broken", data: { n: 1 } });
    const sentAt = new Date();
    expect(await sendWebhook(webhook.id, "alert_1", body, sentAt)).toEqual({ ok: true, statusCode: 200 });
    expect(received).toHaveLength(1);
    const [delivery] = received;
    expect(delivery.body).toBe(body);
    expect(delivery.headers["content-type"]).toBe("application/json");
    expect(delivery.headers["webhook-id"]).toBe("alert_1");
    expect(delivery.headers["webhook-timestamp"]).toBe(String(Math.floor(sentAt.getTime() / 1000)));
    expect(new Webhook(secret).verify(delivery.body, delivery.headers)).toEqual(JSON.parse(body));
    // Another secret, or an altered body, does not verify: the check above could fail.
    expect(() =>
      new Webhook(`whsec_${Buffer.alloc(32, 7).toString("base64")}`).verify(body, delivery.headers),
    ).toThrow();
    expect(() => new Webhook(secret).verify(body.replace("1", "2"), delivery.headers)).toThrow();
  });

  it("classifies the answer: 2xx delivered; 408, 429, 5xx, no connection and a timeout retried; other 4xx and redirects not", async () => {
    const outcomes: Record<string, unknown> = {};
    for (const path of ["/accepted", "/gone", "/down", "/throttled", "/timeout", "/moved", "/slow"]) {
      const { webhook } = await addWebhook(path);
      outcomes[path] = await sendWebhook(webhook.id, `m_${randomUUID()}`, "{}");
    }
    expect(outcomes).toEqual({
      "/accepted": { ok: true, statusCode: 202 },
      "/gone": { ok: false, retry: false, statusCode: 404, error: "Answered 404: the receiver refused the event." },
      "/down": { ok: false, retry: true, statusCode: 503, error: expect.stringContaining("Answered 503") },
      "/throttled": { ok: false, retry: true, statusCode: 429, error: expect.stringContaining("Answered 429") },
      "/timeout": { ok: false, retry: true, statusCode: 408, error: expect.stringContaining("Answered 408") },
      "/moved": { ok: false, retry: false, statusCode: 307, error: expect.stringContaining("not followed") },
      "/slow": { ok: false, retry: true, error: "No answer within 0.5 s." },
    });
    // The redirect was not followed: /ok was never asked.
    expect(received.map((request) => request.path)).not.toContain("/ok");

    const closed = http.createServer();
    await new Promise<void>((resolve) => closed.listen(0, "127.0.0.1", resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise((resolve) => closed.close(resolve));
    const made = await createWebhook(admin, { url: `http://127.0.0.1:${port}/hook`, events: ALL_EVENTS });
    if (!made.ok) throw new Error(made.message);
    expect(await sendWebhook(made.data.webhook.id, "m_refused", "{}")).toEqual({
      ok: false,
      retry: true,
      error: "Could not connect: ECONNREFUSED.",
    });
    expect(await sendWebhook(randomUUID(), "m_none", "{}")).toMatchObject({ ok: false, retry: false });
  });

  it("answers a secret that no longer decrypts as a failure not worth retrying, and the list says so", async () => {
    const { webhook, secret } = await addWebhook();
    await database.execute('UPDATE "Webhook" SET "secretKeyId" = ? WHERE id = ?', "it-old", webhook.id);
    const result = await sendWebhook(webhook.id, "m_1", "{}");
    expect(result).toEqual({ ok: false, retry: false, error: expect.stringContaining("cannot be decrypted") });
    expect(JSON.stringify(result)).not.toContain(secret.slice(6, 20));
    expect(received).toEqual([]);
    expect((await listWebhooks(admin.person))[0].secretReadable).toBe(false);
  });
});

describe("Send test event", () => {
  it("sends webhook.test at once and records the attempt in the webhook's delivery log", async () => {
    const { webhook, secret } = await addWebhook();
    const result = await sendTestEvent(admin, { id: webhook.id });
    expect(result).toMatchObject({
      ok: true,
      data: { event: "webhook.test", status: "delivered", attempts: 1, lastStatusCode: 200, lastError: "" },
    });
    expect(received).toHaveLength(1);
    const payload = new Webhook(secret).verify(received[0].body, received[0].headers) as Record<string, unknown>;
    expect(payload).toMatchObject({ type: "webhook.test", data: { webhook: { id: webhook.id } } });
    expect(payload.id).toBe(received[0].headers["webhook-id"]);

    const failing = await addWebhook("/down");
    expect(await sendTestEvent(admin, { id: failing.webhook.id })).toMatchObject({
      ok: true,
      data: { status: "failed", attempts: 1, lastStatusCode: 503, lastError: expect.stringContaining("503") },
    });
    const [first, second] = await listWebhooks(admin.person);
    expect(first.deliveries).toEqual([expect.objectContaining({ event: "webhook.test", status: "delivered" })]);
    expect(second.deliveries).toEqual([expect.objectContaining({ event: "webhook.test", status: "failed" })]);
    const rows = await database.queryRows(
      'SELECT channel, "credentialId", recipient FROM "Delivery" ORDER BY "createdAt"',
    );
    expect(rows).toEqual([
      { channel: "webhook", credentialId: "", recipient: webhook.id },
      { channel: "webhook", credentialId: "", recipient: failing.webhook.id },
    ]);
    expect(await sendTestEvent(admin, { id: randomUUID() })).toMatchObject({ ok: false, reason: "not-found" });
  });
});

describe("encryption keys", () => {
  /** A webhook whose secret is sealed with the ring's older key, as before a rotation. */
  async function webhookSealedWithOldKey() {
    const { webhook, secret } = await addWebhook();
    const [active, old] = keyRingText.split(",");
    const sealed = sealSecret(parseKeyRing(`${old},${active}`, "test"), secret, `webhook:${webhook.id}`);
    await database.execute(
      'UPDATE "Webhook" SET "secretKeyId" = ?, "secretCiphertext" = ? WHERE id = ?',
      sealed.keyId,
      sealed.ciphertext,
      webhook.id,
    );
    return { webhook, secret };
  }

  it("keys:rotate re-seals webhook secrets with the active key; they still sign the same", async () => {
    const { webhook, secret } = await webhookSealedWithOldKey();
    const report = await rotateCredentialKeys();
    expect(report.webhooks).toEqual({ moved: 1, unreadable: [], keysInUse: { "it-active": 1 } });
    const [row] = await database.queryRows('SELECT "secretKeyId" FROM "Webhook"');
    expect(row.secretKeyId).toBe("it-active");
    expect(await sendWebhook(webhook.id, "m_after", "{}")).toEqual({ ok: true, statusCode: 200 });
    expect(() => new Webhook(secret).verify(received[0].body, received[0].headers)).not.toThrow();
    expect((await rotateCredentialKeys()).webhooks.moved).toBe(0);
  });

  it("the restore check counts webhook secrets that do not decrypt", async () => {
    const reader = {
      kind: database.kind,
      query: <Row>(sql: string) => database.queryRows<Row>(sql),
      appTableNames: () => database.tableNames(),
      close: async () => {},
    };
    const check = async () => {
      const manifest = { counts: await readCounts(reader) } as Parameters<typeof checkRestoredDatabase>[1];
      return (await checkRestoredDatabase(reader, manifest)).find((line) => line.text.includes("webhook"));
    };
    expect(await check()).toEqual({ ok: true, text: expect.stringMatching(/^No webhook signing secrets/) });
    await addWebhook();
    const { webhook } = await webhookSealedWithOldKey();
    expect(await check()).toEqual({ ok: true, text: expect.stringContaining("decrypts: 2 of 2") });
    await database.execute('UPDATE "Webhook" SET "secretKeyId" = ? WHERE id = ?', "it-active", webhook.id);
    expect(await check()).toEqual({
      ok: false,
      text: expect.stringMatching(new RegExp(`^1 of 2 webhook signing secrets do not decrypt .*${webhook.id}`)),
    });
  });
});

describe("/api/v1/webhooks", () => {
  type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
  type Handler = (request: Request, context: { params: Promise<never> }) => Promise<Response>;
  const document: Json = openApiDocument();

  async function keyOf(person: Person) {
    const made = await createApiKey({ person, clientKey: "t" }, { name: "script" });
    if (!made.ok) throw new Error(made.message);
    return made.data.key;
  }

  /** Calls a route as Next.js does; the answer must be one the OpenAPI document declares. */
  async function call(handler: Handler, method: string, template: string, key: string, options: Json = {}) {
    const path = template.replace("{id}", options.id ?? "");
    const request = new Request(`http://localhost:3000${path}`, {
      method,
      headers: {
        authorization: `Bearer ${key}`,
        ...(options.body === undefined ? {} : { "content-type": "application/json" }),
      },
      body: options.body === undefined ? undefined : JSON.stringify(options.body),
    });
    const response = await handler(request, { params: Promise.resolve({ id: options.id }) as Promise<never> });
    const text = await response.text();
    const json = text ? JSON.parse(text) : null;
    const declared = document.paths[template][method.toLowerCase()].responses[String(response.status)];
    expect(declared, `${method} ${template} → ${response.status} is declared`).toBeTruthy();
    if (response.headers.get("content-type") === "application/problem+json")
      expect(declared.content["application/problem+json"].schema.allOf[1].properties.code.enum).toContain(json.code);
    return { status: response.status, json, text };
  }

  it("adds (the secret once), lists, tests and deletes with the admin's key", async () => {
    const key = await keyOf(admin.person);
    const added = await call(collection.POST, "POST", "/api/v1/webhooks", key, {
      body: { url: `${receiverUrl}/ok`, events: ["credential.broken"] },
    });
    expect(added.status).toBe(201);
    expect(added.json).toMatchObject({ url: `${receiverUrl}/ok`, events: ["credential.broken"], secret: /^whsec_/ });
    const { id, secret } = added.json;

    const listed = await call(collection.GET, "GET", "/api/v1/webhooks", key);
    expect(listed.json.data).toEqual([expect.objectContaining({ id, secretReadable: true, deliveries: [] })]);
    expect(listed.text).not.toContain(secret.slice(6, 30));

    const tested = await call(testRoute.POST, "POST", "/api/v1/webhooks/{id}/test", key, { id });
    expect(tested).toMatchObject({ status: 200, json: { event: "webhook.test", status: "delivered" } });
    expect(() => new Webhook(secret).verify(received[0].body, received[0].headers)).not.toThrow();

    expect((await call(single.DELETE, "DELETE", "/api/v1/webhooks/{id}", key, { id })).status).toBe(204);
    expect((await call(single.DELETE, "DELETE", "/api/v1/webhooks/{id}", key, { id })).json.code).toBe("not-found");
    expect((await call(testRoute.POST, "POST", "/api/v1/webhooks/{id}/test", key, { id })).status).toBe(404);

    const invalid = await call(collection.POST, "POST", "/api/v1/webhooks", key, { body: { url: "x", events: [] } });
    expect(invalid).toMatchObject({ status: 422, json: { code: "invalid", errors: { url: expect.any(String) } } });
  });

  it("answers a member's key 404 admin-only on every operation", async () => {
    const { webhook } = await addWebhook();
    const key = await keyOf(mia);
    const answers = [
      await call(collection.GET, "GET", "/api/v1/webhooks", key),
      await call(collection.POST, "POST", "/api/v1/webhooks", key, {
        body: { url: `${receiverUrl}/ok`, events: ALL_EVENTS },
      }),
      await call(single.DELETE, "DELETE", "/api/v1/webhooks/{id}", key, { id: webhook.id }),
      await call(testRoute.POST, "POST", "/api/v1/webhooks/{id}/test", key, { id: webhook.id }),
    ];
    expect(answers.map((answer) => [answer.status, answer.json.code])).toEqual(Array(4).fill([404, "admin-only"]));
    expect(received).toEqual([]);
    expect(await database.queryRows('SELECT id FROM "Webhook"')).toHaveLength(1);
  });

  it("documents every event a webhook receives in the OpenAPI `webhooks` section", () => {
    expect(Object.keys(document.webhooks)).toEqual([...ALL_EVENTS, "webhook.test"]);
    expect(document.webhooks["credential.broken"].post.requestBody.content["application/json"].schema).toEqual({
      allOf: [{ $ref: "#/components/schemas/AlertEvent" }, { properties: { type: { const: "credential.broken" } } }],
    });
    expect(document.components.schemas.AlertEvent.properties.data.properties.credential.required).toEqual([
      "id",
      "name",
      "connector",
      "state",
      "reason",
    ]);
  });
});
