/**
 * For a link (or a link-styled button) that stands on its own rather than inside a sentence: at
 * least 24 px tall, WCAG 2.2's minimum target size (2.5.8). A link inside running text is exempt
 * and keeps the line's height.
 */
export const standaloneLinkClass = "inline-flex min-h-6 items-center";
