import "server-only";

import { readAtMost } from "@/lib/security/read-at-most";

import { API_MESSAGES } from "./messages";
import { problemResponse } from "./problem";

/** As for the pages' forms (lib/security/request-guards.ts): nothing the API takes is bigger. */
export const MAX_API_BODY_BYTES = 32 * 1024;

/**
 * The request's JSON object body, read at most MAX_API_BODY_BYTES whatever Content-Length says,
 * or the problem to answer ("too-large", or "malformed": not a JSON object).
 */
export async function readJsonObject(
  request: Request,
): Promise<{ ok: true; body: Record<string, unknown> } | { ok: false; response: Response }> {
  const tooLarge = () => ({ ok: false as const, response: problemResponse("too-large", API_MESSAGES.bodyTooLarge) });
  const notJson = () => ({ ok: false as const, response: problemResponse("malformed", API_MESSAGES.notJson) });
  if (Number(request.headers.get("content-length")) > MAX_API_BODY_BYTES) return tooLarge();
  if (!/^application\/(?:[\w.+-]+\+)?json\b/i.test(request.headers.get("content-type") ?? "")) return notJson();
  const bytes = await readAtMost(request, MAX_API_BODY_BYTES);
  if (!bytes) return tooLarge();
  let body: unknown;
  try {
    body = JSON.parse(new TextDecoder("utf-8", { fatal: true }).decode(bytes));
  } catch {
    return notJson();
  }
  if (typeof body !== "object" || body === null || Array.isArray(body)) return notJson();
  return { ok: true, body: body as Record<string, unknown> };
}
