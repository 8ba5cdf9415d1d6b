import { DataTable, type Column } from "@/components/ui/data-table";
import type { BudgetUseView } from "@/lib/clickup-budget/budget-use";

const columns: Column<BudgetUseView["by"][number]>[] = [
  { header: "Source or destination", cell: (row) => row.source ?? "—", cellClassName: "wrap-anywhere" },
  { header: "API key", cell: (row) => row.apiKey ?? "—", cellClassName: "wrap-anywhere" },
  { header: "Person", cell: (row) => row.person ?? "the app (scheduled checks)", cellClassName: "wrap-anywhere" },
  { header: "Calls", cell: (row) => row.calls },
  { header: "Waited", cell: (row) => row.waited },
  { header: "Refused", cell: (row) => row.refused },
];

const plural = (count: number, word: string) => `${count} ${word}${count === 1 ? "" : "s"}`;

/**
 * "Rate budget in use": the last hour of the credential's calls from the reservation log — how
 * much of its token's calls a minute went where, and what waited or was refused. `by` is only
 * passed to people who manage the credential (it names sources, API keys and people).
 */
export function CredentialBudgetUse({
  use,
  callsPerMinute,
  showBy,
}: {
  use: BudgetUseView;
  callsPerMinute: number;
  showBy: boolean;
}) {
  const average = Math.round((use.calls / 60) * 10) / 10;
  return (
    <section aria-labelledby="budget-use" className="space-y-3">
      <h2 id="budget-use" className="text-lg font-semibold">
        Rate budget in use
      </h2>
      <p className="max-w-prose text-slate-700 dark:text-slate-300">
        In the last hour: {plural(use.calls, "call")} to ClickUp (about {average} a minute; the busiest minute{" "}
        {use.busiestMinute} of {callsPerMinute}), {use.waited} waited for room, {use.refused} refused.
        {use.external > 0 && ` ClickUp reported ${plural(use.external, "call")} made with this token outside the app.`}
      </p>
      {showBy && use.by.length > 0 && (
        <DataTable
          label="Calls in the last hour by source or destination, API key and person"
          columns={columns}
          rows={use.by.map((row, index) => ({ ...row, index }))}
          rowKey={(row) => row.index}
        />
      )}
    </section>
  );
}
