/** What the watch says, in the Activity, in a state's reason and in alerts. Never a token. */
export const WATCH_MESSAGES = {
  unreadable:
    "The stored token can no longer be decrypted (its encryption key is missing or was changed). Enter the token again to use this credential.",
  accountChanged: (connector: string, reported: string, stored: string) =>
    `${connector} now reports ${reported} for this token, not ${stored}. Replace the token, or keep the new account.`,
  unknown: (connector: string, said: string) =>
    `${connector} could not be asked about this token for over two check intervals. ${said}`.trim(),
  /** Activity entries, one per change of state. */
  changed: {
    ok: (connector: string) => `Recovered: ${connector} accepts the token again.`,
    broken: (connector: string, said: string) => `${connector} stopped accepting this token: ${said}`,
    account_changed: (connector: string, reported: string) => `${connector} now reports ${reported} for this token.`,
    unknown: (connector: string) =>
      `${connector} could not be asked for over two check intervals: the state is unknown.`,
    unreadable: () => "The stored token can no longer be decrypted.",
  },
  workspaceLost: (workspace: string) => `This credential no longer reaches the Workspace ${workspace}.`,
  workspaceRestored: (workspace: string) => `This credential reaches the Workspace ${workspace} again.`,
} as const;
