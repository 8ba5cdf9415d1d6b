import "server-only";

import { failureResponse } from "@/lib/api/failure";
import { problemResponse } from "@/lib/api/problem";
import type { Caller } from "@/lib/auth/person";
import { reserveClickUpCall } from "@/lib/clickup-budget/reserve-call";
import { rateLimited } from "@/lib/failure-reasons.browser-safe";

import { answerFromClickUp } from "./answer";
import { checkAfterRefusal } from "./check-after-refusal";
import { findProxyTarget, type ProxyThrough } from "./find-target";
import { forwardToClickUp } from "./forward";
import { CLICKUP_PROXY_MAX_BODY_BYTES } from "./limits";
import { CLICKUP_PROXY_MESSAGES as MESSAGES } from "./messages";
import { parseClickUpPath } from "./parse-path";

const MIB = 1024 * 1024;

/**
 * One call through the ClickUp proxy, for an API caller: the path (parse-path), what the caller may
 * use (find-target), a place in the token's rate budget (lib/clickup-budget/), the call
 * (forward), ClickUp's answer as ours (answer). Our own refusals are problem+json; ClickUp's
 * answers pass through marked as ClickUp's. A token refusal sets off a check by the watch.
 */
export async function proxyClickUpCall(caller: Caller, request: Request, through: ProxyThrough): Promise<Response> {
  const path = parseClickUpPath(request.url);
  if (!path.ok) return problemResponse("malformed", MESSAGES.badPath);
  const target = await findProxyTarget(caller, through);
  if (!target.ok)
    return target.reason === "not-found"
      ? problemResponse("not-found", MESSAGES.notFound)
      : problemResponse("credential-unusable", MESSAGES.unreadable);
  const tooLarge = () => problemResponse("too-large", MESSAGES.bodyTooLarge(CLICKUP_PROXY_MAX_BODY_BYTES / MIB));
  // Said up front: refused before it spends from the budget or reaches ClickUp.
  if (Number(request.headers.get("content-length")) > CLICKUP_PROXY_MAX_BODY_BYTES) return tooLarge();

  const reservation = await reserveClickUpCall({
    token: target.token,
    limitPerMinute: target.callsPerMinute,
    use: {
      credentialId: target.credentialId,
      endpointId: target.endpointId ?? null,
      apiKeyId: caller.apiKey?.id ?? null,
      personId: caller.person.id,
      purpose: "proxy",
    },
    signal: request.signal,
  });
  if (!reservation.ok) {
    const retryAt = new Date(Date.now() + reservation.retryAfterSeconds * 1000).toISOString();
    const refused = failureResponse(rateLimited(MESSAGES.rateLimited, retryAt));
    refused.headers.set("retry-after", String(reservation.retryAfterSeconds));
    return refused;
  }

  const forwarded = await forwardToClickUp({ request, ...path, token: target.token, authMethod: target.authMethod });
  if (!forwarded.ok) {
    await reservation.settle(null);
    if (forwarded.kind === "too-large") return tooLarge();
    return problemResponse(
      "clickup-unavailable",
      forwarded.kind === "timed-out" ? MESSAGES.timedOut : MESSAGES.unreachable,
    );
  }
  await reservation.settle({ status: forwarded.response.status, headers: forwarded.response.headers });
  const answer = await answerFromClickUp(forwarded.response, `${request.method} ${path.apiPath}`);
  if (answer.tokenRefused) checkAfterRefusal(target.credentialId);
  return answer.response;
}
