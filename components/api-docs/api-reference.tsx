import { API_KEY_SCOPES } from "@/lib/api-keys/scopes.browser-safe";
import { openApiDocument } from "@/lib/api/openapi";

import { FailureCodes } from "./failure-codes";

// A plain, server-rendered reading of /api/v1/openapi.json: every route with its parameters,
// request body and answers, and the schemas. No script runs, so it lives within the page CSP.
// Why not a ready-made renderer: Scalar, Swagger UI and Redoc all set inline style attributes or
// inject unsigned <style> elements, which a nonce cannot allow; each needs style-src
// 'unsafe-inline' (Scalar's own CSP notes, scalar/scalar#9422; swagger-api/swagger-ui#10655), and
// this page is not worth loosening the policy for. Any of them can read /api/v1/openapi.json
// from elsewhere.

type Json = Record<string, unknown>;
const METHODS = ["get", "post", "put", "patch", "delete"] as const;

/** A description or summary (CommonMark in OpenAPI): its `code` spans as code, the rest as text. */
function Prose({ text }: { text: unknown }) {
  const parts = String(text ?? "").split(/`([^`]+)`/);
  return parts.map((part, index) => (index % 2 === 1 ? <code key={index}>{part}</code> : part));
}

/** A schema as JSON: long lines scroll sideways inside their own named, focusable region (reflow at 320 px). */
function Schema({ schema, label }: { schema: unknown; label: string }) {
  return (
    <pre
      role="region"
      aria-label={label}
      tabIndex={0}
      className="overflow-x-auto rounded bg-slate-100 p-3 text-xs dark:bg-slate-800"
    >
      {JSON.stringify(schema, null, 2)}
    </pre>
  );
}

/** The API key scopes an operation's security requirement names (lib/api/openapi.ts). */
function ScopeNeeded({ operation }: { operation: Json }) {
  const [requirement] = (operation.security ?? []) as { apiKey?: string[] }[];
  const scopes = requirement?.apiKey ?? [];
  if (scopes.length === 0) return <>any key</>;
  if (scopes.length === API_KEY_SCOPES.length) return <>every scope</>;
  return <code>{scopes.join(", ")}</code>;
}

function Operation({ path, method, operation }: { path: string; method: string; operation: Json }) {
  const parameters = (operation.parameters ?? []) as Json[];
  const body = (operation.requestBody as Json | undefined)?.content as Json | undefined;
  const responses = (operation.responses ?? {}) as Record<string, Json>;
  return (
    <section
      aria-labelledby={`${method}-${path}`}
      className="space-y-2 border-t border-slate-200 pt-4 dark:border-slate-800"
    >
      {/* The ClickUp proxy's paths are long and have no spaces: they wrap anywhere on a phone. */}
      <h3 id={`${method}-${path}`} className="font-mono font-semibold wrap-anywhere">
        {method.toUpperCase()} {path}
      </h3>
      <p>
        <Prose text={operation.summary} />
      </p>
      <p className="text-sm">
        API key scope: <ScopeNeeded operation={operation} />
      </p>
      {parameters.length > 0 && (
        <ul className="list-disc pl-6 text-sm">
          {parameters.map((parameter) => (
            <li key={`${parameter.in}-${parameter.name}`}>
              <code>{String(parameter.name)}</code> ({String(parameter.in)}){" "}
              {parameter.description ? (
                <>
                  — <Prose text={parameter.description} />
                </>
              ) : null}
            </li>
          ))}
        </ul>
      )}
      {body && (
        <details>
          <summary className="cursor-pointer text-sm font-medium">Request body</summary>
          {/* JSON for the app's own operations; the ClickUp proxy takes any content type (its description says so). */}
          {Object.entries(body).map(([type, content]) => (
            <Schema
              key={type}
              schema={(content as Json).schema}
              label={`Request body of ${method.toUpperCase()} ${path} (${type})`}
            />
          ))}
        </details>
      )}
      <ul className="text-sm">
        {Object.entries(responses).map(([status, response]) => (
          <li key={status}>
            <code>{status}</code> <Prose text={response.description} />
          </li>
        ))}
      </ul>
    </section>
  );
}

export function ApiReference() {
  const document = openApiDocument();
  const info = document.info as Json;
  const paths = document.paths as Record<string, Json>;
  const schemas = (document.components as Json).schemas as Record<string, unknown>;
  return (
    <div className="space-y-6">
      <div className="space-y-2">
        <h1 className="text-2xl font-semibold">API reference</h1>
        <p className="max-w-prose text-slate-700 dark:text-slate-300">
          <Prose text={info.description} />
        </p>
        <p>
          The machine-readable document:{" "}
          <a href="/api/v1/openapi.json" className="font-mono text-indigo-700 underline dark:text-indigo-300">
            /api/v1/openapi.json
          </a>{" "}
          (OpenAPI 3.1).
        </p>
      </div>
      <section aria-labelledby="routes" className="space-y-4">
        <h2 id="routes" className="text-lg font-semibold">
          Routes
        </h2>
        {Object.entries(paths).flatMap(([path, item]) =>
          METHODS.filter((method) => item[method]).map((method) => (
            <Operation key={`${method} ${path}`} path={path} method={method} operation={item[method] as Json} />
          )),
        )}
      </section>
      <FailureCodes />
      <section aria-labelledby="schemas" className="space-y-4">
        <h2 id="schemas" className="text-lg font-semibold">
          Schemas
        </h2>
        {Object.entries(schemas).map(([name, schema]) => (
          <details key={name}>
            <summary className="cursor-pointer font-mono">{name}</summary>
            <Schema schema={schema} label={`Schema ${name}`} />
          </details>
        ))}
      </section>
    </div>
  );
}
