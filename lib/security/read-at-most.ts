/**
 * A request's or response's body, read at most `limit` bytes whatever Content-Length says (it can lie, or be
 * absent with chunked encoding); undefined once the body passes the limit, which stops reading it.
 * Shared by the pages' request guards (proxy.ts), the API's body parser and the ClickUp client (a
 * Request or a Response).
 */
export async function readAtMost(
  message: { body: ReadableStream<Uint8Array> | null },
  limit: number,
): Promise<Uint8Array<ArrayBuffer> | undefined> {
  if (!message.body) return new Uint8Array();
  const reader = message.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      await reader.cancel();
      return undefined;
    }
    chunks.push(value);
  }
  const body = new Uint8Array(new ArrayBuffer(size));
  let offset = 0;
  for (const chunk of chunks) {
    body.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return body;
}
