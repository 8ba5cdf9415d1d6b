import { unknownRouteMethods } from "@/lib/api/methods";

// Any path under /api/v1 that no route serves (static and [id] routes take precedence): not found,
// as problem+json, whatever the method — never Next.js's HTML page, which would also run a server
// action posted to it.
export const { GET, POST, PUT, PATCH, DELETE, OPTIONS } = unknownRouteMethods();
