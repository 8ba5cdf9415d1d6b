import { notFound } from "next/navigation";

import { requireSignedInPerson } from "@/lib/auth/session";
import { listWebhooks } from "@/lib/webhooks/queries";

import { AddWebhookPanel } from "./add-webhook-panel";
import { WebhookList } from "./webhook-list";

/** Outgoing webhooks: add one (its signing secret shown once), test it, read its delivery log (the admin only; others get "not found"). */
export async function WebhooksPage() {
  const person = await requireSignedInPerson();
  if (person.role !== "admin") notFound();
  const webhooks = await listWebhooks(person);
  return (
    <div className="space-y-8">
      <div className="space-y-2">
        <h1 className="text-2xl font-semibold">Webhooks</h1>
        <p className="max-w-prose text-slate-700 dark:text-slate-300">
          A webhook is an address this app posts an event to when a credential stops working, works again, or belongs to
          another ClickUp account, and when a source or destination loses or regains its Workspace. Each event is signed
          per the Standard Webhooks specification with the webhook&rsquo;s signing secret, and tried again until the
          receiver answers with a 2xx.
        </p>
      </div>
      <AddWebhookPanel />
      <WebhookList webhooks={webhooks} />
    </div>
  );
}
