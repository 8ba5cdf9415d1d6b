import "server-only";

import { listRecentChecks } from "@/lib/credential-watch/queries";
import { createCredential } from "@/lib/credentials/create-credential";
import { deleteCredential } from "@/lib/credentials/delete-credential";
import { editCredential } from "@/lib/credentials/edit-credential";
import { IDEMPOTENCY_KEY_PATTERN } from "@/lib/credentials/idempotency-key.browser-safe";
import { CREDENTIAL_MESSAGES } from "@/lib/credentials/messages";
import type { PublicCredential } from "@/lib/credentials/public-credential";
import { getCredential, listCredentialsPage } from "@/lib/credentials/queries";
import { replaceCredentialToken } from "@/lib/credentials/replace-credential-token";
import { verifyCredential } from "@/lib/credentials/verify-credential";
import { fail } from "@/lib/failure-reasons.browser-safe";
import { ID_PATTERN } from "@/lib/text-safety.browser-safe";

import { readJsonObject } from "./body";
import { decodeCursor, encodeCursor } from "./cursor";
import { ifMatchVersion, versionTag } from "./etag";
import { failureResponse, resultResponse } from "./failure";
import { API_MESSAGES } from "./messages";
import { CREDENTIAL_OPERATIONS } from "./operations";
import { jsonResponse, problemResponse } from "./problem";
import { apiRoute } from "./route";
import { credentialListQuerySchema } from "./schemas";

// /api/v1/credentials: each handler maps HTTP onto the same command the pages' actions call.

type IdParams = { id: string };

const notFound = () => failureResponse(fail("not-found", CREDENTIAL_MESSAGES.notFound));
const withTag = (credential: PublicCredential) => ({ etag: versionTag(credential.version) });

export const listCredentialsRoute = apiRoute(CREDENTIAL_OPERATIONS.list, async (caller, request) => {
  const parsed = credentialListQuerySchema.safeParse(Object.fromEntries(new URL(request.url).searchParams));
  if (!parsed.success) return queryProblem(parsed.error.issues);
  const { connector, search, state, cursor, limit } = parsed.data;
  const after = cursor === undefined ? undefined : decodeCursor(cursor);
  if (cursor !== undefined && !after)
    return problemResponse("malformed", API_MESSAGES.badCursor, { errors: { cursor: API_MESSAGES.badCursor } });
  const page = await listCredentialsPage(caller.person, { connector, query: search, state, after, limit });
  return jsonResponse({
    data: page.credentials,
    nextCursor: page.more && page.last ? encodeCursor(page.last) : null,
  });
});

export const createCredentialRoute = apiRoute(CREDENTIAL_OPERATIONS.create, async (caller, request) => {
  const read = await readJsonObject(request);
  if (!read.ok) return read.response;
  const header = request.headers.get("idempotency-key");
  if (header !== null && !IDEMPOTENCY_KEY_PATTERN.test(header.toLowerCase()))
    return problemResponse("malformed", API_MESSAGES.badIdempotencyKey);
  // Only the header carries an idempotency key over HTTP; one in the body is ignored.
  const input = { ...read.body, idempotencyKey: header?.toLowerCase() };
  const result = await createCredential(caller, input);
  return resultResponse(result, 201, (credential) => ({
    ...withTag(credential),
    location: `/api/v1/credentials/${credential.id}`,
  }));
});

export const getCredentialRoute = apiRoute<IdParams>(CREDENTIAL_OPERATIONS.get, async (caller, _request, { id }) => {
  const credential = ID_PATTERN.test(id) ? await getCredential(caller.person, id) : undefined;
  return credential ? jsonResponse(credential, 200, withTag(credential)) : notFound();
});

export const listCredentialChecksRoute = apiRoute<IdParams>(
  CREDENTIAL_OPERATIONS.checks,
  async (caller, _request, { id }) => {
    // Whoever may see the credential may see how its checks went.
    const credential = ID_PATTERN.test(id) ? await getCredential(caller.person, id) : undefined;
    return credential ? jsonResponse({ data: await listRecentChecks(credential.id) }) : notFound();
  },
);

export const editCredentialRoute = apiRoute<IdParams>(CREDENTIAL_OPERATIONS.edit, async (caller, request, { id }) => {
  const read = await readJsonObject(request);
  if (!read.ok) return read.response;
  const current = ID_PATTERN.test(id) ? await getCredential(caller.person, id) : undefined;
  if (!current) return notFound();
  const version = ifMatchVersion(request.headers.get("if-match"));
  if (version === "invalid") return problemResponse("malformed", API_MESSAGES.badIfMatch);
  // PATCH: what is not sent stays. Without If-Match the change applies to the current version.
  const { name = current.name, description = current.description, callsPerMinute } = read.body;
  const result = await editCredential(caller, {
    id,
    version: version ?? current.version,
    name,
    description,
    callsPerMinute,
  });
  return resultResponse(result, 200, withTag);
});

export const deleteCredentialRoute = apiRoute<IdParams>(
  CREDENTIAL_OPERATIONS.delete,
  async (caller, _request, { id }) => {
    const result = await deleteCredential(caller, { id });
    return result.ok ? jsonResponse(null, 204) : failureResponse(result);
  },
);

export const verifyCredentialRoute = apiRoute<IdParams>(
  CREDENTIAL_OPERATIONS.verify,
  async (caller, _request, { id }) => resultResponse(await verifyCredential(caller, { id }), 200, withTag),
);

export const replaceTokenRoute = apiRoute<IdParams>(
  CREDENTIAL_OPERATIONS.replaceToken,
  async (caller, request, { id }) => {
    const read = await readJsonObject(request);
    if (!read.ok) return read.response;
    const current = ID_PATTERN.test(id) ? await getCredential(caller.person, id) : undefined;
    if (!current) return notFound();
    const version = ifMatchVersion(request.headers.get("if-match"));
    if (version === "invalid") return problemResponse("malformed", API_MESSAGES.badIfMatch);
    const { apiKey, confirmAccountChange } = read.body;
    const result = await replaceCredentialToken(caller, {
      id,
      version: version ?? current.version,
      apiKey,
      ...(confirmAccountChange === undefined ? {} : { confirmAccountChange }),
    });
    return resultResponse(result, 200, withTag);
  },
);

function queryProblem(issues: { path: PropertyKey[]; message: string }[]): Response {
  const errors = Object.fromEntries(issues.map((issue) => [String(issue.path[0]), issue.message]));
  return problemResponse("malformed", API_MESSAGES.badQuery, { errors });
}
