import Link from "next/link";

import { listApiKeys, listProxyTargetChoices } from "@/lib/api-keys/queries";
import { requireSignedInPerson } from "@/lib/auth/session";

import { ApiKeyList } from "./api-key-list";
import { CreateApiKeyPanel } from "./create-api-key-panel";

/** The signed-in person's API keys: create one (shown once) with its scopes, see when each was used, revoke. */
export async function ApiKeysPage() {
  const person = await requireSignedInPerson();
  const [keys, choices] = await Promise.all([listApiKeys(person), listProxyTargetChoices(person)]);
  return (
    <div className="space-y-8">
      <div className="space-y-2">
        <h1 className="text-2xl font-semibold">API keys</h1>
        <p className="max-w-prose text-slate-700 dark:text-slate-300">
          An API key lets a script or infrastructure-as-code tool use the REST API as you, never beyond your access and
          only within the API key scopes you give it. Send it as <code>Authorization: Bearer &lt;key&gt;</code>. See the{" "}
          <Link href="/api/docs" className="underline">
            API reference
          </Link>
          .
        </p>
      </div>
      <CreateApiKeyPanel choices={choices} />
      <ApiKeyList keys={keys} />
    </div>
  );
}
