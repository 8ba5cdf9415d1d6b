import http from "node:http";
import type { AddressInfo } from "node:net";
import type { Browser, Page } from "@playwright/test";
import { Webhook } from "standardwebhooks";

import { expectNoAxeViolations } from "./support/axe";
import { databaseBytes, serverLog, uniqueName } from "./support/helpers";
import { expect, test } from "./support/test";

// Outgoing webhooks on /webhooks (the admin's page): the signing secret shown once, "Send test
// event" reaching a receiver this spec runs on loopback, whose signature the Standard Webhooks
// library verifies, and the delivery log showing it. A member cannot open the page.

const EVENTS = [
  "credential.broken",
  "credential.recovered",
  "credential.account_changed",
  "endpoint.workspace_lost",
  "endpoint.workspace_restored",
];

interface Received {
  path: string;
  headers: Record<string, string>;
  body: string;
}
const received: Received[] = [];
let receiverUrl = "";

// Answers 204 to everything, as a receiver that does its work after answering.
const receiver = http.createServer((request, response) => {
  const chunks: Buffer[] = [];
  request.on("data", (chunk: Buffer) => chunks.push(chunk));
  request.on("end", () => {
    received.push({
      path: request.url ?? "",
      headers: request.headers as Record<string, string>,
      body: Buffer.concat(chunks).toString(),
    });
    response.writeHead(204).end();
  });
});

test.beforeAll(async () => {
  await new Promise<void>((resolve) => receiver.listen(0, "127.0.0.1", resolve));
  receiverUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}`;
});

test.afterAll(async () => {
  receiver.closeAllConnections();
  await new Promise((resolve) => receiver.close(resolve));
});

test("the admin adds a webhook, sees its secret once, and a signed test event reaches the receiver", async ({
  page,
}) => {
  test.setTimeout(90_000);
  const path = `/${uniqueName("hook").replace(/\W+/g, "-")}`;
  const url = `${receiverUrl}${path}`;
  await page.goto("/");
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Webhooks" }).click();
  await expect(page.getByRole("heading", { name: "Webhooks", level: 1 })).toBeVisible();
  for (const event of EVENTS) await expect(page.getByRole("checkbox", { name: event, exact: true })).toBeChecked();

  // Mistakes are said beside their fields, and nothing is added.
  const urlField = page.getByLabel("URL");
  await urlField.fill("ftp://example.test/hook");
  for (const event of EVENTS) await page.getByRole("checkbox", { name: event, exact: true }).uncheck();
  await page.getByRole("button", { name: "Add webhook" }).click();
  await expect(urlField).toHaveAccessibleDescription(/starting with https:\/\//);
  await expect(page.getByRole("group", { name: "Events" })).toHaveAccessibleDescription("Choose at least one event.");

  await urlField.fill(url);
  await page.getByRole("checkbox", { name: "credential.broken", exact: true }).check();
  await page.getByRole("checkbox", { name: "credential.recovered", exact: true }).check();
  await page.getByRole("button", { name: "Add webhook" }).click();
  const secretField = page.getByRole("textbox", { name: "Signing secret" });
  await expect(secretField).toHaveAttribute("readonly", "");
  const secret = await secretField.inputValue();
  expect(secret).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/);
  // Exact: its delivery log's region is named after the URL too.
  const webhook = page.getByRole("region", { name: url, exact: true });
  await expect(webhook).toContainText("credential.broken, credential.recovered");
  await expect(webhook).toContainText("Nothing sent to this webhook yet.");
  await expectNoAxeViolations(page, "/webhooks showing a new signing secret");

  // Send test event: one webhook.test, signed with that secret, then in the delivery log.
  await webhook.getByRole("button", { name: "Send test event" }).click();
  await expect(webhook.getByRole("status")).toHaveText("Test event delivered: the receiver answered 204.");
  const mine = received.filter((request) => request.path === path);
  expect(mine).toHaveLength(1);
  const payload = new Webhook(secret).verify(mine[0].body, mine[0].headers) as Record<string, unknown>;
  expect(payload).toMatchObject({ type: "webhook.test", id: mine[0].headers["webhook-id"] });
  expect(() =>
    new Webhook(`whsec_${Buffer.alloc(32, 1).toString("base64")}`).verify(mine[0].body, mine[0].headers),
  ).toThrow();
  const log = webhook.getByRole("region", { name: `Deliveries to ${url} (the latest 20)` });
  const row = log.getByRole("row").nth(1);
  await expect(row.getByRole("cell")).toHaveText(["webhook.test", "Delivered", "1", "204", /UTC$/]);
  await expectNoAxeViolations(page, "/webhooks with a delivery log");

  // Once the page is left, the secret is nowhere to be seen again.
  await page.reload();
  await expect(page.getByRole("textbox", { name: "Signing secret" })).toHaveCount(0);
  expect(await page.content()).not.toContain(secret);
  expect(serverLog()).not.toContain(secret);
  expect((await databaseBytes()).includes(Buffer.from(secret.slice(6)))).toBe(false);

  // Delete asks first; Cancel returns focus to the button, Delete to the list's heading.
  const deleteButton = webhook.getByRole("button", { name: "Delete" });
  await deleteButton.click();
  const dialog = page.getByRole("alertdialog", { name: "Delete webhook" });
  await expect(dialog).toContainText(url);
  await dialog.getByRole("button", { name: "Cancel" }).click();
  await expect(deleteButton).toBeFocused();
  await deleteButton.click();
  await dialog.getByRole("button", { name: "Delete", exact: true }).click();
  await expect(webhook).toHaveCount(0);
  await expect(page.getByRole("heading", { name: "Your webhooks" })).toBeFocused();
});

/** A member, invited by the admin and signed in in a browser of their own. */
async function signedInMember(browser: Browser, adminPage: Page) {
  await adminPage.goto("/people");
  await adminPage.getByRole("button", { name: "Create invitation link" }).click();
  const link = await adminPage.getByLabel("Invitation link").inputValue();
  const context = await browser.newContext({ storageState: { cookies: [], origins: [] } });
  const page = await context.newPage();
  await page.goto(link);
  const name = uniqueName("Webhook member");
  await page.getByLabel("Name").fill(name);
  await page.getByLabel("Email").fill(`member.${Date.now()}@example.test`);
  await page.getByLabel("Password").fill("a member's own long passphrase");
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page.getByRole("banner")).toContainText(`Signed in as ${name}`);
  return page;
}

test("a member has no Webhooks link, and /webhooks is not found for them", async ({ page, browser }) => {
  test.setTimeout(90_000);
  const member = await signedInMember(browser, page);
  await expect(member.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Webhooks" })).toHaveCount(0);
  expect((await member.goto("/webhooks"))?.status()).toBe(404);
  await expect(member.getByRole("heading", { name: "Webhooks" })).toHaveCount(0);
  await member.context().close();
});
