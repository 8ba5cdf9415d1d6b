import { randomBytes } from "node:crypto";
import type { APIRequestContext, Page } from "@playwright/test";

import { fakeToken, uniqueName } from "./helpers";
import { interceptAction } from "./server-actions";
import { PROXIED_HOST } from "./shared-app-instance";

/**
 * The Save action posted as a browser would, at many app processes at once (multi-instance and
 * multi-worker specs): learn its id from one real request, then post bodies of our own.
 */

/** The Save action's id, learnt from one real browser request (ids are the same in every process of a build). */
export async function learnSaveAction(page: Page, baseUrl: string) {
  await page.goto(`${baseUrl}/sources/new/clickup`);
  const action = await interceptAction(page, "**/sources/new/clickup", async () => {
    await page.getByRole("button", { name: "Add Credential" }).click();
    await page.getByLabel("Credential Name").fill(uniqueName("Probe"));
    await page.getByLabel("API Key").fill(fakeToken("good"));
    await page.getByRole("button", { name: "Save" }).click();
  });
  return action.id;
}

/**
 * Posts the Save action with `actionId` as the instance's load balancer would pass it on: from a
 * client address of our choosing (X-Forwarded-For), under the name the client used.
 */
export async function postSave(
  request: APIRequestContext,
  baseUrl: string,
  actionId: string,
  values: { name: string; apiKey: string },
  clientAddress: string,
) {
  const publicHost = `${PROXIED_HOST}:${new URL(baseUrl).port}`;
  const response = await request.post(`${baseUrl}/sources/new/clickup`, {
    headers: {
      "next-action": actionId,
      "content-type": "text/plain;charset=UTF-8",
      accept: "text/x-component",
      host: publicHost,
      origin: `http://${publicHost}`,
      "x-forwarded-for": clientAddress,
    },
    data: JSON.stringify(["clickup", { ...values, description: "" }]),
  });
  return { status: response.status(), body: await response.text() };
}

/** A client address behind one trusted proxy, different on each call (so no per-client limit is met). */
export const randomAddress = () => `198.51.100.${randomBytes(1)[0]}, 10.0.${randomBytes(1)[0]}.${randomBytes(1)[0]}`;
