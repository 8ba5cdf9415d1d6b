export type SearchParams = Record<string, string | string[] | undefined>;

/** A query parameter as one bounded string (repeated parameters: the first). */
export function firstParam(value: string | string[] | undefined, maxLength = 200): string | undefined {
  const first = Array.isArray(value) ? value[0] : value;
  return first?.slice(0, maxLength);
}
