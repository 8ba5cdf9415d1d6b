import "server-only";

import { endpointFilter } from "@/lib/auth/access";
import type { Person } from "@/lib/auth/person";
import { getDb } from "@/lib/db/client";
import type { EndpointKind } from "@/lib/endpoint-kinds.browser-safe";

import {
  endpointCredentialSelect,
  endpointOwnerSelect,
  toPublicEndpoint,
  type PublicEndpoint,
} from "./public-endpoint";

export async function listEndpoints(person: Person, kind: EndpointKind): Promise<PublicEndpoint[]> {
  const rows = await getDb().endpoint.findMany({
    where: { AND: [{ kind }, endpointFilter(person)] },
    include: { credential: endpointCredentialSelect, owner: endpointOwnerSelect },
    orderBy: [{ createdAt: "desc" }, { id: "asc" }],
  });
  return rows.map((row) => toPublicEndpoint(row, person.id));
}

export async function findEndpoint(
  person: Person,
  kind: EndpointKind,
  id: string,
): Promise<PublicEndpoint | undefined> {
  const row = await getDb().endpoint.findFirst({
    where: { AND: [{ id, kind }, endpointFilter(person)] },
    include: { credential: endpointCredentialSelect, owner: endpointOwnerSelect },
  });
  return row ? toPublicEndpoint(row, person.id) : undefined;
}
