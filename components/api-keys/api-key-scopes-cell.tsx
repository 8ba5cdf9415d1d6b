import type { ApiKeyProxyTargetView, ApiKeyView } from "@/lib/api-keys/results";

const KIND_WORD = { credential: "credential", source: "source", destination: "destination" } as const;

function targetsText(targets: ApiKeyProxyTargetView[]): string {
  if (targets.length === 0) return "Proxies through nothing: what it was restricted to was deleted.";
  return `Only through ${targets.map((target) => `${KIND_WORD[target.kind]} “${target.name}”`).join(", ")}`;
}

/** A key's scopes in the list, and what it may proxy through when it is restricted. */
export function ApiKeyScopesCell({ apiKey }: { apiKey: ApiKeyView }) {
  if (apiKey.madeBeforeScopes) return <>Every scope (made before scopes)</>;
  return (
    <>
      <span className="font-mono">{apiKey.scopes.join(", ")}</span>
      {apiKey.proxyTargets && <span className="block">{targetsText(apiKey.proxyTargets)}</span>}
    </>
  );
}
