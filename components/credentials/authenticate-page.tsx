import Link from "next/link";
import { notFound } from "next/navigation";

import { Button } from "@/components/ui/button";
import { fieldInputClass } from "@/components/ui/form-field";
import { requireSignedInPerson } from "@/lib/auth/session";
import { findConnectorServer } from "@/lib/connectors/server-registry";
import { listCredentialTiles, TILE_PAGE_SIZE } from "@/lib/credentials/queries";
import { endpointKinds, type EndpointKind } from "@/lib/endpoint-kinds.browser-safe";
import { takeOAuthOutcomeForPage } from "@/lib/oauth/outcome-redirect";

import type { OAuthOption } from "./add-credential-dialog";
import { AuthenticateScreen } from "./authenticate-screen";
import { credentialAddedMessage } from "./credential-added-message";

/** The Authenticate step of creating a source or destination: pick or add a credential. */
interface Props {
  kind: EndpointKind;
  connectorId: string;
  /**
   * Coming back from the Configure step: the credential that was selected, and the name typed
   * there. Only one of the person's own is selected from the URL (anyone can make a link).
   */
  selectedCredentialId?: string;
  draftName?: string;
  /** Search within this connector's credentials. */
  query?: string;
  /** How many tiles to show (grows by "Show more"). */
  show?: string;
  /** Back from ClickUp (app/oauth/[connector]/callback): the id of the outcome record it made. */
  oauthOutcomeId?: string;
}

export async function AuthenticatePage({
  kind,
  connectorId,
  selectedCredentialId,
  draftName,
  query,
  show,
  oauthOutcomeId,
}: Props) {
  const person = await requireSignedInPerson();
  const server = findConnectorServer(connectorId);
  if (!server) notFound();
  const connector = server.definition;
  const path = `${endpointKinds[kind].basePath}/new/${connector.id}`;
  // Read (and used up) before the tiles, so the credential just connected is among them.
  const returned = await takeOAuthOutcomeForPage(path, oauthOutcomeId);
  const connectedId = returned?.ok ? returned.credentialId : undefined;
  // The credential whose tile is brought onto the first page (and kept by "Show more").
  const wantedId = connectedId ?? selectedCredentialId;
  const limit = Math.min(Math.max(Number.parseInt(show ?? "", 10) || TILE_PAGE_SIZE, TILE_PAGE_SIZE), 1000);
  const { credentials, total } = await listCredentialTiles(person, connector.id, {
    query,
    limit,
    includeId: wantedId,
  });
  const keep = {
    ...(query ? { q: query } : {}),
    ...(draftName ? { name: draftName } : {}),
    ...(wantedId ? { credential: wantedId } : {}),
  };
  // OAuth is offered only when the installation has the connector's OAuth app; otherwise the overlay is API key only.
  const returnPath = `${path}${draftName ? `?${new URLSearchParams({ name: draftName })}` : ""}`;
  const failure = returned && !returned.ok ? returned : undefined;
  const oauth: OAuthOption | undefined = server.oauth?.app()
    ? {
        kind,
        returnPath,
        connectorName: connector.displayName,
        ...(failure
          ? {
              returned: {
                name: failure.form?.name ?? "",
                description: failure.form?.description ?? "",
                message: failure.message,
              },
            }
          : {}),
      }
    : undefined;
  const connected = connectedId ? credentials.find((c) => c.id === connectedId) : undefined;
  // A credential named in the URL is selected only if it is the person's own: one shared with them
  // (a look-alike, perhaps) is theirs to pick, its tile saying whose it is, never pre-picked by a link.
  const fromUrl = credentials.find((c) => c.id === selectedCredentialId && c.access === "own");
  const moreHref = `?${new URLSearchParams({ ...keep, show: String(limit + TILE_PAGE_SIZE) })}`;

  return (
    <div className="space-y-6">
      <div>
        <p className="text-sm font-medium text-indigo-700 dark:text-indigo-300">
          New {connector.displayName} {endpointKinds[kind].label} · Step 1 of 2
        </p>
        <h1 className="mt-1 text-2xl font-semibold">Authenticate</h1>
        <p className="mt-2 max-w-prose text-slate-700 dark:text-slate-300">
          Choose the {connector.displayName} credential this {endpointKinds[kind].label} will use, or add a new one.
        </p>
      </div>
      {(total > TILE_PAGE_SIZE || query) && (
        <form
          role="search"
          aria-label={`${connector.displayName} credentials`}
          method="get"
          className="flex flex-wrap items-end gap-3"
        >
          {draftName && <input type="hidden" name="name" value={draftName} />}
          <div className="min-w-56 flex-1 space-y-1.5">
            <label htmlFor="tile-search" className="block text-sm font-medium">
              Search credentials
            </label>
            <input
              id="tile-search"
              type="search"
              name="q"
              defaultValue={query}
              placeholder="Name, description or ClickUp account"
              className={fieldInputClass}
            />
          </div>
          <Button type="submit" variant="secondary">
            Search
          </Button>
        </form>
      )}
      <AuthenticateScreen
        kind={kind}
        connectorId={connector.id}
        connectorName={connector.displayName}
        initialCredentials={credentials}
        initialSelectedId={(connected ?? fromUrl)?.id}
        draftName={draftName}
        oauth={oauth}
        initialAnnouncement={connected ? credentialAddedMessage(connected) : undefined}
      />
      {(total > TILE_PAGE_SIZE || query) && (
        <p className="text-sm text-slate-700 dark:text-slate-300">
          {query && total === 0
            ? `No credentials match "${query}". `
            : `Showing ${Math.min(limit, total)} of ${total} ${query ? "matching " : ""}credentials. `}
          {total > limit && (
            <Link href={moreHref} scroll={false} className="font-medium text-indigo-700 underline dark:text-indigo-300">
              Show {Math.min(TILE_PAGE_SIZE, total - limit)} more
            </Link>
          )}
        </p>
      )}
    </div>
  );
}
