/** What people read about a token's rate budget (lib/clickup-budget/). Never holds a token. */
export const BUDGET_MESSAGES = {
  /** The Configure step, when the credential's budget came close to full in the last hour. */
  nearlySpent: (busiestMinute: number, callsPerMinute: number, kind: string) =>
    `This credential's token made up to ${busiestMinute} of its ${callsPerMinute} ClickUp calls a minute in the last hour. A new ${kind} shares that rate budget with everything already using the token, so its calls may have to wait or be refused. If your ClickUp plan allows more, raise "Calls per minute" on the credential's page.`,
  /** A call the budget had no room for: nothing was sent to ClickUp. */
  full: (retryAfterSeconds: number) =>
    `This credential's token has used all its ClickUp calls for this minute (its "Calls per minute", shared by everything that uses the token). Nothing was sent to ClickUp; try again in ${retryAfterSeconds} second${retryAfterSeconds === 1 ? "" : "s"}.`,
};
