import { randomBytes } from "node:crypto";
import fc from "fast-check";
import { describe, expect, it, vi } from "vitest";

import { isFailureReason } from "@/lib/failure-reasons.browser-safe";

import { setUpIntegrationTests, testCaller } from "./setup";

const RUNS = 200;
const { database, clickUp } = await setUpIntegrationTests();
const [
  { createCredential },
  { verifyCredential },
  { editCredential },
  { replaceCredentialToken },
  { deleteCredential },
  { createEndpoint },
] = await Promise.all([
  import("@/lib/credentials/create-credential"),
  import("@/lib/credentials/verify-credential"),
  import("@/lib/credentials/edit-credential"),
  import("@/lib/credentials/replace-credential-token"),
  import("@/lib/credentials/delete-credential"),
  import("@/lib/endpoints/create-endpoint"),
]);
const goodToken = () => `pk_good_${randomBytes(8).toString("hex")}`;

const created = await createCredential(testCaller, {
  connector: "clickup",
  name: "Target",
  description: "the one to attack",
  apiKey: goodToken(),
});
if (!created.ok) throw new Error(created.message);
const realId = created.data.id;

/** Every row of every table, as text: what must not change. */
async function snapshot(): Promise<string> {
  const tables = await Promise.all(
    (await database.tableNames()).map(async (table) =>
      JSON.stringify((await database.queryRows(`SELECT * FROM "${table}"`)).map((row) => JSON.stringify(row)).sort()),
    ),
  );
  return tables.join("\n");
}

const range = (from: number, to: number) =>
  Array.from({ length: to - from + 1 }, (_, i) => String.fromCharCode(from + i));
/** What the name checks refuse: C0/C1 controls, zero-width and bidi controls. */
const BLOCKED = [
  ...range(0x00, 0x1f),
  ...range(0x7f, 0x9f),
  ...range(0x200b, 0x200f),
  ...range(0x202a, 0x202e),
  ...range(0x2066, 0x2069),
];
const BLOCKED_IN_TEXT = BLOCKED.filter((c) => !"\t\n\r".includes(c));
const CONFUSABLES = [
  "\u0440",
  "\u0430",
  "\u043e",
  "\u0435",
  "\uff50",
  "\u2170",
  "\u13aa",
  "\u2010",
  "\u00e9",
  "\u{1f642}",
  "-",
  ".",
  ";",
  "'",
  '"',
  "/",
  " ",
];

const missing = fc.constant(undefined);
const text = fc.string({ unit: "grapheme", maxLength: 16 });
const alnum = fc.string({ unit: fc.constantFrom(..."abcXYZ0189_"), maxLength: 12 });
const blank = fc.constantFrom("", " ", "\t\n\r ", "\u3000\ufeff", "\u00a0 \u2028");
const nonString = fc.oneof(
  fc.integer(),
  fc.double(),
  fc.boolean(),
  fc.constant(null),
  fc.bigInt(),
  fc.date(),
  fc.constantFrom(NaN, Infinity, -0, new Number(1), new Boolean(true)),
  fc.array(fc.anything({ maxDepth: 2 }), { maxLength: 3 }),
  fc.object({ maxDepth: 2 }),
);
/** A string over `max` characters (zod counts code points), up to 100,000 of them, often just over. */
const huge = (max: number) =>
  fc
    .tuple(
      fc.oneof(fc.constant(max), fc.integer({ min: max, max: 99_999 })),
      fc.constantFrom("a", "\u00e9", "\u{1f642}", "\ud83d", "pk_", "<script>", "x\u202e"),
    )
    .map(([length, unit]) => `x${unit.repeat(Math.ceil(length / [...unit].length))}`);
/** A visible text with one of `chars` inside it (not at the edges, where trimming could drop it). */
const withInside = (chars: string[]) =>
  fc.tuple(text, fc.constantFrom(...chars), text).map(([a, c, b]) => `x${a}${c}${b}x`);

const badName = (max: number) => fc.oneof(nonString, missing, blank, huge(max), withInside(BLOCKED));
const badDescription = fc.oneof(nonString, huge(500), withInside(BLOCKED_IN_TEXT)); // undefined is a valid (empty) description on create
const badApiKey = fc.oneof(
  nonString,
  missing,
  blank,
  huge(200),
  fc.tuple(alnum, fc.constantFrom(...CONFUSABLES, ...BLOCKED), alnum).map(([a, c, b]) => `pk_${a}${c}${b}x`), // x: never trimmed off
  alnum.map((a) => `\u0440k_good_${a}`),
  alnum.map((a) => `Bearer pk_good_${a}`),
  fc.string().map((s) => `x${s}`),
);
const badShortId = fc.oneof(nonString, missing, fc.constant(""), huge(64));
const badVersion = fc.oneof(
  fc.string(),
  fc.boolean(),
  fc.constant(null),
  missing,
  fc.bigInt({ min: 1n, max: 5n }),
  fc.array(fc.constant(1), { maxLength: 2 }),
  fc.constantFrom(0, -1, 1.5, NaN, Infinity, -Infinity, Number.MIN_VALUE, new Number(1)),
  fc.integer({ max: 0 }),
);
const badConfirm = fc.oneof(fc.constantFrom("true", "false", 1, 0, null, "yes", [], {}), fc.string());
const badKind = fc.oneof(
  nonString,
  missing,
  fc.constantFrom(
    "Source",
    "source ",
    " destination",
    "s\u043eurce",
    "source\u200b",
    "destination\u0000",
    "",
    "__proto__",
  ),
);
/** Ids that look like the real one but are not it: the service must find nothing. */
const nearRealId = () =>
  fc
    .constantFrom(
      realId.toUpperCase(),
      ` ${realId}`,
      `${realId}\u200b`,
      realId.replace("-", "\u2010"),
      realId.slice(1),
      `${realId}' OR '1'='1`,
      [realId],
      { id: realId },
      new String(realId),
      `${realId}%`,
      "%",
      "*",
    )
    .filter((id) => id !== realId);

type Field = { valid: fc.Arbitrary<unknown>; bad: fc.Arbitrary<unknown> };

/** Objects with at least one field invalid, plus hostile extra keys; or not an object at all. */
function malformed(fields: Record<string, Field>): fc.Arbitrary<unknown> {
  const names = Object.keys(fields);
  const fieldsWithOneBad = fc
    .subarray(names, { minLength: 1 })
    .chain((bad) =>
      fc.record(
        Object.fromEntries(names.map((name) => [name, bad.includes(name) ? fields[name].bad : fields[name].valid])),
      ),
    );
  const allValid = fc.record(Object.fromEntries(names.map((name) => [name, fields[name].valid])));
  const extras = fc.array(
    fc.tuple(
      fc.constantFrom(
        "__proto__",
        "constructor",
        "prototype",
        "toString",
        "valueOf",
        "hasOwnProperty",
        "then",
        "polluted",
        "ID",
        "id ",
      ),
      fc.oneof(fc.constant({ polluted: "yes" }), fc.constant({ prototype: { polluted: "yes" } }), nonString),
    ),
    { maxLength: 3 },
  );
  // As a script could post it: own keys named __proto__ etc., as JSON.parse (and React's decoder) make them.
  const asObject = fc.tuple(fieldsWithOneBad, extras).map(([payload, extra]) => {
    for (const [key, value] of extra)
      Object.defineProperty(payload, key, { value, enumerable: true, configurable: true, writable: true });
    return payload;
  });
  const asJsonText = fieldsWithOneBad.map((payload) => {
    const body = JSON.stringify(payload, function (this: Record<string, unknown>, key, value) {
      const original = this[key];
      // Keep what JSON would quietly turn valid (a Date to a string, new Number(1) to 1) invalid.
      return typeof original === "bigint" ||
        original instanceof Date ||
        original instanceof Number ||
        original instanceof String
        ? { $hostile: String(original) }
        : value;
    });
    const hostile = `"__proto__":{"polluted":"yes","isAdmin":true,"id":"${realId}","version":1},"constructor":{"prototype":{"polluted":"yes"}},"prototype":{"polluted":"yes"}`;
    return JSON.parse(`{${hostile}${body.length > 2 ? `,${body.slice(1, -1)}` : ""}}`) as unknown;
  });
  const notAnObject = fc.oneof(
    nonString,
    missing,
    fc.string(),
    fc.constantFrom(realId, [{ id: realId, version: 1 }], { data: { id: realId } }),
    allValid.map((payload) => [payload]),
    allValid.map((payload) => JSON.stringify(payload)),
  );
  return fc.oneof(asObject, asJsonText, notAnObject);
}

type EntryPoint = (input: unknown) => Promise<{ ok: boolean }>;

async function expectRefusedWithoutEffect(entry: EntryPoint, payloads: fc.Arbitrary<unknown>) {
  clickUp.requests.length = 0;
  const before = await snapshot();
  const prototypeKeys = Object.getOwnPropertyNames(Object.prototype).sort();
  const logged = [vi.spyOn(console, "error"), vi.spyOn(console, "warn")];
  await fc.assert(
    fc.asyncProperty(payloads, async (payload) => {
      const result = (await entry(payload)) as { ok: boolean; reason?: unknown; message?: unknown };
      expect(result.ok).toBe(false);
      // Refused for a reason from the closed list, and an expected one: never a bug.
      expect(isFailureReason(result.reason) && result.reason !== "bug", String(result.reason)).toBe(true);
      expect(typeof result.message === "string" && result.message.trim().length > 0).toBe(true);
      expect(JSON.stringify(result).length).toBeLessThan(2_000); // nothing huge reflected back
      expect(await snapshot()).toBe(before);
      expect(clickUp.requests).toEqual([]);
      expect(Object.getOwnPropertyNames(Object.prototype).sort()).toEqual(prototypeKeys);
      const probe: Record<string, unknown> = {};
      expect([probe.polluted, probe.isAdmin]).toEqual([undefined, undefined]);
    }),
    { numRuns: RUNS, endOnFailure: true },
  );
  for (const spy of logged) expect(spy).not.toHaveBeenCalled();
}

describe("every mutating service refuses malformed input without effect", { timeout: 60_000 }, () => {
  it("createCredential", async () => {
    const input = malformed({
      name: { valid: fc.constant("Fresh name"), bad: badName(100) },
      description: { valid: fc.constantFrom(undefined, "", "notes"), bad: badDescription },
      apiKey: { valid: fc.constant(goodToken()), bad: badApiKey },
    });
    const connector = fc.oneof(
      { weight: 4, arbitrary: fc.constant<unknown>("clickup") },
      { weight: 1, arbitrary: fc.oneof(nonString, fc.constantFrom("ClickUp", "clickup ", "__proto__", "")) },
    );
    // A bad connector alone is enough; with "clickup" the input is malformed.
    const create = (pair: unknown) => {
      const [connector, fields] = pair as [unknown, unknown];
      return createCredential(testCaller, { ...(fields as object), connector });
    };
    await expectRefusedWithoutEffect(create, fc.tuple(connector, input));
  });

  it("createEndpoint", async () => {
    await expectRefusedWithoutEffect(
      (input) => createEndpoint(testCaller, input),
      malformed({
        kind: { valid: fc.constantFrom("source", "destination"), bad: badKind },
        // No connector is fine: an API script names only the credential, whose connector it takes.
        connector: {
          valid: fc.constantFrom("clickup", undefined),
          bad: fc.oneof(nonString, fc.constant(""), huge(64)),
        },
        credentialId: { valid: fc.constant(realId), bad: fc.oneof(badShortId, nearRealId()) },
        name: { valid: fc.constant("Tasks"), bad: badName(100) },
        workspaceId: { valid: fc.constant("9001"), bad: fc.oneof(nonString, missing, blank, huge(64)) },
      }),
    );
  });

  it("verifyCredential", async () => {
    await expectRefusedWithoutEffect(
      (input) => verifyCredential(testCaller, input),
      malformed({ id: { valid: nearRealId(), bad: badShortId } }),
    );
  });

  it("editCredential", async () => {
    await expectRefusedWithoutEffect(
      (input) => editCredential(testCaller, input),
      malformed({
        id: { valid: fc.constant(realId), bad: fc.oneof(badShortId, nearRealId()) },
        version: { valid: fc.constant(1), bad: badVersion },
        name: { valid: fc.constant("Renamed"), bad: badName(100) },
        description: { valid: fc.constant("changed"), bad: fc.oneof(badDescription, missing) },
      }),
    );
  });

  it("replaceCredentialToken", async () => {
    await expectRefusedWithoutEffect(
      (input) => replaceCredentialToken(testCaller, input),
      malformed({
        id: { valid: fc.constant(realId), bad: fc.oneof(badShortId, nearRealId()) },
        version: { valid: fc.constant(1), bad: badVersion },
        apiKey: { valid: fc.constant(goodToken()), bad: badApiKey },
        confirmAccountChange: { valid: fc.constantFrom(undefined, true, false), bad: badConfirm },
      }),
    );
  });

  it("deleteCredential", async () => {
    await expectRefusedWithoutEffect(
      (input) => deleteCredential(testCaller, input),
      malformed({ id: { valid: nearRealId(), bad: badShortId } }),
    );
  });
});
