"use client";

import { setNonce } from "get-nonce";

/**
 * Radix's scroll lock injects a <style> element when a dialog opens; under our CSP it needs this
 * response's nonce, which react-remove-scroll reads through get-nonce.
 */
export function StyleNonce({ nonce }: { nonce: string | undefined }) {
  if (nonce) setNonce(nonce);
  return null;
}
