import { randomUUID } from "node:crypto";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { simpleParser, type ParsedMail } from "mailparser";
import { SMTPServer } from "smtp-server";
import { afterAll, afterEach, describe, expect, it } from "vitest";

import type { AlertType } from "@/lib/alerts/types";

import { configureApp, setUpIntegrationTests, TEST_ADMIN } from "./setup";

// A real SMTP server on loopback (no STARTTLS, no sign-in needed), started before the app reads
// its environment, so SMTP_URL points at it for the whole file.
const mails: ParsedMail[] = [];
const smtp = new SMTPServer({
  disabledCommands: ["STARTTLS"],
  authOptional: true,
  logger: false,
  onData(stream, _session, done) {
    simpleParser(stream)
      .then((mail) => mails.push(mail))
      .then(() => done(), done);
  },
});
await new Promise<void>((resolve) => smtp.listen(0, "127.0.0.1", resolve));
process.env.SMTP_URL = `smtp://127.0.0.1:${(smtp.server.address() as AddressInfo).port}`;
process.env.SMTP_FROM = "Credentials <alerts@credentials.example.com>";
process.env.APP_URL = "https://credentials.example.com";
afterAll(async () => {
  await new Promise<void>((resolve) => smtp.close(() => resolve()));
});

const { database, clickUp, keyRingText } = await setUpIntegrationTests();
const [
  { getDb, inTransaction },
  { recordAlert },
  { planAlerts },
  { startDeliveries },
  { sealSecret },
  { getCredentialKeyRing },
  { attemptDelivery },
] = await Promise.all([
  import("@/lib/db/client"),
  import("@/lib/alerts/record-alert"),
  import("@/lib/alerts/plan-deliveries"),
  import("@/lib/alerts/delivery-runner"),
  import("@/lib/crypto/secret-box"),
  import("@/lib/config/encryption-keys"),
  import("@/lib/alerts/attempt-delivery"),
]);
// Always the current client: the last test reconfigures the app, which opens a new one.
const db = () => getDb();

// Seconds, not minutes: every retry waits 50 ms, polls come twice a second.
const FAST = { backoffMs: [50, 50, 50, 50, 50], pollMs: 500, leaseMs: 5_000 };

/** A webhook receiver on loopback that answers what `answer` says and logs every request. */
interface Received {
  path: string;
  messageId: string;
  alertId: string;
  credentialId: string;
  status: number;
}
const receivers: http.Server[] = [];
async function startReceiver(answer: (request: Omit<Received, "status">, seen: Received[]) => number, delayMs = 0) {
  const log: Received[] = [];
  const server = http.createServer((request, response) => {
    let body = "";
    request.on("data", (chunk) => (body += chunk));
    request.on("end", () => {
      const payload = JSON.parse(body) as { id: string; data: { credential: { id: string } } };
      const seen = {
        path: request.url ?? "",
        messageId: String(request.headers["webhook-id"]),
        alertId: payload.id,
        credentialId: payload.data.credential.id,
      };
      const status = answer(seen, log);
      log.push({ ...seen, status });
      setTimeout(() => response.writeHead(status).end(), delayMs);
    });
  });
  receivers.push(server);
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, log };
}
afterAll(async () => {
  for (const server of receivers) server.closeAllConnections();
  await Promise.all(receivers.map((server) => new Promise((resolve) => server.close(resolve))));
});

const runners: { stop(): Promise<void> | void }[] = [];
const start = (settings = FAST) => {
  const runner = startDeliveries({ ...settings, log: () => {} });
  runners.push(runner);
  return runner;
};
// Each test starts clean: no runner, no webhook, no delivery left from the one before.
afterEach(async () => {
  await Promise.all(runners.splice(0).map((runner) => runner.stop()));
  await db().webhook.deleteMany({});
  await db().delivery.deleteMany({});
});

async function addWebhook(url: string, events: readonly AlertType[] | "all" = "all") {
  const id = `wh_${randomUUID()}`;
  const sealed = sealSecret(getCredentialKeyRing(), `whsec_${randomUUID().replaceAll("-", "")}`, `webhook:${id}`);
  const all = ["credential.broken", "credential.recovered", "credential.account_changed"];
  await db().webhook.create({
    data: {
      id,
      url,
      events: (events === "all" ? all : events).join(","),
      secretCiphertext: sealed.ciphertext,
      secretKeyId: sealed.keyId,
    },
  });
  return id;
}

async function addPerson(name: string) {
  const id = `person_${randomUUID()}`;
  const email = `${name.toLowerCase()}.${id.slice(-6)}@integration.test`;
  await db().user.create({ data: { id, name, email, role: "member" } });
  return { id, email };
}

async function addCredential(name: string, sharedWith: string[] = []) {
  const id = `cred_${randomUUID()}`;
  await db().credential.create({
    data: {
      id,
      connector: "clickup",
      name,
      nameKey: `${name.toLowerCase()} ${id}`,
      secretCiphertext: "not-used-here",
      secretKeyId: "it-active",
      secretLast4: "9xYz",
      accountId: "42",
      accountName: "Dana Data",
      accountEmail: "dana@company.example",
      lastVerifiedAt: new Date(),
      ownerId: TEST_ADMIN.id,
      shares: { create: sharedWith.map((userId) => ({ userId })) },
    },
  });
  return { id, name };
}

// Alerts a millisecond apart, in the order given: that is the order they must arrive in.
let clock = Date.now();
async function alert(credential: { id: string; name: string }, type: AlertType = "credential.broken") {
  clock += 1;
  return inTransaction((tx) =>
    recordAlert(
      tx,
      {
        type,
        credential: {
          ...credential,
          connector: "clickup",
          state: "broken",
          reason: "ClickUp stopped accepting this token",
        },
        endpoints: [
          {
            id: `ep_${credential.id}`,
            kind: "source",
            name: `${credential.name} tasks`,
            workspaceId: "9001",
            workspaceName: "Acme",
          },
        ],
      },
      new Date(clock),
    ),
  );
}

async function waitFor(what: string, done: () => boolean | Promise<boolean>, timeoutMs = 20_000) {
  const deadline = Date.now() + timeoutMs;
  while (!(await done())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

const deliveriesOf = (webhookId: string) =>
  db().delivery.findMany({ where: { webhookId }, orderBy: [{ createdAt: "asc" }, { id: "asc" }] });
/** Every one of the `expected` deliveries planned for the webhook, and none of them pending. */
const settled = async (webhookId: string, expected: number) =>
  (await db().delivery.count({ where: { webhookId } })) === expected &&
  (await db().delivery.count({ where: { webhookId, status: "pending" } })) === 0;

/** The alert ids a receiver accepted (2xx), per credential, in arrival order. */
function acceptedPerCredential(log: Received[]) {
  const perCredential = new Map<string, string[]>();
  for (const entry of log.filter((seen) => seen.status < 300))
    perCredential.set(entry.credentialId, [...(perCredential.get(entry.credentialId) ?? []), entry.alertId]);
  return perCredential;
}

describe("planning", () => {
  it("turns each alert into one delivery per subscribed webhook and per person to email, once, however many planners run", async () => {
    const mia = await addPerson("Mia");
    const credential = await addCredential("Planning", [mia.id]);
    const everything = await addWebhook("http://127.0.0.1:9/everything");
    const recoveries = await addWebhook("http://127.0.0.1:9/recoveries", ["credential.recovered"]);
    const broken = await alert(credential, "credential.broken");
    const recovered = await alert(credential, "credential.recovered");

    // Three planners at once, as three instances would: each alert is planned by exactly one.
    await Promise.all([planAlerts(), planAlerts(), planAlerts()]);
    await planAlerts();

    const rows = await db().delivery.findMany({ where: { credentialId: credential.id } });
    const planned = rows.map((row) => `${row.alertId} ${row.channel} ${row.recipient}`).sort();
    expect(planned).toEqual(
      [
        `${broken} webhook ${everything}`,
        `${recovered} webhook ${everything}`,
        `${recovered} webhook ${recoveries}`,
        `${broken} email ${TEST_ADMIN.email}`,
        `${broken} email ${mia.email}`,
        `${recovered} email ${TEST_ADMIN.email}`,
        `${recovered} email ${mia.email}`,
      ].sort(),
    );
    expect(rows.every((row) => row.status === "pending" && row.attempts === 0)).toBe(true);
    const alerts = await db().alert.findMany({ where: { id: { in: [broken, recovered] } } });
    expect(alerts.every((row) => row.plannedAt !== null)).toBe(true);
  });
});

describe("draining", { timeout: 30_000 }, () => {
  it("delivers every alert to a receiver that was down for a while, across a restart, in order per credential, none twice", async () => {
    // Down: the first five requests get 503, then it is back.
    const receiver = await startReceiver((_seen, log) => (log.length < 5 ? 503 : 200));
    const webhookId = await addWebhook(receiver.url);
    const first = await addCredential("Marketing");
    const second = await addCredential("Finance");
    const expected = new Map<string, string[]>([
      [first.id, []],
      [second.id, []],
    ]);
    for (const credential of [first, second, first, first, second, first])
      expected.get(credential.id)!.push(await alert(credential, "credential.broken"));

    const before = start();
    await waitFor("two refused attempts", () => receiver.log.length >= 2);
    await before.stop();
    // The restart: a new runner, as after `npm start` again; all it knows is in the database.
    start();
    await waitFor("every delivery settled", () => settled(webhookId, 6));

    expect(receiver.log.filter((seen) => seen.status === 503)).toHaveLength(5);
    expect(acceptedPerCredential(receiver.log)).toEqual(expected);
    const accepted = receiver.log.filter((seen) => seen.status === 200).map((seen) => seen.messageId);
    expect(new Set(accepted).size).toBe(accepted.length);
    const rows = await deliveriesOf(webhookId);
    expect(rows.map((row) => row.status)).toEqual(Array(6).fill("delivered"));
    expect(rows.map((row) => row.lastStatusCode)).toEqual(Array(6).fill(200));
  });

  it("marks a delivery failed after its last attempt, and the next one of that credential goes on", async () => {
    let hopeless = "";
    const receiver = await startReceiver((seen) => (seen.alertId === hopeless ? 500 : 200));
    const webhookId = await addWebhook(receiver.url);
    const credential = await addCredential("Support");
    hopeless = await alert(credential);
    const next = await alert(credential, "credential.recovered");

    start();
    await waitFor("both deliveries settled", () => settled(webhookId, 2), 30_000);

    const rows = await deliveriesOf(webhookId);
    expect(rows.map((row) => row.alertId)).toEqual([hopeless, next]);
    const [failed, delivered] = rows;
    expect(failed).toMatchObject({ alertId: hopeless, status: "failed", attempts: 6, lastStatusCode: 500 });
    expect(failed.lastError).not.toBe("");
    expect(delivered).toMatchObject({ alertId: next, status: "delivered", attempts: 1 });
    expect(receiver.log.map((seen) => seen.alertId)).toEqual([...Array(6).fill(hopeless), next]);
  });

  it("fails at once a delivery the receiver refuses for good (4xx), then goes on", async () => {
    let refused = "";
    const receiver = await startReceiver((seen) => (seen.alertId === refused ? 410 : 200));
    const webhookId = await addWebhook(receiver.url);
    const credential = await addCredential("Gone");
    refused = await alert(credential);
    const next = await alert(credential, "credential.recovered");

    start();
    await waitFor("both deliveries settled", () => settled(webhookId, 2));

    const [failed, delivered] = await deliveriesOf(webhookId);
    expect(failed).toMatchObject({ status: "failed", attempts: 1, lastStatusCode: 410 });
    expect(delivered).toMatchObject({ alertId: next, status: "delivered" });
  });

  it("never sends one delivery twice when two runners drain at once", async () => {
    // A slow receiver widens the window in which both runners see the same due delivery.
    const slow = await startReceiver(() => 200, 100);
    const webhookIds = [await addWebhook(slow.url), await addWebhook(`${slow.url}/second`)];
    const credentials = await Promise.all(["One", "Two", "Three", "Four"].map((name) => addCredential(name)));
    const alertIds: string[] = [];
    for (let round = 0; round < 3; round++)
      for (const credential of credentials) alertIds.push(await alert(credential));

    // Two runners that read the same due delivery at the same moment: one claim wins, one send.
    await planAlerts();
    const [first] = await deliveriesOf(webhookIds[0]!);
    const sent = await Promise.all([attemptDelivery(first!, FAST, () => {}), attemptDelivery(first!, FAST, () => {})]);
    expect(sent.sort()).toEqual([false, true]);
    expect(slow.log.map((seen) => seen.alertId)).toEqual([first!.alertId]);

    start();
    start();
    await waitFor("every delivery settled", async () =>
      (await Promise.all(webhookIds.map((id) => settled(id, alertIds.length)))).every(Boolean),
    );

    const received = slow.log.map((seen) => `${seen.path} ${seen.alertId}`);
    expect(received).toHaveLength(alertIds.length * 2);
    expect(new Set(received).size).toBe(received.length);
    const rows = await db().delivery.findMany({ where: { channel: "webhook" } });
    expect(rows.every((row) => row.status === "delivered" && row.attempts === 1)).toBe(true);
  });
});

describe("email", { timeout: 30_000 }, () => {
  it("mails the credential's owner and the people it is shared with: what happened, what it affects, links, never a token", async () => {
    const mia = await addPerson("Mia");
    const credential = await addCredential("Sales ClickUp", [mia.id]);
    const alertId = await alert(credential, "credential.broken");

    start();
    await waitFor("two emails", () => mails.filter((mail) => mail.text?.includes(credential.id)).length === 2);

    const sent = mails.filter((mail) => mail.text?.includes(credential.id));
    const to = sent.map((mail) => (Array.isArray(mail.to) ? "" : mail.to?.value[0]?.address)).sort();
    expect(to).toEqual([TEST_ADMIN.email, mia.email].sort());
    for (const mail of sent) {
      expect(mail.from?.value[0]?.address).toBe("alerts@credentials.example.com");
      expect(mail.subject).toContain("Sales ClickUp");
      expect(mail.text).toContain("ClickUp stopped accepting this token");
      expect(mail.text).toContain("Sales ClickUp tasks");
      expect(mail.text).toContain("Acme");
      expect(mail.text).toContain(`https://credentials.example.com/credentials/${credential.id}`);
      expect(mail.text).toContain(`https://credentials.example.com/sources/ep_${credential.id}`);
      expect(mail.text).not.toContain("9xYz");
      expect(mail.text).not.toContain("pk_");
    }
    await waitFor("email deliveries settled", async () =>
      (await db().delivery.findMany({ where: { alertId, channel: "email" } })).every(
        (row) => row.status === "delivered",
      ),
    );
    const rows = await db().delivery.findMany({ where: { alertId, channel: "email" } });
    expect(rows.map((row) => row.lastStatusCode)).toEqual([250, 250]);
  });
});

describe("without SMTP", () => {
  it("plans no email at all", async () => {
    const credential = await addCredential("Quiet");
    delete process.env.SMTP_URL;
    delete process.env.SMTP_FROM;
    await configureApp({ databaseUrl: database.url, clickUpBaseUrl: clickUp.baseUrl, keyRingText });
    const { inTransaction: transaction } = await import("@/lib/db/client");
    const { recordAlert: record } = await import("@/lib/alerts/record-alert");
    const { planAlerts: plan } = await import("@/lib/alerts/plan-deliveries");
    const alertId = await transaction((tx) =>
      record(tx, {
        type: "credential.broken",
        credential: { ...credential, connector: "clickup", state: "broken", reason: "refused" },
        endpoints: [],
      }),
    );
    await plan();
    expect(await db().alert.findUnique({ where: { id: alertId } })).toMatchObject({ plannedAt: expect.any(Date) });
    expect(await db().delivery.count({ where: { alertId } })).toBe(0);
  });
});
