import { expect, type Page } from "@playwright/test";

import { addCredential, continueToConfigure, fakeToken, uniqueName } from "./helpers";

/** The URLs of a credential, a source using it and the Configure step that made it. */
export interface PopulatedUrls {
  configureUrl: string;
  sourceUrl: string;
  credentialUrl: string;
}

/** What `populate` fills in and picks; by default short, ordinary values. */
export interface PopulateValues {
  credentialName: string;
  description: string;
  apiKey: string;
  sourceName: string;
  workspace: string;
}

/** A credential, a source using it, and their pages' URLs: so every page has something to show. */
export async function populate(page: Page, values: Partial<PopulateValues> = {}): Promise<PopulatedUrls> {
  const credentialName = values.credentialName ?? uniqueName("A11y credential");
  const sourceName = values.sourceName ?? uniqueName("A11y source");
  await addCredential(page, "/sources/new/clickup", {
    name: credentialName,
    apiKey: values.apiKey ?? fakeToken("good"),
    description: values.description ?? "Used by the accessibility checks",
  });
  await continueToConfigure(page);
  const configureUrl = page.url();
  await page.getByLabel("Name").fill(sourceName);
  await page.getByLabel("Workspace").selectOption({ label: values.workspace ?? "Analytics Workspace" });
  await page.getByRole("button", { name: "Create" }).click();
  await expect(page.getByRole("heading", { name: sourceName })).toBeVisible();
  const sourceUrl = page.url();
  await page.goto(`/credentials?q=${encodeURIComponent(credentialName)}`);
  await page.getByRole("link", { name: credentialName }).click();
  await expect(page.getByRole("heading", { level: 1, name: credentialName })).toBeVisible();
  return { configureUrl, sourceUrl, credentialUrl: page.url() };
}

/** Every page a signed-in admin can reach (after `populate`, so lists and details are not empty). */
export function signedInPages({ configureUrl, sourceUrl, credentialUrl }: PopulatedUrls): string[] {
  return [
    "/",
    "/sources",
    "/sources/new",
    "/sources/new/clickup",
    "/destinations",
    "/destinations/new/clickup",
    "/credentials",
    "/credentials?q=nothing-matches-this",
    "/no-such-page",
    "/people",
    "/webhooks",
    "/api-keys",
    "/api/docs",
    configureUrl,
    sourceUrl,
    credentialUrl,
  ];
}

/** The dialogs a credential's page opens: the button, and the dialog's role and name. */
export const credentialPageDialogs = [
  ["Edit", "dialog", "Edit Credential"],
  ["Replace token", "dialog", "Replace Token"],
  ["Delete", "alertdialog", "Delete Credential"],
] as const;

/** The dialogs a source's page opens. */
export const sourcePageDialogs = [
  ["Rename", "dialog", "Rename source"],
  ["Delete", "alertdialog", "Delete source"],
] as const;
