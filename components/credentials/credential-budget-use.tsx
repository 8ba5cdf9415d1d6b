import type { BudgetUseView } from "@/lib/clickup-budget/budget-use";

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
        <table className="text-sm">
          <caption className="sr-only">Calls in the last hour by source or destination, API key and person</caption>
          <thead>
            <tr className="text-left">
              {["Source or destination", "API key", "Person", "Calls", "Waited", "Refused"].map((heading) => (
                <th key={heading} scope="col" className="pr-4 pb-1 font-medium">
                  {heading}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {use.by.map((row, index) => (
              <tr key={index} className="wrap-anywhere">
                <td className="pr-4">{row.source ?? "—"}</td>
                <td className="pr-4">{row.apiKey ?? "—"}</td>
                <td className="pr-4">{row.person ?? "the app (scheduled checks)"}</td>
                <td className="pr-4">{row.calls}</td>
                <td className="pr-4">{row.waited}</td>
                <td className="pr-4">{row.refused}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
