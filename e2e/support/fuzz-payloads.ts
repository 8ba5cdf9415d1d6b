/**
 * Malformed argument lists for server actions, generated from a seed (so a failure can be
 * replayed): wrong types, missing fields, huge strings, control and invisible characters,
 * look-alike letters, and `__proto__`/`constructor` keys written into the raw JSON text.
 *
 * Every payload breaks at least one field in a way the action must refuse; "noise" (extra keys,
 * odd but acceptable values) is layered on top. Strings never start with "$": React's encoding
 * escapes that ("$$"), so a raw "$…" string is a protocol reference, not data.
 */

export interface Payload {
  label: string;
  body: string;
}

export function seededRandom(seed: number) {
  let state = seed >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return { next, pick: <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)] };
}
export type Random = ReturnType<typeof seededRandom>;

const deep = (depth: number): unknown => (depth === 0 ? "bottom" : [deep(depth - 1)]);

/** Values of the wrong type for any field. */
export const wrongTypes: readonly unknown[] = [
  null,
  true,
  false,
  0,
  -1,
  1.5,
  1e308,
  -0,
  [],
  ["a", "b"],
  {},
  { nested: { value: 1 } },
  deep(40),
  [null],
  { length: 3 },
];

/** Strings with control, invisible or direction-changing characters: no text field accepts them. */
export const hostileStrings: readonly string[] = [
  "\u0000",
  "fuzz\u0000name",
  "fuzz\u001b[31mred",
  "fuzz\u0007bell\u0008",
  "fuzz\u200bhidden",
  "fuzz\u202eevil\u202c",
  "fuzz\u2066isolate\u2069",
  "fuzz\u007f\u0085\u009f",
];

/** Odd but harmless strings (fine as noise; some are valid names). */
export const oddStrings: readonly string[] = [
  "Ｆｕｚｚ ｆｕｌｌｗｉｄｔｈ",
  "Fuzz Ϲyrillic аnd Greek Α",
  "fuzz 🙂 emoji 👩‍💻",
  "fuzz <script>alert(1)</script>",
  "fuzz ' OR 1=1 --",
  "fuzz ../../etc/passwd",
  "fuzz %00 %0d%0a",
  "fuzz {{7*7}} ${7*7}",
  "__proto__",
  "constructor",
  // A lone UTF-16 surrogate: once broke Prisma's JSON ("Something went wrong"); now refused as input.
  "fuzz \ud800 lone surrogate",
];

export const tooLong = (length: number, unit = "x") => unit.repeat(Math.ceil(length / unit.length)).slice(0, length);

/** Over the 32 kb server action body limit. */
export const overLimitString = () => tooLong(40_000);

/** Keys to add to an object as noise: none of them may change what the action does. */
export const noiseKeys: readonly [string, unknown][] = [
  ["extra", "fuzz"],
  ["ok", true],
  ["data", { id: "fuzz" }],
  ["connector", "clickup"],
  ["version", 1],
  ["confirmAccountChange", true],
];

/** A JSON array text for `args`, sometimes with raw `__proto__`/`constructor` keys spliced into its first object. */
export function argsText(random: Random, args: unknown[]): string {
  const text = JSON.stringify(args);
  const roll = random.next();
  const splice = (member: string) => text.replace(/\{(\}?)/, (_, empty: string) => `{${member}${empty ? "}" : ","}`);
  if (roll < 0.15) return splice('"__proto__":{"polluted":"fuzz","ok":true}');
  if (roll < 0.25) return splice('"constructor":{"prototype":{"polluted":"fuzz"}}');
  return text;
}

export interface FieldRules {
  /** The field's usable value (the template). */
  valid: unknown;
  /** Values that alone make the call fail, besides the shared lists below. */
  invalid?: readonly unknown[];
  /** Whether every value in `wrongTypes` makes the call fail (default: yes). */
  wrongTypesInvalid?: boolean;
  /** Whether every string in `hostileStrings` makes the call fail (default: yes). */
  hostileInvalid?: boolean;
  /** Whether leaving the field out makes the call fail. */
  required?: boolean;
}

/**
 * `count` argument lists for an action taking one object (`prefix` arguments before it), each
 * with at least one field broken, plus `overLimit` bodies above the size limit.
 */
export function objectPayloads(
  random: Random,
  options: { prefix?: unknown[]; fields: Record<string, FieldRules>; count: number; overLimit: number },
): Payload[] {
  const { prefix = [], fields, count, overLimit } = options;
  const names = Object.keys(fields);
  const breakable = (name: string) => {
    const rules = fields[name];
    return [
      ...(rules.invalid ?? []),
      ...(rules.wrongTypesInvalid === false ? [] : wrongTypes),
      ...(rules.hostileInvalid === false ? [] : hostileStrings),
    ];
  };
  const payloads: Payload[] = [];
  for (let i = 0; payloads.length < count; i += 1) {
    const input: Record<string, unknown> = Object.fromEntries(names.map((name) => [name, fields[name].valid]));
    const broken = names.filter((name) => breakable(name).length > 0 || fields[name].required);
    const target = random.pick(broken);
    const options = breakable(target);
    let label: string;
    if (fields[target].required && (options.length === 0 || random.next() < 0.15)) {
      delete input[target];
      label = `${target} missing`;
    } else {
      input[target] = random.pick(options);
      label = `${target}=${JSON.stringify(input[target])?.slice(0, 40)}`;
    }
    for (let n = Math.floor(random.next() * 3); n > 0; n -= 1) {
      const [key, value] = random.pick(noiseKeys);
      if (!(key in fields)) input[key] = value;
    }
    if (random.next() < 0.2) {
      const other = random.pick(names.filter((name) => name !== target && typeof fields[name].valid === "string"));
      if (other) input[other] = random.pick(oddStrings);
    }
    payloads.push({ label, body: argsText(random, [...prefix, input]) });
    // Now and then the argument list itself is wrong.
    if (i % 25 === 0)
      payloads.push({
        label: "input not an object",
        body: JSON.stringify([
          ...prefix,
          random.pick(
            [...wrongTypes, ...hostileStrings].filter((value) => typeof value !== "object" || value === null),
          ),
        ]),
      });
    if (i % 40 === 0) payloads.push({ label: "no arguments", body: "[]" });
  }
  for (let i = 0; i < overLimit; i += 1) {
    const input: Record<string, unknown> = Object.fromEntries(names.map((name) => [name, fields[name].valid]));
    input[random.pick(names)] = overLimitString();
    payloads.push({ label: "over the body limit", body: JSON.stringify([...prefix, input]) });
  }
  return payloads;
}
