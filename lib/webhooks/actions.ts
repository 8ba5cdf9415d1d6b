"use server";

import { asSignedIn } from "@/lib/auth/run-action";

import { createWebhook } from "./create-webhook";
import { deleteWebhook } from "./delete-webhook";
import type { CreateWebhookResult, DeleteWebhookResult, SendTestEventResult } from "./results";
import { sendTestEvent } from "./send-test-event";

// The webhook commands as server actions, for the /webhooks page. The commands check the role.

export async function createWebhookAction(input: unknown): Promise<CreateWebhookResult> {
  return asSignedIn("webhooks", "adding", (caller) => createWebhook(caller, input));
}

export async function deleteWebhookAction(input: unknown): Promise<DeleteWebhookResult> {
  return asSignedIn("webhooks", "deleting", (caller) => deleteWebhook(caller, input));
}

export async function sendTestEventAction(input: unknown): Promise<SendTestEventResult> {
  return asSignedIn("webhooks", "sending a test event", (caller) => sendTestEvent(caller, input));
}
