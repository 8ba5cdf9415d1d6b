import { describe, expect, it } from "vitest";

import { CLICKUP_MESSAGES, interpretClickUpResponse, parseClickUpUser } from "./responses";

const NOW = new Date("2026-11-28T10:00:00.000Z");
const nowSeconds = NOW.getTime() / 1000;

function answer(status: number, body: string, headers: Record<string, string> = {}) {
  return interpretClickUpResponse(status, new Headers(headers), body, NOW);
}

const json = (value: unknown) => JSON.stringify(value);

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
      parseClickUpUser({ user: { id: 1001, username: "Ada Lovelace", email: "ada@example.test", color: "#000" } }),
    ).toEqual({
      id: "1001",
      name: "Ada Lovelace",
      email: "ada@example.test",
    });
  });

  it("accepts a string id and maps null or missing username and email to empty strings", () => {
    expect(parseClickUpUser({ user: { id: "abc", username: null, email: null } })).toEqual({
      id: "abc",
      name: "",
      email: "",
    });
    expect(parseClickUpUser({ user: { id: 7 } })).toEqual({ id: "7", name: "", email: "" });
  });

  it("trims the username and email", () => {
    expect(parseClickUpUser({ user: { id: 1, username: "  Ada ", email: " a@b.c\n" } })).toMatchObject({
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
    expect(parseClickUpUser(body)).toBeUndefined();
  });
});
