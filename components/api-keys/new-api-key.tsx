"use client";

import { useState } from "react";

import { Button } from "@/components/ui/button";
import { fieldInputClass } from "@/components/ui/form-field";
import { SuccessNotice } from "@/components/ui/success-notice";
import { API_KEY_MESSAGES } from "@/lib/api-keys/messages";

/** The key just created, in a read-only field with a copy button: the only time it is shown. */
export function NewApiKey({ apiKey, name }: { apiKey: string; name: string }) {
  const [copied, setCopied] = useState<boolean | "failed">(false);

  async function copy() {
    try {
      await navigator.clipboard.writeText(apiKey);
      setCopied(true);
    } catch {
      setCopied("failed");
    }
  }

  return (
    <SuccessNotice className="max-w-xl">
      <p className="font-medium">API key “{name}” created.</p>
      <p className="text-sm">{API_KEY_MESSAGES.created}</p>
      <label htmlFor="new-api-key" className="block text-sm font-medium">
        New API key
      </label>
      <input
        id="new-api-key"
        readOnly
        value={apiKey}
        spellCheck={false}
        autoComplete="off"
        onFocus={(event) => event.currentTarget.select()}
        className={`${fieldInputClass} font-mono`}
      />
      <div className="flex flex-wrap items-center gap-3">
        <Button variant="secondary" onClick={copy}>
          Copy API key
        </Button>
        {copied === true && <span>Copied.</span>}
        {copied === "failed" && <span>Could not copy automatically. Select the key and copy it.</span>}
      </div>
    </SuccessNotice>
  );
}
