import http from "node:http";
import type { Page } from "@playwright/test";

import { freePort, migratedDatabase, setUpAdmin, startApp, type AppInstance } from "./support/app-instance";
import { E2E } from "./support/e2e-env";
import { fakeToken, startEarlyInAMinute, uniqueName } from "./support/helpers";
import { interceptAction } from "./support/server-actions";
import { expect, test } from "./support/test";

// Which client a token check counts against, on servers of their own: one reached directly (no
// proxy configured: the socket's peer is the client), one behind a trusted proxy (which this test
// plays, by writing X-Forwarded-For as a proxy would).

const PER_CLIENT = 3;
const PER_PERSON = 5;

interface Deployment {
  app: AppInstance;
  database: ReturnType<typeof migratedDatabase>;
}
const deployments: Deployment[] = [];

async function deploy(label: string, ports: [number, number], env: Record<string, string>): Promise<AppInstance> {
  const database = migratedDatabase(label);
  const app = startApp({
    port: await freePort(...ports),
    via: "start-script",
    env: {
      DATABASE_URL: database.url,
      CLICKUP_API_BASE_URL: E2E.fakeClickUpUrl,
      CLICKUP_TIMEOUT_MS: "1500",
      CREDENTIAL_ENCRYPTION_KEYS: E2E.keyRing!,
      TOKEN_CHECKS_PER_MINUTE: String(PER_CLIENT),
      ...env,
    },
  });
  deployments.push({ app, database });
  await app.waitUntilServing("/sources/new/clickup", 90_000);
  return app;
}

test.afterAll(async () => {
  for (const { app, database } of deployments.splice(0)) {
    await app.stop();
    database.remove();
  }
});

/** The Save action's id and the session cookie, learnt from the browser (the save itself is held back). */
async function learnSave(page: Page, app: AppInstance) {
  await page.goto(`${app.url}/sources/new/clickup`);
  const action = await interceptAction(page, "**/sources/new/clickup", async () => {
    await page.getByRole("button", { name: "Add Credential" }).click();
    await page.getByLabel("Credential Name").fill(uniqueName("Probe"));
    await page.getByLabel("API Key").fill(fakeToken("good"));
    await page.getByRole("button", { name: "Save" }).click();
  });
  const cookie = (await page.context().cookies(app.url)).map(({ name, value }) => `${name}=${value}`).join("; ");
  return { id: action.id, cookie };
}

/**
 * Posts the Save action as a script would: from `localAddress` (any 127.x.y.z is loopback on
 * Linux, so the server sees a different peer), with whatever extra headers the client chooses.
 */
function postSave(
  app: AppInstance,
  save: { id: string; cookie: string },
  options: { localAddress?: string; headers?: Record<string, string> } = {},
): Promise<string> {
  const body = JSON.stringify(["clickup", { name: uniqueName("Counted"), description: "", apiKey: fakeToken("good") }]);
  return new Promise((resolve, reject) => {
    const request = http.request(
      `${app.url}/sources/new/clickup`,
      {
        method: "POST",
        localAddress: options.localAddress,
        timeout: 15_000,
        headers: {
          "next-action": save.id,
          "content-type": "text/plain;charset=UTF-8",
          accept: "text/x-component",
          origin: app.url,
          cookie: save.cookie,
          ...options.headers,
        },
      },
      (response) => {
        let text = "";
        response.setEncoding("utf8");
        response.on("data", (chunk) => (text += chunk));
        response.on("end", () => resolve(`${response.statusCode} ${text}`));
      },
    );
    request.on("error", reject);
    request.on("timeout", () => request.destroy(new Error("no answer in 15 s")));
    request.end(body);
  });
}

const saved = (answer: string) => answer.startsWith("200 ") && answer.includes('"ok":true');
const refusedForClient = (answer: string) =>
  answer.includes(`Too many token checks from your connection (at most ${PER_CLIENT} a minute)`);

test("reached directly, a client's own forwarding headers never lift the token-check limit; another address has its own", async ({
  page,
}) => {
  test.setTimeout(180_000);
  const app = await deploy("direct", [3380, 3384], { TOKEN_CHECKS_PER_PERSON_PER_MINUTE: "100000" });
  await setUpAdmin(page, app.url);
  const save = await learnSave(page, app);
  await startEarlyInAMinute(page, 25_000);

  // Every request claims to come from somewhere new, in every header a client can write.
  const claims = (index: number) => ({
    "x-forwarded-for": `198.51.100.${index}`,
    "x-real-ip": `198.51.100.${index}`,
    forwarded: `for=198.51.100.${index}`,
    "x-app-peer-address": `198.51.100.${index}`,
  });
  const answers = [];
  for (let index = 1; index <= PER_CLIENT + 1; index += 1)
    answers.push(await postSave(app, save, { headers: claims(index) }));
  expect(answers.slice(0, PER_CLIENT).every(saved), answers.join("\n")).toBe(true);
  expect(refusedForClient(answers[PER_CLIENT]), answers[PER_CLIENT]).toBe(true);

  // The peer address is what counts: a connection from another address has a fresh allowance.
  expect(saved(await postSave(app, save, { localAddress: "127.0.0.2" }))).toBe(true);
});

test("behind one trusted proxy, the address the proxy saw keys the limit, and the per-person limit holds across addresses", async ({
  page,
}) => {
  test.setTimeout(180_000);
  const app = await deploy("proxied", [3385, 3389], {
    TRUSTED_PROXY_COUNT: "1",
    TOKEN_CHECKS_PER_PERSON_PER_MINUTE: String(PER_PERSON),
    ALLOWED_HOSTS: "credentials.internal",
  });
  await setUpAdmin(page, app.url);
  // Behind a trusted proxy its forwarded host counts as much as the Host header (Next.js builds its
  // origin from it), and a client the proxy saw elsewhere is not on this machine, whatever the
  // proxy's own address: the loopback names are refused to it.
  expect(
    (await page.request.get(`${app.url}/sign-in`, { headers: { "x-forwarded-host": "evil.example" } })).status(),
  ).toBe(421);
  for (const host of [`localhost:${app.port}`, `127.0.0.1:${app.port}`]) {
    const outsider = await page.request.get(`${app.url}/sign-in`, {
      headers: { host, "x-forwarded-for": "203.0.113.50" },
    });
    expect(outsider.status(), host).toBe(421);
  }
  expect((await page.request.get(`${app.url}/sign-in`, { headers: { "x-forwarded-for": "127.0.0.1" } })).status()).toBe(
    200,
  );
  const save = await learnSave(page, app);
  await startEarlyInAMinute(page, 25_000);
  // The client writes the left part; the proxy appends the address it saw, and passes on the name
  // the browser used (the loopback names are for clients on the app's machine only).
  const via = (client: string, index: number) => ({
    host: `credentials.internal:${app.port}`,
    origin: `http://credentials.internal:${app.port}`,
    "x-forwarded-for": `10.9.9.${index}, ${client}`,
  });

  const first = [];
  for (let index = 1; index <= PER_CLIENT + 1; index += 1)
    first.push(await postSave(app, save, { headers: via("203.0.113.1", index) }));
  expect(first.slice(0, PER_CLIENT).every(saved), first.join("\n")).toBe(true);
  expect(refusedForClient(first[PER_CLIENT]), first[PER_CLIENT]).toBe(true);

  // Another client address has its own allowance, until the person's own is used up.
  const second = [];
  for (let index = 1; index <= PER_PERSON - PER_CLIENT + 1; index += 1)
    second.push(await postSave(app, save, { headers: via(`203.0.113.${10 + index}`, index) }));
  expect(second.slice(0, -1).every(saved), second.join("\n")).toBe(true);
  expect(second.at(-1)).toContain(`Too many token checks by you (at most ${PER_PERSON} a minute`);
});
