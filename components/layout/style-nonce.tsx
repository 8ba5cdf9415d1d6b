"use client";

import { setNonce } from "get-nonce";

// Radix's scroll lock injects a <style> element when a dialog opens; under our CSP it needs the
// nonce of the document's own policy, which react-remove-scroll reads through get-nonce. Taken
// from the page's scripts (Next.js puts the nonce on them), once: a later RSC refresh carries a
// fresh nonce of its own that the document's policy would not accept.
if (typeof document !== "undefined") {
  const nonce = document.querySelector<HTMLScriptElement>("script[nonce]")?.nonce;
  if (nonce) setNonce(nonce);
}

export function StyleNonce() {
  return null;
}
