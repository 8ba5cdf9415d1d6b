"use client";

import { useState } from "react";

import { ActionOutcome, type Outcome } from "@/components/ui/action-outcome";
import { Button } from "@/components/ui/button";
import { useAction } from "@/components/ui/use-action";
import { sendTestEventAction } from "@/lib/webhooks/actions";
import { WEBHOOK_MESSAGES } from "@/lib/webhooks/messages";

/** Send test event: `webhook.test` now, once; says how the receiver answered (the log below shows it too). */
export function SendTestEventButton({ id, url }: { id: string; url: string }) {
  // Always: even a failed attempt is a new line in the delivery log.
  const { pending, run } = useAction({ refresh: "always" });
  const [outcome, setOutcome] = useState<Outcome>();

  async function send() {
    setOutcome(undefined);
    const result = await run(() => sendTestEventAction({ id }));
    if (!result.ok) return setOutcome({ ok: false, text: result.message });
    const delivery = result.data;
    setOutcome(
      delivery.status === "delivered"
        ? { ok: true, text: WEBHOOK_MESSAGES.testDelivered(delivery.lastStatusCode ?? 200) }
        : { ok: false, text: WEBHOOK_MESSAGES.testFailed(delivery.lastError) },
    );
  }

  return (
    <div className="space-y-2">
      <Button variant="secondary" size="sm" disabled={pending} onClick={send} aria-label={`Send test event to ${url}`}>
        {pending ? "Sending…" : "Send test event"}
      </Button>
      <ActionOutcome outcome={outcome} />
    </div>
  );
}
