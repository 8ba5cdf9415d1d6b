import * as z from "@/lib/zod-mini.browser-safe";

export const CLICKUP_API_KEY_MAX_LENGTH = 200;

/**
 * ClickUp personal API tokens: `pk_` followed by letters, digits and underscores, sent raw in the
 * Authorization header. Checked in the browser and again on the server; each mistake people make
 * when pasting gets its own explanation, and only the first applicable one is reported.
 */
export const clickUpTokenSchema = z.string({ message: "Enter your ClickUp API key." }).check(
  z.trim(),
  z.superRefine((key, ctx) => {
    const problem = describeApiKeyProblem(key);
    if (problem) ctx.addIssue({ code: "custom", message: problem });
  }),
);

function describeApiKeyProblem(key: string): string | undefined {
  if (key.length === 0) return "Enter your ClickUp API key.";
  if (key.length > CLICKUP_API_KEY_MAX_LENGTH) {
    return `That is longer than any ClickUp API key (over ${CLICKUP_API_KEY_MAX_LENGTH} characters). Copy just the token.`;
  }
  if (/^bearer\b/i.test(key)) {
    return 'Remove the "Bearer" prefix: paste the raw pk_ token by itself. ClickUp personal tokens are sent as they are.';
  }
  if (/\s/.test(key)) {
    return "The key has spaces or line breaks inside it. Copy it again in one piece from ClickUp (Settings > Apps > API Token).";
  }
  if (!key.startsWith("pk_")) {
    return 'ClickUp personal API tokens start with "pk_". Copy yours from ClickUp: Settings > Apps > API Token.';
  }
  if (!/^pk_[A-Za-z0-9_]+$/.test(key)) {
    return "The key contains characters a ClickUp token never has. Copy it again from ClickUp (Settings > Apps > API Token).";
  }
  return undefined;
}
