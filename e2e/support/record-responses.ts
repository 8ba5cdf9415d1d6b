import type { Page, Response } from "@playwright/test";

/** One response the page received: its URL and its body as text. */
export interface RecordedResponse {
  url: string;
  text: string;
}

/**
 * Keeps every response the page receives from now on, so a test can search all of them for a
 * secret afterwards. Returns a function that waits for the bodies and gives them.
 */
export function recordResponses(page: Page): () => Promise<RecordedResponse[]> {
  const bodies: Promise<RecordedResponse>[] = [];
  page.on("response", (response: Response) => {
    bodies.push(
      response
        .body()
        .then((body) => ({ url: response.url(), text: body.toString("utf8") }))
        .catch(() => ({ url: response.url(), text: "" })), // redirects and aborted requests have no body
    );
  });
  return () => Promise.all(bodies);
}
