"use client";

import { useState } from "react";

import { Button } from "@/components/ui/button";
import { fieldInputClass } from "@/components/ui/form-field";
import { SuccessNotice } from "@/components/ui/success-notice";
import { WEBHOOK_MESSAGES } from "@/lib/webhooks/messages";

/** The new webhook's signing secret, in a read-only field with a copy button: the only time it is shown. */
export function NewWebhookSecret({ url, secret }: { url: string; secret: string }) {
  const [copied, setCopied] = useState<boolean | "failed">(false);

  async function copy() {
    try {
      await navigator.clipboard.writeText(secret);
      setCopied(true);
    } catch {
      setCopied("failed");
    }
  }

  return (
    <SuccessNotice className="max-w-xl">
      <p className="font-medium">Webhook to {url} added.</p>
      <p className="text-sm">{WEBHOOK_MESSAGES.secretShownOnce}</p>
      <label htmlFor="webhook-signing-secret" className="block text-sm font-medium">
        Signing secret
      </label>
      <input
        id="webhook-signing-secret"
        readOnly
        value={secret}
        spellCheck={false}
        autoComplete="off"
        onFocus={(event) => event.currentTarget.select()}
        className={`${fieldInputClass} font-mono`}
      />
      <div className="flex flex-wrap items-center gap-3">
        <Button variant="secondary" onClick={copy}>
          Copy signing secret
        </Button>
        {copied === true && <span>Copied.</span>}
        {copied === "failed" && <span>Could not copy automatically. Select the secret and copy it.</span>}
      </div>
    </SuccessNotice>
  );
}
