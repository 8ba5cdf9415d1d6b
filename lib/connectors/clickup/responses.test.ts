import { describe, expect, it } from "vitest";

import {
  CLICKUP_MESSAGES,
  CLICKUP_TEXT_LIMITS,
  interpretClickUpResponse,
  parseClickUpTeams,
  parseClickUpUser,
} from "./responses";

const NOW = new Date("2026-11-28T10:00:00.000Z");
const nowSeconds = NOW.getTime() / 1000;

function answer(status: number, body: string, headers: Record<string, string> = {}) {
  return interpretClickUpResponse(status, new Headers(headers), body, NOW);
}

const json = (value: unknown) => JSON.stringify(value);

/** The token the parsed answer was for (what must never come back out of it). */
const TOKEN = "pk_1001_ABCDEFGHIJKLMNOPQRSTUVWXYZ012345";

describe("interpretClickUpResponse", () => {
  it("returns the parsed JSON of a 200 answer", () => {
    expect(answer(200, json({ user: { id: 1 } }))).toEqual({ ok: true, json: { user: { id: 1 } } });
  });

  it.each([
    ["401 OAUTH_019 (Bearer prefix)", 401, { err: "Oauth token not found", ECODE: "OAUTH_019" }],
    ["401 OAUTH_025 (revoked)", 401, { err: "Token invalid", ECODE: "OAUTH_025" }],
    ["400 OAUTH_017 (header missing)", 400, { err: "Authorization header required", ECODE: "OAUTH_017" }],
    ["200 carrying an OAUTH code", 200, { err: "Token invalid", ECODE: "OAUTH_023" }],
    ["500 carrying an OAUTH code", 500, { err: "Token invalid", ECODE: "OAUTH_025" }],
  ])("treats %s as a rejected key", (_case, status, body) => {
    expect(answer(status, json(body))).toEqual({
      ok: false,
      failure: { kind: "rejected", message: CLICKUP_MESSAGES.rejected },
    });
  });

  it.each([
    ["no body", ""],
    ["an HTML body", "<html>Unauthorized</html>"],
    ["a non-OAUTH code", json({ err: "x", ECODE: "APP_001" })],
  ])("treats any 401 with %s as a rejected key", (_case, body) => {
    expect(answer(401, body)).toMatchObject({ ok: false, failure: { kind: "rejected" } });
  });

  it("uses X-RateLimit-Reset for a 429: retryAt is the reset time and the message names the UTC clock time", () => {
    const reset = nowSeconds + 42;
    const result = answer(429, json({ err: "Rate limit reached", ECODE: "APP_002" }), {
      "X-RateLimit-Limit": "100",
      "X-RateLimit-Remaining": "0",
      "X-RateLimit-Reset": String(reset),
    });
    expect(result).toEqual({
      ok: false,
      failure: {
        kind: "rate-limited",
        retryAt: "2026-11-28T10:00:42.000Z",
        message: expect.stringContaining("after 10:00:42 UTC (in about 42 seconds)"),
      },
    });
  });

  it("falls back to Retry-After (seconds) for a 429 without X-RateLimit-Reset", () => {
    const result = answer(429, "", { "Retry-After": "30" });
    expect(result).toMatchObject({
      ok: false,
      failure: {
        kind: "rate-limited",
        retryAt: "2026-11-28T10:00:30.000Z",
        message: expect.stringContaining("10:00:30 UTC"),
      },
    });
  });

  // KNOWN BUG (lib/connectors/clickup/responses.ts:58-59): Number(headers.get(...)) turns a missing
  it("gives a generic wait-a-minute message and no retryAt for a 429 without rate-limit headers", () => {
    const result = answer(429, json({ err: "Rate limit reached", ECODE: "APP_002" }));
    expect(result).toEqual({
      ok: false,
      failure: {
        kind: "rate-limited",
        message: "ClickUp's rate limit for this API key is reached. Wait a minute, then try again.",
      },
    });
  });

  it("always reports a 429 without rate-limit headers as rate-limited with a wait instruction", () => {
    const result = answer(429, "");
    expect(result).toMatchObject({
      ok: false,
      failure: { kind: "rate-limited", message: expect.stringMatching(/rate limit/) },
    });
  });

  it.each([
    ["500 with an HTML page", 500, "<html><body><h1>500 Internal Server Error</h1></body></html>"],
    ["503 with JSON", 503, json({ err: "maintenance" })],
    ["200 with malformed JSON", 200, '{"user": {"id": 1001, "username": '],
    ["200 with an empty body", 200, ""],
    ["204 no content", 204, ""],
    ["404 JSON without an OAUTH code", 404, json({ err: "Route not found", ECODE: "APP_001" })],
    ["302 redirect", 302, ""],
    ["403 HTML", 403, "<html>Forbidden</html>"],
  ])("treats %s as ClickUp being unavailable", (_case, status, body) => {
    expect(answer(status, body)).toEqual({
      ok: false,
      failure: { kind: "unavailable", message: CLICKUP_MESSAGES.unavailable },
    });
  });

  it("does not mistake a non-string ECODE for an OAUTH code", () => {
    expect(answer(404, json({ ECODE: ["OAUTH_019"] }))).toMatchObject({ ok: false, failure: { kind: "unavailable" } });
  });
});

describe("parseClickUpUser", () => {
  it("turns a numeric id into a string and keeps name and email", () => {
    expect(
      parseClickUpUser(
        { user: { id: 1001, username: "Ada Lovelace", email: "ada@example.test", color: "#000" } },
        TOKEN,
      ),
    ).toEqual({
      id: "1001",
      name: "Ada Lovelace",
      email: "ada@example.test",
    });
  });

  it("accepts a string id and maps null or missing username and email to empty strings", () => {
    expect(parseClickUpUser({ user: { id: "abc", username: null, email: null } }, TOKEN)).toEqual({
      id: "abc",
      name: "",
      email: "",
    });
    expect(parseClickUpUser({ user: { id: 7 } }, TOKEN)).toEqual({ id: "7", name: "", email: "" });
  });

  it("trims the username and email", () => {
    expect(parseClickUpUser({ user: { id: 1, username: "  Ada ", email: " a@b.c\n" } }, TOKEN)).toMatchObject({
      name: "Ada",
      email: "a@b.c",
    });
  });

  it.each([
    ["undefined", undefined],
    ["null", null],
    ["no user", { id: 1 }],
    ["user is not an object", { user: "ada" }],
    ["id missing", { user: { username: "Ada" } }],
    ["empty string id", { user: { id: "" } }],
    ["fractional id", { user: { id: 1.5 } }],
    ["username of the wrong type", { user: { id: 1, username: 12 } }],
    ["an array", [{ user: { id: 1 } }]],
  ])("returns undefined for a body of the wrong shape (%s)", (_case, body) => {
    expect(parseClickUpUser(body, TOKEN)).toBeUndefined();
  });
});

// Whoever controls a ClickUp account chooses its name, and a ClickUp Workspace's name: they reach
// every page that shows the credential, its Activity and the Configure step.
describe("what ClickUp sends back is cleaned", () => {
  const RLO = "\u202e";
  const user = (fields: Record<string, unknown>) => parseClickUpUser({ user: { id: 1001, ...fields } }, TOKEN);

  it.each([
    ["a right-to-left override", `Ada ${RLO}ecalevoL`, "Ada ecalevoL"],
    ["bidi isolates and a pop", "\u2067Ada\u2069 \u202bLovelace\u202c", "Ada Lovelace"],
    ["left-to-right and right-to-left marks", "\u200eAda\u200f Lovelace\u061c", "Ada Lovelace"],
    ["zero-width characters", "A\u200bd\u200ca\u200d \u2060Love\ufefflace", "Ada Lovelace"],
    ["control characters", "Ada\u0000\u0007\u001b[31m Lovelace\u007f\u009b", "Ada[31m Lovelace"],
    ["line breaks and tabs (made spaces)", "Ada\n\tLovelace\u2028x\u2029y", "Ada Lovelace x y"],
    ["tag characters and fillers", "Ada\u{e0041}\u{e0064} \u3164Lovelace\u115f", "Ada Lovelace"],
    ["a lone surrogate", "Ada \ud800Lovelace", "Ada \ufffdLovelace"],
  ])("removes %s from the account name", (_case, username, expected) => {
    expect(user({ username })).toMatchObject({ name: expected });
  });

  it("removes hidden characters from the email too", () => {
    expect(user({ email: `${RLO}ada@exa\u200bmple.test\u0000` })).toMatchObject({ email: "ada@example.test" });
  });

  it("keeps letters of every script, accents, emoji and inner spaces as they are", () => {
    expect(user({ username: "Zoë O\u2019Brien — 山田 太郎 😀", email: "zoë@exämple.test" })).toMatchObject({
      name: "Zoë O\u2019Brien — 山田 太郎 😀",
      email: "zoë@exämple.test",
    });
  });

  it("caps names and emails, marking the cut, without splitting a character", () => {
    const { name: nameLimit, email: emailLimit } = CLICKUP_TEXT_LIMITS;
    expect(nameLimit).toBe(200);
    expect(emailLimit).toBe(254);
    const parsed = user({ username: "😀".repeat(500), email: `${"a".repeat(400)}@example.test` })!;
    expect([...parsed.name]).toHaveLength(nameLimit);
    expect(parsed.name.endsWith("…")).toBe(true);
    expect(parsed.name.isWellFormed()).toBe(true);
    expect([...parsed.email]).toHaveLength(emailLimit);
    expect(parsed.email.endsWith("…")).toBe(true);
    // Exactly at the limit: kept whole.
    expect(user({ username: "x".repeat(nameLimit) })!.name).toBe("x".repeat(nameLimit));
  });

  it("an answer made only of hidden characters is an empty name, as a missing one is", () => {
    expect(user({ username: `${RLO}\u200b\u0000`, email: "\u2066\u2069" })).toMatchObject({ name: "", email: "" });
  });

  it.each([
    ["the token itself", `Ada ${TOKEN}`],
    ["the token in other case", `ada ${TOKEN.toLowerCase()}`],
    ["the token split by hidden characters", `Ada pk_1001_ABCDEF\u200bGHIJKLMNOPQRSTUVWXYZ012345`],
    ["the token split by spaces", "Ada pk_1001_ABCD EFGH IJKL MNOP QRST UVWX YZ01 2345"],
    ["the token without its last four characters", `Ada ${TOKEN.slice(0, -4)}`],
    ["a long piece of the token's secret part", "Ada GHIJKLMNOPQRSTU"],
  ])("hides an account name or email that contains %s", (_case, value) => {
    expect(user({ username: value, email: `${value}@example.test` })).toMatchObject({
      name: CLICKUP_TEXT_LIMITS.hidden,
      email: CLICKUP_TEXT_LIMITS.hidden,
    });
  });

  it("keeps a name that merely shares a few characters with the token", () => {
    expect(user({ username: "ABCD 1001 pk" })).toMatchObject({ name: "ABCD 1001 pk" });
  });

  it("refuses an account id that is not a plain id, or that carries the token", () => {
    expect(parseClickUpUser({ user: { id: `1001${RLO}` } }, TOKEN)).toBeUndefined();
    expect(parseClickUpUser({ user: { id: "x".repeat(65) } }, TOKEN)).toBeUndefined();
    expect(parseClickUpUser({ user: { id: TOKEN } }, TOKEN)).toBeUndefined();
  });
});

describe("parseClickUpTeams", () => {
  it("lists Workspaces by id and name; a blank name gets a stand-in", () => {
    expect(
      parseClickUpTeams(
        {
          teams: [
            { id: "9001", name: " Analytics " },
            { id: 9002, name: "" },
          ],
        },
        TOKEN,
      ),
    ).toEqual([
      { id: "9001", name: "Analytics" },
      { id: "9002", name: "Workspace 9002" },
    ]);
  });

  it("cleans, caps and hides Workspace names as it does account names", () => {
    const teams = parseClickUpTeams(
      {
        teams: [
          { id: "1", name: "\u202eecapskroW\u202c\u200b" },
          { id: "2", name: "W".repeat(300) },
          { id: "3", name: `Leaked ${TOKEN}` },
          { id: "4", name: "\u2066\u2069" },
        ],
      },
      TOKEN,
    )!;
    expect(teams[0].name).toBe("ecapskroW");
    expect([...teams[1].name]).toHaveLength(CLICKUP_TEXT_LIMITS.name);
    expect(teams[2].name).toBe(CLICKUP_TEXT_LIMITS.hidden);
    expect(teams[3].name).toBe("Workspace 4");
  });

  it("returns undefined when a Workspace id is not a plain id or carries the token", () => {
    expect(parseClickUpTeams({ teams: [{ id: "9\u202e001", name: "A" }] }, TOKEN)).toBeUndefined();
    expect(parseClickUpTeams({ teams: [{ id: TOKEN, name: "A" }] }, TOKEN)).toBeUndefined();
  });
});
