import { REASON_MEANINGS } from "@/lib/api/reason-docs";
import { REASON_STATUS } from "@/lib/api/reason-status";
import { FAILURE_REASONS } from "@/lib/failure-reasons.browser-safe";

/**
 * Every problem `code` with its status and meaning, each with an anchor (`#problem-<code>`) that a
 * problem's `type` points to.
 */
export function FailureCodes() {
  return (
    <section aria-labelledby="failure-codes" className="space-y-3">
      <h2 id="failure-codes" className="text-lg font-semibold">
        Failure codes
      </h2>
      <p className="max-w-prose text-slate-700 dark:text-slate-300">
        Every problem answer has a <code>code</code> from this closed list; a client decides by it, never by the wording
        of <code>detail</code>. Each operation above lists the codes it may answer for each status. 403 means only a
        missing API key scope; whatever is not the caller&apos;s is 404.
      </p>
      <dl className="space-y-2 text-sm">
        {FAILURE_REASONS.map((reason) => (
          <div key={reason} id={`problem-${reason}`} className="scroll-mt-4">
            <dt className="font-mono font-semibold">
              {reason} <span className="font-normal text-slate-600 dark:text-slate-400">({REASON_STATUS[reason]})</span>
            </dt>
            <dd className="pl-4 wrap-anywhere">{REASON_MEANINGS[reason]}</dd>
          </div>
        ))}
      </dl>
      <p id="licence" className="max-w-prose text-slate-700 dark:text-slate-300">
        Licence: this API and its document belong to whoever operates this installation; use them with their API keys.
      </p>
    </section>
  );
}
