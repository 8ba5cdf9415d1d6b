import { expect } from "@playwright/test";

import { controlFakeToken, fakeCallLog } from "./helpers";

/** Saves a credential through the API with `apiKey`; its id. */
export async function saveCredentialThroughApi(
  appUrl: string,
  apiKey: string,
  values: { name: string; token: string },
) {
  const response = await fetch(`${appUrl}/api/v1/credentials`, {
    method: "POST",
    headers: { authorization: `Bearer ${apiKey}`, "content-type": "application/json" },
    body: JSON.stringify({ connector: "clickup", name: values.name, apiKey: values.token }),
  });
  expect(response.status).toBe(201);
  return ((await response.json()) as { id: string }).id;
}

/** What one call through the ClickUp proxy was answered. */
interface Answer {
  status: number;
  answeredBy: string | null;
  retryAfter: string | null;
  code?: string;
}

/**
 * Five pipelines calling ClickUp through one credential at once, `callsEach` calls each, spread
 * over `appUrls` (one instance, or several on one database), with the credential's budget and the
 * fake ClickUp's per-token limit both set to `limit` a minute. Checks what the issue promises: ClickUp
 * answers no 429, every call either went through or was told Retry-After by us, and the fake's log
 * never holds more than `limit` calls in any 60-second window.
 */
export async function fiveCallersShareOneBudget(options: {
  appUrls: string[];
  credentialId: string;
  token: string;
  apiKey: string;
  limit: number;
  callsEach: number;
}) {
  const { appUrls, credentialId, token, apiKey, limit, callsEach } = options;
  const auth = { authorization: `Bearer ${apiKey}` };
  const budget = await fetch(`${appUrls[0]}/api/v1/credentials/${credentialId}`, {
    method: "PATCH",
    headers: { ...auth, "content-type": "application/json" },
    body: JSON.stringify({ callsPerMinute: limit }),
  });
  expect(budget.status).toBe(200);
  // From here on ClickUp itself allows `limit` calls a minute with this token (after the save's checks).
  await controlFakeToken(token, { limitPerMinute: limit });

  const caller = async (index: number): Promise<Answer[]> => {
    const answers: Answer[] = [];
    for (let call = 0; call < callsEach; call++) {
      const url = `${appUrls[(index + call) % appUrls.length]}/api/v1/credentials/${credentialId}/clickup/list/90${index}/task`;
      const response = await fetch(url, { headers: auth });
      const body = (await response.json()) as { code?: string };
      answers.push({
        status: response.status,
        answeredBy: response.headers.get("x-answered-by"),
        retryAfter: response.headers.get("retry-after"),
        code: body.code,
      });
    }
    return answers;
  };
  const answers = (await Promise.all([0, 1, 2, 3, 4].map(caller))).flat();

  const through = answers.filter((answer) => answer.status === 200);
  const refused = answers.filter((answer) => answer.status !== 200);
  expect(through.length).toBeGreaterThanOrEqual(1);
  expect(through.length).toBeLessThanOrEqual(limit);
  expect(through.every((answer) => answer.answeredBy === "clickup")).toBe(true);
  // Every other call was refused by us — our 429 with Retry-After and our code — never by ClickUp.
  for (const answer of refused) {
    expect(answer).toMatchObject({ status: 429, answeredBy: null, code: "rate-limited" });
    expect(Number(answer.retryAfter)).toBeGreaterThan(0);
  }

  const log = await fakeCallLog(token);
  expect(log.filter((call) => call.status === 429)).toEqual([]);
  for (const call of log) {
    const inWindow = log.filter((other) => other.at >= call.at && other.at < call.at + 60_000);
    expect(inWindow.length).toBeLessThanOrEqual(limit);
  }
  await controlFakeToken(token, { limitPerMinute: null });
  return { through: through.length, refused: refused.length };
}
