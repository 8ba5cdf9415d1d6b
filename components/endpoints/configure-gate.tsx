import { notFound } from "next/navigation";
import type { ReactNode } from "react";

import { requireSignedInPerson } from "@/lib/auth/session";
import { findConnectorDefinition } from "@/lib/connectors/catalog.browser-safe";

interface Props {
  children: ReactNode;
  params: Promise<{ connector: string }>;
}

/**
 * The Configure step's layout, for the checks that decide the response's status: an unknown
 * connector is a 404, a signed-out visitor is redirected to sign in. They must run here, above
 * the step's loading.tsx: once its loading state has been sent, the status is 200 whatever the
 * page then decides. (The page makes the same checks; both are cheap, and the session lookup is
 * cached per request.)
 */
export async function ConfigureGate({ children, params }: Props) {
  if (!findConnectorDefinition((await params).connector)) notFound();
  await requireSignedInPerson();
  return children;
}
