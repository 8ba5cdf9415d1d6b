import "server-only";

import { ZxcvbnFactory, type MatchExtended, type ZxcvbnResult } from "@zxcvbn-ts/core";

import { AUTH_MESSAGES } from "./messages";

/**
 * How hard a new password is to guess, estimated by zxcvbn (dictionaries of common passwords,
 * words and names; keyboard runs, sequences, repeats, dates; the person's own name and email).
 * Server only: its dictionaries weigh megabytes, and the forms post to server actions anyway.
 *
 * Score 4 (at least 10^10 guesses) is required. Score 3 would let through a common word with a
 * year and symbols added ("Summer2026!!", 10^8 guesses), the first thing attackers try once the
 * plain common passwords are done; with at least 12 characters, only passwords zxcvbn sees a
 * pattern in miss 10^10.
 */
const REQUIRED_SCORE = 4;

let estimator: Promise<ZxcvbnFactory> | undefined;

// Loaded and built on first use, not with the module: the dictionaries are 1.6 MB of code that
// took about 170 ms to load, and every page loaded this module (through the sign-in and sign-out
// actions) although only setup and invitations check a new password. Loading them with the first
// page made a fresh start miss its 2 s (docs/performance.md §8).
function getEstimator(): Promise<ZxcvbnFactory> {
  estimator ??= Promise.all([import("@zxcvbn-ts/language-common"), import("@zxcvbn-ts/language-en")]).then(
    ([common, english]) =>
      new ZxcvbnFactory({
        dictionary: { ...common.dictionary, ...english.dictionary },
        graphs: common.adjacencyGraphs,
        translations: {
          ...english.translations,
          warnings: { ...english.translations.warnings, userInputs: AUTH_MESSAGES.passwordHasPersonalData },
        },
      }),
  );
  // A failed load is tried again by the next check rather than kept.
  estimator.catch(() => (estimator = undefined));
  return estimator;
}

/** Why `password` is too easy to guess for this person, in plain words; undefined when it is strong enough. */
export async function passwordWeakness(
  password: string,
  person: { name: string; email: string },
): Promise<string | undefined> {
  const result = (await getEstimator()).check(password, personalWords(person));
  if (result.score >= REQUIRED_SCORE) return undefined;
  const reason = result.feedback.warning ?? patternsFound(result);
  const advice = result.feedback.suggestions.length
    ? result.feedback.suggestions.slice(0, 2)
    : [AUTH_MESSAGES.addWords];
  return [AUTH_MESSAGES.passwordTooEasy, reason, ...advice].filter(Boolean).join(" ");
}

/** The person's name and email, whole and in parts ("Olive Admin" → "olive", "admin"). */
function personalWords({ name, email }: { name: string; email: string }): string[] {
  const parts = [name, email, ...name.split(/\s+/), ...email.split(/[@.+_-]/)];
  return [...new Set(parts.map((part) => part.trim().toLowerCase()))].filter((part) => part.length >= 3);
}

/**
 * zxcvbn warns only about the weakest passwords; for the rest (score 3) this names what it
 * found, e.g. 'It is mostly a common word ("Summer"), which attackers try early.'
 */
function patternsFound(result: ZxcvbnResult): string | undefined {
  const found = new Map<string, string[]>();
  for (const match of result.sequence) {
    const kind = describePattern(match);
    if (kind) found.set(kind, [...(found.get(kind) ?? []), `"${match.token}"`]);
  }
  if (found.size === 0) return undefined;
  const parts = [...found].map(([kind, tokens]) => `${kind} (${tokens.join(", ")})`);
  return AUTH_MESSAGES.passwordPatterns(parts.join(" and "));
}

function describePattern(match: MatchExtended): string | undefined {
  switch (match.pattern) {
    case "dictionary":
      if (match.dictionaryName === "userInputs") return "your name or email address";
      if (String(match.dictionaryName).startsWith("passwords")) return "a common password";
      if (/names/.test(String(match.dictionaryName))) return "a common name";
      return "a common word";
    case "regex":
    case "date":
      return "a year or date";
    case "spatial":
      return "a keyboard pattern";
    case "sequence":
      return "a sequence";
    case "repeat":
      return "repeated characters";
    default:
      return undefined;
  }
}
