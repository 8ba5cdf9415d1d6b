/** From this share of its calls per minute in one minute, a budget counts as nearly spent. */
const NEARLY_SPENT_SHARE = 0.8;

/**
 * Whether a credential's token came close to its calls per minute in the last hour: the Configure
 * step then warns that another source or destination on it shares what is left.
 */
export function isBudgetNearlySpent(use: { busiestMinute: number }, callsPerMinute: number): boolean {
  return use.busiestMinute > 0 && use.busiestMinute >= callsPerMinute * NEARLY_SPENT_SHARE;
}
