// Characters that have no business in a label: control and format characters (zero-width,
// bidi overrides and marks, word joiners, tag characters, soft hyphen…), line/paragraph
// separators, and fillers that render as nothing. They can hide or reorder text, or make two
// names look identical while differing.
const INVISIBLE_OR_CONTROL = /[\p{Cc}\p{Cf}\p{Zl}\p{Zp}\u034f\u115f\u1160\u3164\uffa0]/u;

/** For one-line labels (names). A lone UTF-16 surrogate is not text either (and breaks JSON). */
export function hasHiddenCharacters(text: string): boolean {
  return INVISIBLE_OR_CONTROL.test(text) || !text.isWellFormed();
}

/** For multi-line text (descriptions): tabs and line breaks are fine there. */
export function hasHiddenCharactersBesidesLineBreaks(text: string): boolean {
  return INVISIBLE_OR_CONTROL.test(text.replace(/[\t\n\r]/g, "")) || !text.isWellFormed();
}

/** Ids (UUIDs, connector ids) as they can legitimately appear: anything else is not one of ours. */
export const ID_PATTERN = /^[A-Za-z0-9_-]{1,64}$/;
