import type { CredentialState } from "@/lib/credential-watch/states.browser-safe";

const attention =
  "border-amber-400 bg-amber-50 text-amber-950 dark:border-amber-700 dark:bg-amber-950 dark:text-amber-100";
const styles: Record<CredentialState, string> = {
  ok: "border-emerald-300 bg-emerald-50 text-emerald-900 dark:border-emerald-800 dark:bg-emerald-950 dark:text-emerald-100",
  broken: attention,
  account_changed: attention,
  unknown: "border-slate-400 bg-slate-50 text-slate-900 dark:border-slate-600 dark:bg-slate-900 dark:text-slate-100",
  unreadable: "border-red-300 bg-red-50 text-red-900 dark:border-red-800 dark:bg-red-950 dark:text-red-100",
};

/** What a person must do about it, then which state it is, when that adds something. */
const labels: Record<CredentialState, [string, string?]> = {
  ok: ["OK"],
  broken: ["Needs attention", "Broken: ClickUp no longer accepts the token"],
  account_changed: ["Needs attention", "Account changed"],
  unknown: ["Unknown", "ClickUp could not be asked lately"],
  unreadable: ["Needs re-entry"],
};

/** The credential's state (lib/credential-watch/), in words (never colour alone), and why. */
export function CredentialHealthBadge({
  credential,
  withReason = false,
}: {
  credential: { state: CredentialState; stateReason: string };
  withReason?: boolean;
}) {
  const [label, detail] = labels[credential.state];
  return (
    <span
      className={`inline-flex max-w-full flex-col rounded-md border px-2 py-0.5 text-sm ${styles[credential.state]}`}
    >
      <span className="font-medium">{label}</span>
      {detail && <span>{detail}</span>}
      {withReason && credential.stateReason && <span className="wrap-anywhere">{credential.stateReason}</span>}
    </span>
  );
}
