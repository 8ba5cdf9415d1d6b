"use client";

import { useEffect, useState } from "react";

import { SuccessNotice } from "./success-notice";

// What was just done, said on the page a command moves on to (a deleted credential's list). Never
// carried in the URL: a link anyone can craft would make the app claim what it did not do
// ("Deleted “Production”"), and a reload would say it again. Kept in this tab's memory for the
// next client-side navigation only.
let pending: string | undefined;

/** Says `message` on the next page this tab shows; call it just before router.push. */
export function flashNotice(message: string) {
  pending = message;
}

/** The message flashNotice() left for this page, once. */
export function FlashNotice() {
  // Read during render (so it is there on the first paint), forgotten after: StrictMode may render twice.
  const [message] = useState(() => pending);
  useEffect(() => {
    pending = undefined;
  }, []);
  return message ? <SuccessNotice>{message}</SuccessNotice> : null;
}
