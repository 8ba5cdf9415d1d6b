import { randomBytes } from "node:crypto";
import { beforeAll, describe, expect, it, vi } from "vitest";

import {
  hostileStrings,
  noiseKeys,
  oddStrings,
  overLimitString,
  seededRandom,
  wrongTypes,
} from "../../e2e/support/fuzz-payloads";
import { setUpIntegrationTests, testCaller } from "./setup";

// Every /api/v1 route with malformed input: bodies with at least one broken field (wrong types,
// hidden characters, missing, over the size limit, prototype keys), non-JSON bodies, odd ids and
// query strings. No answer may be a 5xx or lack a problem+json body, and nothing may change.

vi.mock("next/headers", () => ({ headers: async () => new Headers() }));
vi.setConfig({ testTimeout: 120_000 });

const { database } = await setUpIntegrationTests();
const [credentials, credential, verify, token, sources, source, destinations, destination, { createApiKey }] =
  await Promise.all([
    import("@/app/api/v1/credentials/route"),
    import("@/app/api/v1/credentials/[id]/route"),
    import("@/app/api/v1/credentials/[id]/verify/route"),
    import("@/app/api/v1/credentials/[id]/token/route"),
    import("@/app/api/v1/sources/route"),
    import("@/app/api/v1/sources/[id]/route"),
    import("@/app/api/v1/destinations/route"),
    import("@/app/api/v1/destinations/[id]/route"),
    import("@/lib/api-keys/create-api-key"),
  ]);

const SEED = Number(process.env.FUZZ_SEED ?? 20261130);
const random = seededRandom(SEED);
type Handler = (request: Request, context: { params: Promise<never> }) => Promise<Response>;
let key = "";
let credentialId = "";
let sourceId = "";
let snapshot = "";

async function state(): Promise<string> {
  const rows = await Promise.all([
    database.queryRows('SELECT id, name, description, version, "secretCiphertext" FROM "Credential" ORDER BY id'),
    database.queryRows('SELECT id, name, kind, "workspaceId" FROM "Endpoint" ORDER BY id'),
  ]);
  return JSON.stringify(rows);
}

async function send(handler: Handler, method: string, body: string | undefined, id?: string, query = "") {
  const response = await handler(
    new Request(`http://localhost/api/v1/x${query}`, {
      method,
      headers: { authorization: `Bearer ${key}`, "content-type": "application/json" },
      body,
    }),
    { params: Promise.resolve(id === undefined ? {} : { id }) as Promise<never> },
  );
  const text = await response.text();
  return { status: response.status, type: response.headers.get("content-type"), text };
}

/** Object bodies with one field broken (plus noise), from the template's valid values. */
function brokenBodies(template: Record<string, unknown>, count: number, optional: string[] = []): string[] {
  const names = Object.keys(template);
  const bodies: string[] = [];
  for (let i = 0; i < count; i += 1) {
    const input: Record<string, unknown> = { ...template };
    const target = random.pick(names);
    const roll = random.next();
    // A value of the field's own type may be valid: only other types break it.
    const wrong = wrongTypes.filter((value) => typeof value !== typeof template[target]);
    if (roll < 0.15 && !optional.includes(target)) delete input[target];
    else if (roll < 0.55 || typeof template[target] !== "string") input[target] = random.pick(wrong);
    else if (roll < 0.9) input[target] = random.pick(hostileStrings);
    else input[target] = overLimitString();
    for (let n = Math.floor(random.next() * 3); n > 0; n -= 1) {
      const [noise, value] = random.pick(noiseKeys);
      if (!(noise in template)) input[noise] = value;
    }
    const other = random.pick(names.filter((name) => name !== target && typeof template[name] === "string"));
    if (other && random.next() < 0.2) input[other] = random.pick(oddStrings);
    let text = JSON.stringify(input);
    if (random.next() < 0.2) text = text.replace("{", '{"__proto__":{"polluted":"fuzz"},');
    bodies.push(text);
  }
  return bodies;
}

const rawBodies = ["", "not json", "[]", "null", "1", '"text"', "[".repeat(5000), '{"a":' + "[".repeat(3000)];

beforeAll(async () => {
  const made = await createApiKey(testCaller, { name: "fuzz" });
  if (!made.ok) throw new Error(made.message);
  key = made.data.key;
  const created = await send(
    credentials.POST,
    "POST",
    JSON.stringify({ connector: "clickup", name: "Fuzz target", apiKey: `pk_good_${randomBytes(6).toString("hex")}` }),
  );
  credentialId = JSON.parse(created.text).id;
  const made2 = await send(
    sources.POST,
    "POST",
    JSON.stringify({ credentialId, name: "Fuzz source", workspaceId: "9001" }),
  );
  sourceId = JSON.parse(made2.text).id;
  snapshot = await state();
});

function expectRefused(answer: { status: number; type: string | null; text: string }, label: string) {
  expect(answer.status, `${label}: ${answer.text.slice(0, 200)}`).toBeGreaterThanOrEqual(400);
  expect(answer.status, `${label}: ${answer.text.slice(0, 200)}`).toBeLessThan(500);
  expect(answer.type, label).toBe("application/problem+json");
  expect(() => JSON.parse(answer.text), label).not.toThrow();
}

describe(`every /api/v1 route refuses malformed input without a 5xx or a change (seed ${SEED})`, () => {
  it("bodies", async () => {
    const targets: [string, Handler, string, Record<string, unknown>, string | undefined, string[]][] = [
      [
        "POST credentials",
        credentials.POST,
        "POST",
        { connector: "clickup", name: "New", description: "", apiKey: "pk_good_fuzz1234" },
        undefined,
        ["description"],
      ],
      [
        "PATCH credential",
        credential.PATCH,
        "PATCH",
        { name: "Renamed", description: "d" },
        credentialId,
        ["name", "description"],
      ],
      [
        "PUT token",
        token.PUT,
        "PUT",
        { apiKey: "pk_good_fuzz5678", confirmAccountChange: false },
        credentialId,
        ["confirmAccountChange"],
      ],
      ["POST sources", sources.POST, "POST", { credentialId, name: "New source", workspaceId: "9001" }, undefined, []],
      [
        "POST destinations",
        destinations.POST,
        "POST",
        { credentialId, name: "New destination", workspaceId: "9001" },
        undefined,
        [],
      ],
      ["PATCH source", source.PATCH, "PATCH", { name: "Renamed source" }, sourceId, []],
    ];
    for (const [label, handler, method, template, id, optional] of targets) {
      for (const body of brokenBodies(template, 40, optional)) {
        expectRefused(await send(handler, method, body, id), `${label} ${body.slice(0, 300)}`);
      }
      for (const body of rawBodies)
        expectRefused(await send(handler, method, body, id), `${label} raw ${body.slice(0, 20)}`);
    }
    expect(await state()).toBe(snapshot);
  });

  it("ids and query strings", async () => {
    const ids = ["", "..", "../x", "a".repeat(65), "%00", "x y", "\u202e", credentialId.toUpperCase(), "nope"];
    const withId: [string, Handler, string, string | undefined][] = [
      ["GET credential", credential.GET, "GET", undefined],
      ["DELETE credential", credential.DELETE, "DELETE", undefined],
      ["verify", verify.POST, "POST", undefined],
      ["token", token.PUT, "PUT", '{"apiKey":"pk_good_fuzz0000"}'],
      ["GET source", source.GET, "GET", undefined],
      ["DELETE destination", destination.DELETE, "DELETE", undefined],
    ];
    for (const [label, handler, method, body] of withId)
      for (const id of ids) expectRefused(await send(handler, method, body, id), `${label} id=${JSON.stringify(id)}`);
    const queries = [
      "?limit=-1",
      "?limit=1e9",
      "?limit=abc",
      "?cursor=%00",
      `?cursor=${"x".repeat(300)}`,
      `?search=${"x".repeat(200)}`,
      "?connector=../../x",
    ];
    for (const query of queries)
      expectRefused(await send(credentials.GET, "GET", undefined, undefined, query), `list ${query}`);
    expect(await state()).toBe(snapshot);
  });

  it("cursors: crafted dates anywhere in JavaScript's range, and odd shapes, are a 200 page or a 400, never a 5xx", async () => {
    const cursor = (value: unknown) => Buffer.from(JSON.stringify(value)).toString("base64url");
    // Past either database's range (PostgreSQL stops at 294276 AD, SQLite's functions at 9999), at
    // the edges of JavaScript's own (±8.64e15 ms), and before the epoch.
    const edges = [
      "+275760-09-13T00:00:00.000Z",
      "-271821-04-20T00:00:00.000Z",
      "+010000-01-01T00:00:00.000Z",
      "9999-12-31T23:59:59.999Z",
      "0000-01-01T00:00:00.000Z",
      "-000001-12-31T23:59:59.999Z",
      "1969-12-31T23:59:59.999Z",
      "1970-01-01T00:00:00.000Z",
      "2026-01-01T00:00:00Z",
      "2026-01-01",
      "2026-02-30T00:00:00.000Z",
      "Sat, 01 Jan 2000 00:00:00 GMT",
      "0",
      " 2026-01-01T00:00:00.000Z",
    ];
    const span = 8.64e15;
    const randomDates = Array.from({ length: 40 }, () => new Date((random.next() * 2 - 1) * span).toISOString());
    const shapes: unknown[] = [
      ...[...edges, ...randomDates].map((time) => [time, credentialId]),
      [1e15, credentialId],
      [null, credentialId],
      [edges[0], "x".repeat(65)],
      [edges[3]],
      { createdAt: edges[3], id: credentialId },
    ];
    const logged = vi.spyOn(console, "error");
    const pages: unknown[] = [];
    try {
      for (const shape of shapes) {
        const query = `?limit=1&cursor=${cursor(shape)}`;
        const answer = await send(credentials.GET, "GET", undefined, undefined, query);
        const label = `cursor ${JSON.stringify(shape)}: ${answer.status} ${answer.text.slice(0, 200)}`;
        expect([200, 400], label).toContain(answer.status);
        if (answer.status === 400) expectRefused(answer, label);
        else pages.push(shape);
      }
      expect(logged).not.toHaveBeenCalled();
      // A well-formed time in range still pages (from before the fuzz credential, it is on the page).
      expect(pages).toContainEqual(["1970-01-01T00:00:00.000Z", credentialId]);
    } finally {
      logged.mockRestore();
    }
  });
});
