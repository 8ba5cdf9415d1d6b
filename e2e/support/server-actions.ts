import type { APIRequestContext, APIResponse, Page, Request } from "@playwright/test";

/**
 * Server actions as a script would call them: learn an action's id and headers from one real
 * browser request, then post bodies of our own to it.
 */
export interface CapturedAction {
  url: string;
  id: string;
  /** The headers a browser sends that the action endpoint looks at. */
  headers: Record<string, string>;
  body: string;
}

const REPLAYED_HEADERS = ["next-action", "next-router-state-tree", "content-type", "accept"];

const isActionRequest = (request: Request) => request.method() === "POST" && Boolean(request.headers()["next-action"]);

function toCaptured(request: Request): CapturedAction {
  const all = request.headers();
  return {
    url: request.url(),
    id: all["next-action"],
    headers: Object.fromEntries(
      REPLAYED_HEADERS.filter((name) => all[name] !== undefined).map((name) => [name, all[name]]),
    ),
    body: request.postData() ?? "",
  };
}

/** Runs `trigger` and returns the first server action request the page sent meanwhile (which goes through). */
export async function captureAction(page: Page, trigger: () => Promise<void>): Promise<CapturedAction> {
  const request = page.waitForRequest(isActionRequest);
  await trigger();
  return toCaptured(await request);
}

/**
 * Holds back the page's next server action request under `urlGlob` (the server never sees it) and
 * returns it once `trigger` has sent it.
 */
export async function interceptAction(
  page: Page,
  urlGlob: string,
  trigger: () => Promise<void>,
): Promise<CapturedAction> {
  let resolve!: (action: CapturedAction) => void;
  const captured = new Promise<CapturedAction>((done) => (resolve = done));
  await page.route(urlGlob, async (route) => {
    if (!isActionRequest(route.request())) return route.continue();
    resolve(toCaptured(route.request()));
    await route.abort();
  });
  await trigger();
  const action = await captured;
  await page.unroute(urlGlob);
  return action;
}

/** Posts `body` to the action with the browser's headers and the given Origin. */
export async function postAction(
  request: APIRequestContext,
  action: CapturedAction,
  body: string,
  origin: string,
): Promise<APIResponse> {
  return request.post(action.url, {
    headers: { ...action.headers, origin },
    data: body,
    timeout: 15_000,
    maxRedirects: 0,
  });
}

/**
 * The action's return value from a React Server Components response: row 0 names the row that
 * holds it ("a":"$@1"). Undefined when there is none (e.g. the action threw: that row is `E{…}`).
 */
export function actionResult(body: string): { ok?: unknown; message?: unknown; [key: string]: unknown } | undefined {
  const rows = new Map<string, string>();
  for (const line of body.split("\n")) {
    const match = /^([0-9a-f]+):(.*)$/.exec(line);
    if (match) rows.set(match[1], match[2]);
  }
  const reference = /"a":"\$@([0-9a-f]+)"/.exec(rows.get("0") ?? "")?.[1];
  const row = reference === undefined ? undefined : rows.get(reference);
  if (!row?.startsWith("{")) return undefined;
  try {
    return JSON.parse(row);
  } catch {
    return undefined;
  }
}
