// What the API says where the pages have no sentence of their own (HTTP matters only).

export const API_MESSAGES = {
  bodyTooLarge: "The request body is too large (at most 32 KiB).",
  notJson: "The request body must be a JSON object, sent with Content-Type: application/json.",
  badQuery: "A query parameter is not valid.",
  badCursor: "This cursor is not one this API gave out. Start again from the first page.",
  badIfMatch: 'If-Match must be an ETag this API gave out, such as "v3".',
  badIdempotencyKey: "Idempotency-Key must be a UUID (one per operation you want done at most once).",
  notFound: "There is nothing at this address.",
  methodNotAllowed: (allow: string) => `This address does not take that method; it takes ${allow}.`,
} as const;
