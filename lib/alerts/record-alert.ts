import "server-only";

import { randomUUID } from "node:crypto";

import { getEnv } from "@/lib/config/env";
import type { Prisma } from "@/lib/generated/prisma/client";

import type { AlertEndpoint, AlertPayload, AlertType } from "./types";

interface AlertFacts {
  type: AlertType;
  credential: { id: string; name: string; connector: string; state: string; reason: string };
  endpoints: Omit<AlertEndpoint, "url">[];
}

/**
 * Writes an alert in the caller's transaction, beside the change it tells of: if the change is
 * stored, so is the alert, and deliveries (lib/alerts/) are made from it later, at least once.
 */
export async function recordAlert(tx: Prisma.TransactionClient, facts: AlertFacts, now = new Date()): Promise<string> {
  const id = `alert_${randomUUID()}`;
  const appUrl = getEnv().APP_URL;
  const link = (path: string) => (appUrl ? { url: `${appUrl}${path}` } : {});
  const payload: AlertPayload = {
    id,
    type: facts.type,
    timestamp: now.toISOString(),
    data: {
      credential: { ...facts.credential, ...link(`/credentials/${facts.credential.id}`) },
      endpoints: facts.endpoints.map((endpoint) => ({
        ...endpoint,
        ...link(`/${endpoint.kind === "source" ? "sources" : "destinations"}/${endpoint.id}`),
      })),
    },
  };
  await tx.$executeRaw`
    INSERT INTO "Alert" ("id", "type", "credentialId", "payload", "createdAt")
    VALUES (${id}, ${facts.type}, ${facts.credential.id}, ${JSON.stringify(payload)}, ${now})`;
  return id;
}
