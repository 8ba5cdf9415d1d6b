"use client";

import dynamic from "next/dynamic";
import { useRouter } from "next/navigation";
import { useRef, useState } from "react";

import { ActionOutcome } from "@/components/ui/action-outcome";
import { Button } from "@/components/ui/button";
import { PlusIcon } from "@/components/ui/icons";
import type { PublicCredential } from "@/lib/credentials/public-credential";
import { endpointKinds, type EndpointKind } from "@/lib/endpoint-kinds.browser-safe";

import type { OAuthOption } from "./add-credential-dialog";
import { credentialAddedMessage } from "./credential-added-message";
import { CredentialTileGroup } from "./credential-tile-group";

// The Add New Credential overlay (Radix Dialog, react-hook-form, zod/mini: about 40 kB gzip) is not
// needed to show or pick tiles, so it is not part of the screen's first load. Nor is it fetched at
// hydration: running it then was most of the screen's main-thread work in the browser (Lighthouse,
// docs/performance.md §9). It is fetched on the first sign of wanting it — the pointer over "Add
// Credential", a touch, keyboard focus on it — which on a real network is usually well before the
// click, and at the latest on the click itself (the overlay then opens once it has arrived).
const AddCredentialDialog = dynamic(
  () => import("./add-credential-dialog").then((module) => module.AddCredentialDialog),
  { ssr: false },
);

interface Props {
  kind: EndpointKind;
  connectorId: string;
  /** The connector's display name. (Passed in rather than looked up here: the connector's
   * definition carries its key schema, and zod belongs to the overlay's chunk, not this one.) */
  connectorName: string;
  initialCredentials: PublicCredential[];
  initialSelectedId?: string;
  draftName?: string;
  /** Set when the installation has a ClickUp OAuth app: the overlay then offers "OAuth". */
  oauth?: OAuthOption;
  /** Coming back from ClickUp with a new credential: the success message, as after Save. */
  initialAnnouncement?: string;
}

export function AuthenticateScreen({
  kind,
  connectorId,
  connectorName,
  initialCredentials,
  initialSelectedId,
  draftName,
  oauth,
  initialAnnouncement,
}: Props) {
  const router = useRouter();
  const [added, setAdded] = useState<PublicCredential[]>([]);
  const [selectedId, setSelectedId] = useState<string | undefined>(initialSelectedId);
  // Back from a Connect to ClickUp that stored nothing: the overlay reopens with the form and why.
  const [dialogOpen, setDialogOpen] = useState(Boolean(oauth?.returned));
  const [dialogWanted, setDialogWanted] = useState(dialogOpen);
  const wantDialog = () => setDialogWanted(true);
  const [announcement, setAnnouncement] = useState(initialAnnouncement ?? "");
  const addTileRef = useRef<HTMLButtonElement>(null);
  const justCreatedId = useRef<string | undefined>(undefined);

  // Newly added credentials show at once; the server's list catches up on the next render (the
  // overlay refreshes the page after a save).
  const credentials = [...added.filter((c) => !initialCredentials.some((i) => i.id === c.id)), ...initialCredentials];

  function handleCreated(credential: PublicCredential) {
    setAdded((previous) => [credential, ...previous]);
    setSelectedId(credential.id);
    justCreatedId.current = credential.id;
    setAnnouncement(credentialAddedMessage(credential));
  }

  function handleContinue() {
    if (!selectedId) return;
    const base = `${endpointKinds[kind].basePath}/new/${connectorId}/configure`;
    const query = new URLSearchParams({ credential: selectedId, ...(draftName ? { name: draftName } : {}) });
    router.push(`${base}?${query}`);
  }

  return (
    <div className="space-y-6">
      <ActionOutcome outcome={announcement ? { ok: true, text: announcement } : undefined} boxed />

      {credentials.length === 0 && (
        <p className="rounded-md border border-dashed border-slate-300 px-4 py-3 text-slate-700 dark:border-slate-700 dark:text-slate-300">
          You have no {connectorName} credentials yet. Select <strong>Add Credential</strong> to add your first one.
        </p>
      )}

      <div className="grid grid-cols-1 gap-4 sm:grid-cols-2 lg:grid-cols-3">
        <button
          ref={addTileRef}
          type="button"
          onClick={() => {
            setDialogWanted(true);
            setDialogOpen(true);
          }}
          onPointerEnter={wantDialog}
          onTouchStart={wantDialog}
          onFocus={wantDialog}
          className="flex min-h-36 flex-col items-center justify-center gap-2 rounded-lg border-2 border-dashed border-indigo-400 bg-white p-4 font-medium text-indigo-800 hover:bg-indigo-50 dark:border-indigo-500 dark:bg-slate-900 dark:text-indigo-200 dark:hover:bg-slate-800"
        >
          <PlusIcon />
          Add Credential
        </button>
        <CredentialTileGroup
          label={`${connectorName} credentials`}
          credentials={credentials}
          selectedId={selectedId}
          onSelect={setSelectedId}
        />
      </div>

      <div className="flex justify-end border-t border-slate-200 pt-4 dark:border-slate-800">
        <Button variant="primary" disabled={!selectedId} onClick={handleContinue}>
          Continue
        </Button>
      </div>

      {dialogWanted && (
        <AddCredentialDialog
          open={dialogOpen}
          onOpenChange={setDialogOpen}
          connectorId={connectorId}
          returnFocusTo={() => {
            // After a save, keyboard focus lands on the new (selected) tile rather than back on "Add Credential".
            const createdId = justCreatedId.current;
            justCreatedId.current = undefined;
            if (!createdId) return addTileRef.current;
            return document.querySelector<HTMLElement>(`[data-credential-id="${CSS.escape(createdId)}"]`);
          }}
          onCreated={handleCreated}
          oauth={oauth}
        />
      )}
    </div>
  );
}
