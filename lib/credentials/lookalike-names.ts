import "server-only";

import unhomoglyph from "unhomoglyph";

/**
 * The skeleton of UTS #39 (Unicode Security Mechanisms, section 4): NFD, each character replaced
 * by its prototype in Unicode's confusables.txt (the table the unhomoglyph package carries), NFD
 * again. Strings with the same skeleton can look the same: "Pаyroll" with a Cyrillic а, "CIickUp"
 * with a capital I, "rn" and "m".
 */
export function confusableSkeleton(text: string): string {
  return unhomoglyph(text.normalize("NFD")).normalize("NFD");
}

/**
 * Two credential names look alike when they share either key: the skeleton ignoring case (names
 * are unique per person ignoring case already), or the skeleton of the lower-cased skeleton (so a
 * capital I still passes for an l). Runs of spaces count as one.
 */
export function lookalikeKeys(name: string): string[] {
  const spaced = name.trim().replace(/\s+/gu, " ");
  return [
    `case:${confusableSkeleton(spaced.toLocaleLowerCase("en"))}`,
    `shape:${confusableSkeleton(confusableSkeleton(spaced).toLocaleLowerCase("en"))}`,
  ];
}

interface UsableCredential {
  id: string;
  name: string;
  connector: string;
  ownerId: string | null;
}

/**
 * Among the credentials a person can use (their own and those shared with them), those of
 * someone else whose name looks like another one's: id → that other name (the person's own
 * first). Someone sharing a credential named like yours cannot pass it off as yours.
 */
export function findLookalikes(usable: UsableCredential[], personId: string): Map<string, string> {
  const byKey = new Map<string, UsableCredential[]>();
  const keysOf = new Map<string, string[]>();
  for (const credential of usable) {
    const keys = lookalikeKeys(credential.name).map((key) => `${credential.connector}|${key}`);
    keysOf.set(credential.id, keys);
    for (const key of keys) {
      const same = byKey.get(key);
      if (same) same.push(credential);
      else byKey.set(key, [credential]);
    }
  }
  const found = new Map<string, string>();
  for (const credential of usable) {
    if (credential.ownerId === personId) continue;
    const others = keysOf
      .get(credential.id)!
      .flatMap((key) => byKey.get(key)!)
      .filter((other) => other.id !== credential.id);
    if (others.length === 0) continue;
    const own = others.find((other) => other.ownerId === personId);
    found.set(credential.id, (own ?? others[0]).name);
  }
  return found;
}
