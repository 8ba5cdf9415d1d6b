import { freePort, migratedDatabase, startApp, type AppInstance } from "./support/app-instance";
import { E2E } from "./support/e2e-env";
import { expect, test } from "./support/test";

// DNS rebinding: a page on evil.example whose name later resolves to this server's address would
// read our answers as same-origin. So the app answers only for the host names it is configured
// with: loopback, APP_URL's host, ALLOWED_HOSTS. On a server of its own, configured with both.

let database: ReturnType<typeof migratedDatabase>;
let app: AppInstance;

test.beforeAll(async () => {
  test.setTimeout(120_000);
  database = migratedDatabase("host-names");
  app = startApp({
    port: await freePort(3395, 3399),
    via: "start-script",
    env: {
      DATABASE_URL: database.url,
      CLICKUP_API_BASE_URL: E2E.fakeClickUpUrl,
      CREDENTIAL_ENCRYPTION_KEYS: E2E.keyRing!,
      APP_URL: "https://credentials.example.test",
      ALLOWED_HOSTS: "app.internal, 10.1.2.3",
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
    // A forwarded host counts as much as the Host header: Next.js builds its origin from it.
    { "x-forwarded-host": "evil.example" },
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
