import type { CredentialHealth } from "@/lib/credentials/public-credential";

const styles = {
  ok: "border-emerald-300 bg-emerald-50 text-emerald-900 dark:border-emerald-800 dark:bg-emerald-950 dark:text-emerald-100",
  "needs-attention":
    "border-amber-400 bg-amber-50 text-amber-950 dark:border-amber-700 dark:bg-amber-950 dark:text-amber-100",
  "needs-reentry": "border-red-300 bg-red-50 text-red-900 dark:border-red-800 dark:bg-red-950 dark:text-red-100",
} as const;

const labels = { ok: "OK", "needs-attention": "Needs attention", "needs-reentry": "Needs re-entry" } as const;

/** The credential's last check, in words (never colour alone). */
export function CredentialHealthBadge({
  health,
  withReason = false,
}: {
  health: CredentialHealth;
  withReason?: boolean;
}) {
  return (
    <span className={`inline-flex max-w-full flex-col rounded-md border px-2 py-0.5 text-sm ${styles[health.state]}`}>
      <span className="font-medium">{labels[health.state]}</span>
      {withReason && health.reason && <span className="wrap-anywhere">{health.reason}</span>}
    </span>
  );
}
