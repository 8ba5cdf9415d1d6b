// Pieces the watch benchmarks share (npm run bench:watch-revocation, bench:watch-sweep): the fake
// ClickUp's per-token controls and its request log, a credential saved through the REST API, the
// webhook receiver that verifies with the Standard Webhooks library, and reading times from SQLite.
import { randomUUID } from "node:crypto";
import http from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";
import { Webhook } from "standardwebhooks";

import { freePort, root, startNode, waitForUrl } from "./support";

/** The ports this machine leaves to these benchmarks (other agents' benchmarks use 3500-3599/4500-4599). */
export const APP_PORTS: [number, number] = [3341, 3349];
export const FAKE_PORTS: [number, number] = [4341, 4349];

/**
 * The built app as `npm start` serves it (server/start.mjs), with one worker: the watch runs in
 * that worker beside the requests, as on a one-core machine. `npm start` rather than `next start`:
 * it tells the app each request's peer, so first-run setup from loopback needs no setup code.
 */
export async function startServer(env: Record<string, string>) {
  const port = await freePort(...APP_PORTS);
  const child = startNode([path.join(root, "server", "start.mjs")], {
    ...process.env,
    NEXT_TELEMETRY_DISABLED: "1",
    ...env,
    PORT: String(port),
    WEB_CONCURRENCY: "1",
  });
  const url = `http://127.0.0.1:${port}`;
  await waitForUrl(`${url}/setup`, child, 120_000);
  return { ...child, url };
}

/** POST /__fake/token on the fake ClickUp: changes what it answers for one token only. */
export async function controlFakeToken(fakeUrl: string, token: string, control: Record<string, unknown>) {
  const response = await fetch(`${fakeUrl}/__fake/token`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ token, ...control }),
  });
  if (!response.ok) throw new Error(`the fake ClickUp refused a control: ${response.status}`);
}

export interface FakeRequest {
  path: string;
  authorization: string | null;
  at: string;
}

/** Every request the fake ClickUp received, in order (its log holds the tokens: for this process only). */
export async function fakeRequests(fakeUrl: string): Promise<FakeRequest[]> {
  return (await fetch(`${fakeUrl}/__fake/requests`)).json() as Promise<FakeRequest[]>;
}

/** `POST /api/v1/credentials` with an API key: the REST API's Save. Resolves with its time and id. */
export async function saveThroughApi(baseUrl: string, key: string, name: string, token: string) {
  const started = performance.now();
  const response = await fetch(`${baseUrl}/api/v1/credentials`, {
    method: "POST",
    headers: { authorization: `Bearer ${key}`, "content-type": "application/json", "idempotency-key": randomUUID() },
    body: JSON.stringify({ connector: "clickup", name, description: "Saved by a watch benchmark", apiKey: token }),
  });
  // The created credential is the body itself (as every /api/v1 answer but lists).
  const body = (await response.json().catch(() => ({}))) as { id?: string };
  const ms = performance.now() - started;
  if (response.status !== 201 || !body.id)
    throw new Error(`a save answered ${response.status}: ${JSON.stringify(body).slice(0, 300)}`);
  return { ms, id: body.id };
}

/** `POST /api/v1/webhooks` (the admin's key): a webhook for `events` at `url`; its signing secret. */
export async function addWebhook(baseUrl: string, key: string, url: string, events: string[]): Promise<string> {
  const response = await fetch(`${baseUrl}/api/v1/webhooks`, {
    method: "POST",
    headers: { authorization: `Bearer ${key}`, "content-type": "application/json" },
    body: JSON.stringify({ url, events }),
  });
  const body = (await response.json()) as { secret?: string };
  if (response.status !== 201 || !body.secret)
    throw new Error(`adding the webhook answered ${response.status}: ${JSON.stringify(body).slice(0, 300)}`);
  return body.secret;
}

export interface VerifiedEvent {
  id: string;
  type: string;
  credentialId: string;
  arrivedAt: number;
}

/**
 * A webhook receiver on loopback. Each POST is verified with the `standardwebhooks` library (as a
 * real receiver would) once the secret is known; what verifies is kept with its arrival time, what
 * does not is counted.
 */
export async function startWebhookReceiver() {
  let verifier: Webhook | undefined;
  const events: VerifiedEvent[] = [];
  let unverified = 0;
  const server = http.createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on("data", (chunk: Buffer) => chunks.push(chunk));
    request.on("end", () => {
      const arrivedAt = Date.now();
      try {
        if (!verifier) throw new Error("no secret yet");
        const event = verifier.verify(Buffer.concat(chunks).toString(), request.headers as Record<string, string>) as {
          id: string;
          type: string;
          data?: { credential?: { id?: string } };
        };
        events.push({ id: event.id, type: event.type, credentialId: event.data?.credential?.id ?? "", arrivedAt });
      } catch {
        unverified += 1;
      }
      response.writeHead(204).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/alerts`,
    useSecret: (secret: string) => void (verifier = new Webhook(secret)),
    events,
    unverified: () => unverified,
    stop: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** A DateTime column as read from SQLite by better-sqlite3: stored as ms since the epoch or as ISO text. */
export function sqliteTime(value: unknown): number | null {
  if (value === null || value === undefined) return null;
  if (typeof value === "number" || typeof value === "bigint") return Number(value);
  const parsed = Date.parse(String(value));
  return Number.isNaN(parsed) ? null : parsed;
}

/** Seconds with one decimal, for printing. */
export const seconds = (ms: number) => (ms / 1000).toFixed(1);
