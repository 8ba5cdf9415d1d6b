/**
 * How deeply arrays and objects nest in `text`, outside JSON strings. React's server-action
 * decoder recurses once per level, so a few thousand levels — a few kilobytes — overflow its
 * stack and Next.js answers 500; real forms nest two or three levels. Counting needs no parsing,
 * so it cannot overflow itself. Stops counting as soon as `limit` is passed.
 */
export function nestingDepth(text: string, limit = Number.POSITIVE_INFINITY): number {
  let depth = 0;
  let deepest = 0;
  let inString = false;
  for (let index = 0; index < text.length; index += 1) {
    const char = text[index];
    if (inString) {
      if (char === "\\") index += 1;
      else if (char === '"') inString = false;
    } else if (char === '"') {
      inString = true;
    } else if (char === "[" || char === "{") {
      depth += 1;
      if (depth > deepest) deepest = depth;
      if (deepest > limit) return deepest;
    } else if ((char === "]" || char === "}") && depth > 0) {
      depth -= 1;
    }
  }
  return deepest;
}
