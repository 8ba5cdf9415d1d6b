import type { Middleware } from "openapi-fetch";
import { z } from "zod";

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

/**
 * An openapi-fetch middleware that checks every answer against the OpenAPI document the app
 * serves: the status must be one the document lists for that path and method, and the body must
 * match the schema it gives (JSON Schema turned back into a validator by zod). Disagreements are
 * collected, so the test can fail naming each one.
 */
export function documentCheck(document: Json) {
  const disagreements: string[] = [];
  const middleware: Middleware = {
    async onResponse({ request, response, schemaPath }) {
      const method = request.method.toLowerCase();
      const where = `${request.method} ${schemaPath} → ${response.status}`;
      const described = document.paths[schemaPath]?.[method]?.responses?.[String(response.status)];
      if (!described) {
        disagreements.push(`${where}: the document lists no such answer`);
        return;
      }
      const type = response.headers.get("content-type")?.split(";")[0] ?? "";
      const content = described.content?.[type];
      if (!described.content) {
        if (response.status !== 204) disagreements.push(`${where}: the document gives no body, the app sent ${type}`);
        return;
      }
      if (!content) {
        disagreements.push(`${where}: the app sent ${type}, the document allows ${Object.keys(described.content)}`);
        return;
      }
      const standalone = JSON.parse(
        JSON.stringify({ ...content.schema, $defs: document.components.schemas }).replaceAll(
          "#/components/schemas/",
          "#/$defs/",
        ),
      );
      const checked = z.fromJSONSchema(standalone).safeParse(await response.clone().json());
      if (!checked.success) disagreements.push(`${where}: ${z.prettifyError(checked.error)}`);
    },
  };
  return { middleware, disagreements };
}
