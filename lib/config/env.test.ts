import { afterEach, describe, expect, it, vi } from "vitest";

// lib/config/env.ts parses process.env once per module instance: import a fresh one per case.
async function parse(env: Record<string, string>) {
  vi.resetModules();
  for (const [name, value] of Object.entries(env)) vi.stubEnv(name, value);
  const { getEnv } = await import("./env");
  return getEnv();
}

afterEach(() => {
  vi.unstubAllEnvs();
});

describe("the variables that say who a client is and which host names are ours", () => {
  it("default to: no proxy, 30 token checks a person a minute, no public URL, no extra host names", async () => {
    const env = await parse({
      TRUSTED_PROXY_COUNT: "",
      TOKEN_CHECKS_PER_PERSON_PER_MINUTE: "",
      APP_URL: "",
      ALLOWED_HOSTS: "",
    });
    expect(env).toMatchObject({ TRUSTED_PROXY_COUNT: 0, TOKEN_CHECKS_PER_PERSON_PER_MINUTE: 30, ALLOWED_HOSTS: [] });
    expect(env.APP_URL).toBeUndefined();
  });

  it("parse valid values", async () => {
    const env = await parse({
      TRUSTED_PROXY_COUNT: "2",
      TOKEN_CHECKS_PER_PERSON_PER_MINUTE: "60",
      APP_URL: "https://Credentials.Example.com/",
      ALLOWED_HOSTS: " app.internal, 10.0.0.5 ,[::1],",
    });
    expect(env).toMatchObject({
      TRUSTED_PROXY_COUNT: 2,
      TOKEN_CHECKS_PER_PERSON_PER_MINUTE: 60,
      APP_URL: "https://credentials.example.com",
      ALLOWED_HOSTS: ["app.internal", "10.0.0.5", "[::1]"],
    });
  });

  it.each([
    ["TRUSTED_PROXY_COUNT", "-1", /must be 0/],
    ["TRUSTED_PROXY_COUNT", "one", /whole number/],
    ["TRUSTED_PROXY_COUNT", "11", /at most 10/],
    ["TOKEN_CHECKS_PER_PERSON_PER_MINUTE", "0", /at least 1/],
    ["APP_URL", "credentials.example.com", /http\(s\) URL/],
    ["APP_URL", "ftp://credentials.example.com", /http\(s\) URL/],
    ["APP_URL", "https://credentials.example.com/app", /origin only/],
    ["APP_URL", "https://user@credentials.example.com", /origin only/],
    ["ALLOWED_HOSTS", "https://credentials.example.com", /without scheme or port/],
    ["ALLOWED_HOSTS", "credentials.example.com:443", /without scheme or port/],
    ["ALLOWED_HOSTS", "a.example b.example", /without scheme or port/],
  ])("refuse %s=%j, naming it", async (name, value, message) => {
    const problem = await parse({ [name]: value }).then(
      () => "parsed",
      (error: Error) => error.message,
    );
    expect(problem).toContain(`${name}:`);
    expect(problem).toMatch(message);
  });
});

describe("CLICKUP_TIMEOUT_MS", () => {
  it("accepts up to 30 seconds: a person waits that long for Save, not longer", async () => {
    expect((await parse({ CLICKUP_TIMEOUT_MS: "30000" })).CLICKUP_TIMEOUT_MS).toBe(30_000);
    expect((await parse({ CLICKUP_TIMEOUT_MS: "" })).CLICKUP_TIMEOUT_MS).toBe(10_000);
  });

  it.each(["30001", "60000", "120000"])("refuses %s, naming the bound", async (value) => {
    const problem = await parse({ CLICKUP_TIMEOUT_MS: value }).then(
      () => "parsed",
      (error: Error) => error.message,
    );
    expect(problem).toContain("CLICKUP_TIMEOUT_MS:");
    expect(problem).toMatch(/at most 30000/);
  });
});

describe("the ClickUp OAuth app variables", () => {
  it("are off by default: no OAuth, ClickUp's web app at app.clickup.com", async () => {
    const env = await parse({ CLICKUP_OAUTH_CLIENT_ID: "", CLICKUP_OAUTH_CLIENT_SECRET: "", CLICKUP_APP_BASE_URL: "" });
    expect(env.CLICKUP_OAUTH_CLIENT_ID).toBeUndefined();
    expect(env.CLICKUP_APP_BASE_URL).toBe("https://app.clickup.com");
  });

  it.each([
    [{ CLICKUP_OAUTH_CLIENT_ID: "client-1", APP_URL: "https://c.example" }, "CLICKUP_OAUTH_CLIENT_SECRET: must be set"],
    [{ CLICKUP_OAUTH_CLIENT_SECRET: "secret-1", APP_URL: "https://c.example" }, "CLICKUP_OAUTH_CLIENT_ID: must be set"],
    [{ CLICKUP_OAUTH_CLIENT_ID: "client-1", CLICKUP_OAUTH_CLIENT_SECRET: "secret-1" }, "APP_URL: must be set"],
    [{ CLICKUP_APP_BASE_URL: "ftp://app.clickup.com" }, "CLICKUP_APP_BASE_URL: must be an http(s) URL"],
  ])("refuse a half or bad configuration, naming the variable (%o)", async (env, message) => {
    await expect(parse({ APP_URL: "", ...env })).rejects.toThrow(message);
  });
});

describe("BACKUP_SIGNING_KEY", () => {
  it("is unset by default (backups are not signed), and empty means unset", async () => {
    expect((await parse({ BACKUP_SIGNING_KEY: "" })).BACKUP_SIGNING_KEY).toBeUndefined();
  });

  it("accepts a secret of 32 characters or more", async () => {
    const key = "q0Yp9mF3vW7xL2sK8dJ4hT6rN1bC5aZe";
    expect((await parse({ BACKUP_SIGNING_KEY: key })).BACKUP_SIGNING_KEY).toBe(key);
  });

  it("refuses a shorter one, saying how to make one, without echoing it", async () => {
    const attempt = parse({ BACKUP_SIGNING_KEY: "short-signing-secret" });
    await expect(attempt).rejects.toThrow(
      "BACKUP_SIGNING_KEY: must be at least 32 characters (e.g. openssl rand -base64 32)",
    );
    await expect(attempt).rejects.not.toThrow("short-signing-secret");
  });
});

describe("the email alert variables", () => {
  it("are off by default, and empty means unset: no email is sent", async () => {
    const env = await parse({ SMTP_URL: "", SMTP_FROM: "" });
    expect(env.SMTP_URL).toBeUndefined();
    expect(env.SMTP_FROM).toBeUndefined();
  });

  it("accept an smtp(s) URL with a sender", async () => {
    const env = await parse({
      SMTP_URL: "smtp://user:pass@mail.example:587",
      SMTP_FROM: "Credentials <alerts@example.com>",
    });
    expect(env).toMatchObject({
      SMTP_URL: "smtp://user:pass@mail.example:587",
      SMTP_FROM: "Credentials <alerts@example.com>",
    });
  });

  it.each([
    [{ SMTP_URL: "smtp://mail.example:25" }, "SMTP_FROM: must be set with SMTP_URL"],
    [{ SMTP_FROM: "alerts@example.com" }, "SMTP_URL: must be set with SMTP_FROM"],
    [
      { SMTP_URL: "http://mail.example", SMTP_FROM: "alerts@example.com" },
      "SMTP_URL: must be an smtp:// or smtps:// URL",
    ],
    [{ SMTP_URL: "smtp://mail.example", SMTP_FROM: "nobody" }, "SMTP_FROM: must be an email address"],
  ])("refuse a half or bad configuration, naming the variable (%o)", async (env, message) => {
    await expect(parse(env)).rejects.toThrow(message);
  });

  it("never echo the SMTP password in a refusal", async () => {
    const attempt = parse({ SMTP_URL: "smtp://user:hunter2-secret@mail.example" });
    await expect(attempt).rejects.toThrow("SMTP_FROM");
    await expect(attempt).rejects.not.toThrow("hunter2-secret");
  });
});
