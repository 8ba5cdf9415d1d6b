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

const LINE_BREAKS_AND_TABS = /[\t\n\v\f\r\u0085\u2028\u2029]/g;
const INVISIBLE_OR_CONTROL_ALL = new RegExp(INVISIBLE_OR_CONTROL.source, "gu");

/**
 * Text someone else chose (an API's answer) as a one-line label fit to store and show: line breaks
 * and tabs become spaces, other hidden characters (bidi overrides and isolates, zero-width,
 * controls) go, runs of spaces shrink to one, and at most `maxLength` characters remain (code
 * points, so no character is split; an ellipsis marks the cut).
 */
export function toPlainLabel(text: string, maxLength: number): string {
  const plain = text
    .toWellFormed()
    .replace(LINE_BREAKS_AND_TABS, " ")
    .replace(INVISIBLE_OR_CONTROL_ALL, "")
    .replace(/\s+/gu, " ")
    .trim();
  const characters = [...plain];
  if (characters.length <= maxLength) return plain;
  return `${characters
    .slice(0, maxLength - 1)
    .join("")
    .trimEnd()}…`;
}
