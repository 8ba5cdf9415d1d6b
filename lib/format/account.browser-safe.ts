/**
 * A ClickUp account as the UI and messages name it: "Name (email)", like a person everywhere else
 * (owners, shares, People). Either part alone when the other is missing; "" when both are, so each
 * place says its own fallback ("unknown", "your ClickUp account").
 */
export function formatClickUpAccount(account: { name?: string | null; email?: string | null }): string {
  const { name, email } = account;
  if (name && email) return `${name} (${email})`;
  return name || email || "";
}
