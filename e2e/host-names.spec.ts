import net from "node:net";
import Database from "better-sqlite3";

import { freePort, migratedDatabase, startApp, type AppInstance } from "./support/app-instance";
import { E2E } from "./support/e2e-env";
import { nonLoopbackAddress } from "./support/network-address";
import { expect, test } from "./support/test";

// DNS rebinding: a page on evil.example whose name later resolves to this server's address would
// read our answers as same-origin. So the app answers only for the host names it is configured
// with: loopback, APP_URL's host, ALLOWED_HOSTS. On a server of its own, configured with both,
// and not set up yet: the loopback names are answered only to this machine, and a first-run setup
// from anywhere else needs the setup code from the server's log. The server's own front door
// (server/front-door.mjs) is tested here too: methods, redirects, request lines, forwarded headers.

let database: ReturnType<typeof migratedDatabase>;
let app: AppInstance;
/** This machine's address on its network: requests sent to it arrive from a non-loopback peer. */
let lan: string;

test.beforeAll(async () => {
  test.setTimeout(120_000);
  database = migratedDatabase("host-names");
  lan = nonLoopbackAddress();
  app = startApp({
    port: await freePort(3395, 3399),
    via: "start-script",
    env: {
      DATABASE_URL: database.url,
      CLICKUP_API_BASE_URL: E2E.fakeClickUpUrl,
      CREDENTIAL_ENCRYPTION_KEYS: E2E.keyRing!,
      APP_URL: "https://credentials.example.test",
      ALLOWED_HOSTS: `app.internal, 10.1.2.3, ${lan}`,
    },
  });
  await app.waitUntilServing("/setup", 90_000);
});

test.afterAll(async () => {
  await app?.stop();
  database?.remove();
});

test("a request for an unknown host name is refused with 421 and a log line naming the variables to set", async ({
  request,
}) => {
  const cases: Record<string, string>[] = [
    { host: "evil.example" },
    { host: `evil.example:${app.port}` },
    { host: "127.0.0.1.evil.example" },
    { host: "localhost.evil.example" },
    { host: "credentials.example.test.evil.example" },
  ];
  for (const headers of cases) {
    for (const path of ["/setup", "/sign-in", "/_next/static/chunks/none.js", "/robots.txt"]) {
      const response = await request.get(`${app.url}${path}`, { headers, maxRedirects: 0 });
      const what = `${JSON.stringify(headers)} ${path}`;
      expect(response.status(), what).toBe(421);
      expect(response.headers()["content-type"], what).toMatch(/^text\/plain/);
      expect(await response.text(), what).toMatch(/not served under this host name/i);
      expect(response.headers()["content-security-policy"], what).toContain("default-src 'none'");
    }
  }
  // A server action posted under a foreign name is refused before it runs.
  const post = await request.post(`${app.url}/setup`, {
    headers: { host: "evil.example", origin: "http://evil.example", "next-action": "00", "content-type": "text/plain" },
    data: "[]",
  });
  expect(post.status()).toBe(421);
  expect(app.output()).toMatch(/Refused a request for host "evil\.example".*APP_URL.*ALLOWED_HOSTS/);
});

test("without a trusted proxy, X-Forwarded-* headers are the client's own words: removed, never obeyed", async ({
  request,
}) => {
  // (Behind a trusted proxy a forwarded host is checked like Host: e2e/client-address.spec.ts.)
  const response = await request.get(`${app.url}/setup`, {
    headers: { "x-forwarded-host": "evil.example", "x-forwarded-proto": "https", forwarded: "host=evil.example" },
    maxRedirects: 0,
  });
  expect(response.status()).toBe(200);
});

test("loopback names on any port, APP_URL's host and ALLOWED_HOSTS are answered", async ({ request }) => {
  for (const host of [
    `127.0.0.1:${app.port}`,
    "127.0.0.1",
    `localhost:${app.port}`,
    "LOCALHOST:1234",
    `[::1]:${app.port}`,
    "credentials.example.test",
    "credentials.example.test:443",
    "app.internal:8080",
    "10.1.2.3",
  ]) {
    const response = await request.get(`${app.url}/setup`, { headers: { host }, maxRedirects: 0 });
    expect(response.status(), host).toBe(200);
    await expect(response.text()).resolves.toContain("Set up admin account");
  }
});

/**
 * Sends `head` (request line and headers, without the blank line) as is; answers status, headers
 * and body, once the server closes the connection (it may not be half-closed early: Node.js then
 * drops a response still being rendered).
 */
async function rawRequest(address: string, port: number, head: string) {
  const text = await new Promise<string>((resolve, reject) => {
    const socket = net.connect(port, address, () => socket.write(`${head}\r\nConnection: close\r\n\r\n`));
    let received = "";
    socket.setEncoding("latin1");
    socket.on("data", (chunk) => (received += chunk));
    socket.on("end", () => resolve(received));
    socket.on("error", reject);
    socket.setTimeout(15_000, () => socket.destroy(new Error(`No answer to ${head.split("\r\n")[0]}`)));
  });
  const [headText, ...body] = text.split("\r\n\r\n");
  const [statusLine, ...headerLines] = headText.split("\r\n");
  const headers: Record<string, string> = {};
  for (const line of headerLines)
    headers[line.slice(0, line.indexOf(":")).toLowerCase()] = line.slice(line.indexOf(":") + 1).trim();
  return { status: Number(statusLine.split(" ")[1]), headers, body: body.join("\r\n\r\n") };
}

function expectSecurityHeaders(headers: Record<string, string>, what: string) {
  expect(headers["x-content-type-options"], what).toBe("nosniff");
  expect(headers["x-frame-options"], what).toBe("DENY");
  expect(headers["referrer-policy"], what).toBe("same-origin");
  expect(headers["content-security-policy"], what).toContain("frame-ancestors 'none'");
}

test("the loopback names are answered only to this machine: from the network they are refused, setup included", async ({
  request,
}) => {
  for (const host of [`localhost:${app.port}`, "localhost", `127.0.0.1:${app.port}`, `[::1]:${app.port}`]) {
    const response = await request.get(`http://${lan}:${app.port}/setup`, { headers: { host }, maxRedirects: 0 });
    expect(response.status(), host).toBe(421);
  }
  // The squatter's post: the setup form under a loopback name, from another machine.
  const post = await request.post(`http://${lan}:${app.port}/setup`, {
    headers: { host: `localhost:${app.port}`, origin: `http://localhost:${app.port}`, "next-action": "00" },
    multipart: { name: "Squatter", email: "squatter@evil.example", password: "a long enough squatter passphrase" },
  });
  expect(post.status()).toBe(421);
  // Its own name on the network (in ALLOWED_HOSTS) is answered.
  const own = await request.get(`http://${lan}:${app.port}/setup`, { maxRedirects: 0 });
  expect(own.status()).toBe(200);
});

test("without a trusted proxy, X-Forwarded-Host does not vouch for a foreign Origin", async ({ request }) => {
  // TRUSTED_PROXY_COUNT is 0 here: nobody in front adds X-Forwarded-*, so a client wrote them.
  const response = await request.post(`${app.url}/setup`, {
    headers: {
      origin: `http://app.internal:${app.port}`,
      "x-forwarded-host": `app.internal:${app.port}`,
      "next-action": "00",
      "content-type": "text/plain;charset=UTF-8",
    },
    data: "[]",
    maxRedirects: 0,
  });
  expect(response.status()).toBe(403);
});

test("every answer carries the security headers: unsupported methods get 405, redirects and refusals too", async () => {
  const before = app.output().length;
  for (const method of ["TRACE", "PROPFIND", "MKCOL"]) {
    for (const path of ["/setup", "/api/v1/credentials", "/_next/static/none.js"]) {
      const answer = await rawRequest(
        "127.0.0.1",
        app.port,
        `${method} ${path} HTTP/1.1\r\nHost: 127.0.0.1:${app.port}`,
      );
      const what = `${method} ${path}`;
      expect(answer.status, what).toBe(405);
      expect(answer.headers.allow, what).toMatch(/GET/);
      expectSecurityHeaders(answer.headers, what);
      if (path.startsWith("/api/v1")) {
        expect(answer.headers["content-type"], what).toMatch(/^application\/problem\+json/);
        expect(JSON.parse(answer.body)).toMatchObject({
          code: "method-not-allowed",
        });
      }
    }
  }
  // A method Node.js cannot even parse, and a request it cannot parse at all.
  for (const head of [
    `TRACK /setup HTTP/1.1\r\nHost: 127.0.0.1:${app.port}`,
    "GET /setup HTTP/1.1\r\nHost: a\r\nHost b",
  ]) {
    const answer = await rawRequest("127.0.0.1", app.port, head);
    expect(answer.status, head).toBe(400);
    expectSecurityHeaders(answer.headers, head);
  }
  // Next.js's own path-normalising redirect.
  const redirect = await rawRequest("127.0.0.1", app.port, `GET /setup/ HTTP/1.1\r\nHost: 127.0.0.1:${app.port}`);
  expect(redirect.status).toBe(308);
  expect(redirect.headers.location).toBe("/setup");
  expectSecurityHeaders(redirect.headers, "308");
  // An absolute-form request line names its own host, which must be one of ours: never a redirect off-site.
  const offSite = await rawRequest(
    "127.0.0.1",
    app.port,
    `GET http://evil.example/x HTTP/1.1\r\nHost: 127.0.0.1:${app.port}`,
  );
  expect(offSite.status).toBe(421);
  expect(offSite.headers.location).toBeUndefined();
  expectSecurityHeaders(offSite.headers, "absolute-form, foreign host");
  const ownSite = await rawRequest(
    "127.0.0.1",
    app.port,
    `GET http://127.0.0.1:${app.port}/setup HTTP/1.1\r\nHost: 127.0.0.1:${app.port}`,
  );
  expect(ownSite.status).toBe(200);
  const asterisk = await rawRequest("127.0.0.1", app.port, `OPTIONS * HTTP/1.1\r\nHost: 127.0.0.1:${app.port}`);
  expect(asterisk.status).toBe(400);
  expectSecurityHeaders(asterisk.headers, "asterisk-form");
  // None of it put a stack trace in the log.
  expect(app.output().slice(before)).not.toMatch(/^\s+at /m);
});

test("junk requests are logged at a bounded rate, not a line each", async ({ request }) => {
  const refusalLines = () => app.output().match(/Refused a request for host/g)?.length ?? 0;
  const before = refusalLines();
  for (let index = 0; index < 40; index += 1) {
    const response = await request.get(`${app.url}/robots.txt`, { headers: { host: `junk-${index}.evil.example` } });
    expect(response.status()).toBe(421);
  }
  // One line per worker process and minute at most (a minute may turn over once meanwhile).
  expect(refusalLines() - before).toBeLessThanOrEqual(4);
});

test("a first-run setup from the network needs the setup code from the server's log; from this machine it does not", async ({
  page,
}) => {
  // From this machine: the contract's form, unchanged.
  await page.goto(`${app.url}/setup`);
  await expect(page.getByRole("heading", { name: "Set up admin account" })).toBeVisible();
  await expect(page.getByLabel("Setup code")).toHaveCount(0);

  const code = /\[setup\][^\n]*\n[^\n]*?\b([0-9a-f]{32})\b/.exec(app.output())?.[1];
  expect(code, "the setup code in the start-up log").toBeDefined();
  // Stored only as a hash.
  const stored = new Database(database.file, { readonly: true });
  expect(JSON.stringify(stored.prepare('SELECT * FROM "SetupCode"').all())).not.toContain(code);
  stored.close();

  // From the network, with a proxy-style header a client made up: it asks for the code.
  await page.setExtraHTTPHeaders({ "x-forwarded-proto": "https" });
  const fromNetwork = `http://${lan}:${app.port}`;
  await page.goto(`${fromNetwork}/setup`);
  const setupCode = page.getByLabel("Setup code");
  await expect(setupCode).toBeVisible();
  await page.getByLabel("Name").fill("Ada Network-Admin");
  await page.getByLabel("Email").fill("ada.network-admin@a-rather-long-company-domain.example.test");
  await page.getByLabel("Password").fill("network admin passphrase, long enough");
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(setupCode).toHaveAttribute("aria-invalid", "true");
  await expect(setupCode).toHaveAccessibleDescription(/setup code/i);

  await setupCode.fill("0".repeat(32));
  await page.getByLabel("Password").fill("network admin passphrase, long enough");
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(setupCode).toHaveAccessibleDescription(/not the setup code/i);
  await expect(page).toHaveURL(`${fromNetwork}/setup`);

  await setupCode.fill(` ${code!.toUpperCase()} `);
  await page.getByLabel("Password").fill("network admin passphrase, long enough");
  await page.getByRole("button", { name: "Create account" }).click();
  await page.waitForURL(`${fromNetwork}/`);
  await expect(page.getByText("Ada Network-Admin")).toBeVisible();
  // Plain http: the session cookie is not a Secure one, whatever X-Forwarded-Proto said.
  const cookies = await page.context().cookies(fromNetwork);
  expect(cookies.map((cookie) => cookie.name).join(" ")).not.toMatch(/__Secure-/);

  // Once an admin exists, no code is kept, and setup is over.
  const after = new Database(database.file, { readonly: true });
  expect(after.prepare('SELECT COUNT(*) AS n FROM "SetupCode"').get()).toEqual({ n: 0 });
  after.close();
});
