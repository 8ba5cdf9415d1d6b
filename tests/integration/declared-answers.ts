import { expect } from "vitest";

// Every answer an /api/v1 test gets is one the OpenAPI document declares for its operation: the
// status is listed, and a problem's `code` is among the codes listed for that status (and matches
// it). A route that answers a reason its declaration (lib/api/operations.ts) does not name fails.

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

export function expectDeclared(
  document: Json,
  method: string,
  path: string,
  response: Response,
  json: Json | null,
): void {
  const bare = new URL(path, "http://localhost").pathname;
  const template = Object.keys(document.paths).find((candidate) =>
    new RegExp(`^${candidate.replace(/\{[^}]+\}/g, "[^/]+")}$`).test(bare),
  );
  const where = `${method} ${path} → ${response.status}`;
  const declared = template && document.paths[template][method.toLowerCase()]?.responses?.[String(response.status)];
  expect(declared, `${where}: the document lists no such answer`).toBeTruthy();
  if (response.headers.get("content-type") !== "application/problem+json") return;
  const codes = declared.content["application/problem+json"].schema.allOf[1].properties.code.enum;
  expect(codes, `${where}: code ${json?.code} is not declared for this status`).toContain(json?.code);
  expect(json?.status).toBe(response.status);
}
