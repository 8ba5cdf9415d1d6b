import "server-only";

import { fail } from "@/lib/failure-reasons.browser-safe";
import { createWebhook } from "@/lib/webhooks/create-webhook";
import { deleteWebhook } from "@/lib/webhooks/delete-webhook";
import { WEBHOOK_MESSAGES } from "@/lib/webhooks/messages";
import { listWebhooks } from "@/lib/webhooks/queries";
import { sendTestEvent } from "@/lib/webhooks/send-test-event";

import { readJsonObject } from "./body";
import { failureResponse, resultResponse } from "./failure";
import { WEBHOOK_OPERATIONS } from "./operations";
import { jsonResponse } from "./problem";
import { apiRoute } from "./route";

// /api/v1/webhooks (the admin's): each handler maps HTTP onto the command the Webhooks page calls.

type IdParams = { id: string };

export const listWebhooksRoute = apiRoute(WEBHOOK_OPERATIONS.list, async (caller) => {
  if (caller.person.role !== "admin") return failureResponse(fail("admin-only", WEBHOOK_MESSAGES.adminOnly));
  return jsonResponse({ data: await listWebhooks(caller.person) });
});

export const createWebhookRoute = apiRoute(WEBHOOK_OPERATIONS.create, async (caller, request) => {
  const read = await readJsonObject(request);
  if (!read.ok) return read.response;
  const { url, events } = read.body;
  const result = await createWebhook(caller, { url, events });
  // The secret beside the webhook's fields: the only answer that ever carries it.
  return resultResponse(
    result.ok ? { ok: true, data: { ...result.data.webhook, secret: result.data.secret } } : result,
    201,
  );
});

export const deleteWebhookRoute = apiRoute<IdParams>(WEBHOOK_OPERATIONS.delete, async (caller, _request, { id }) => {
  const result = await deleteWebhook(caller, { id });
  return result.ok ? jsonResponse(null, 204) : failureResponse(result);
});

export const sendTestEventRoute = apiRoute<IdParams>(
  WEBHOOK_OPERATIONS.sendTestEvent,
  async (caller, _request, { id }) => resultResponse(await sendTestEvent(caller, { id })),
);
