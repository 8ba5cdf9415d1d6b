import "server-only";

import { API_MESSAGES } from "./messages";
import { problemResponse } from "./problem";

// What a route file exports: a handler for every method, so that the methods a route does not take
// are answered like everything else under /api/v1 (Next.js would answer an empty 405, or the HTML
// not-found page for a path no route serves). HEAD is Next.js's own: GET without the body.

const METHODS = ["GET", "POST", "PUT", "PATCH", "DELETE"] as const;
type Method = (typeof METHODS)[number];
type Handler<Context> = (request: Request, context: Context) => Promise<Response>;
type RouteExports<Context> = Record<Method | "OPTIONS", Handler<Context>>;

/** One handler per method, as `pick` chooses. */
function eachMethod<Context>(pick: (method: Method) => Handler<Context>): Record<Method, Handler<Context>> {
  return Object.fromEntries(METHODS.map((method) => [method, pick(method)])) as Record<Method, Handler<Context>>;
}

/**
 * A route's handlers, each method it does not take answered 405 method-not-allowed (problem+json,
 * with Allow), and OPTIONS naming the methods it takes.
 */
export function routeMethods<Context>(handlers: Partial<Record<Method, Handler<Context>>>): RouteExports<Context> {
  const taken: string[] = METHODS.filter((method) => handlers[method]);
  const allow = [...taken, ...(handlers.GET ? ["HEAD"] : []), "OPTIONS"].sort().join(", ");
  const refuse = async () => problemResponse("method-not-allowed", API_MESSAGES.methodNotAllowed(allow), {}, { allow });
  return {
    ...eachMethod((method) => handlers[method] ?? refuse),
    OPTIONS: async () => new Response(null, { status: 204, headers: { allow } }),
  };
}

/** For app/api/v1/[[...path]]: a path no route serves is not found, whatever the method. */
export function unknownRouteMethods(): RouteExports<unknown> {
  const notFound = async () => problemResponse("not-found", API_MESSAGES.notFound);
  return { ...eachMethod(() => notFound), OPTIONS: notFound };
}
