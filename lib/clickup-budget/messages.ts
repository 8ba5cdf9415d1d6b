/** What people read about a token's rate budget (lib/clickup-budget/). Never holds a token. */
export const BUDGET_MESSAGES = {
  /** A call the budget had no room for: nothing was sent to ClickUp. */
  full: (retryAfterSeconds: number) =>
    `This credential's token has used all its ClickUp calls for this minute (its "Calls per minute", shared by everything that uses the token). Nothing was sent to ClickUp; try again in ${retryAfterSeconds} second${retryAfterSeconds === 1 ? "" : "s"}.`,
};
