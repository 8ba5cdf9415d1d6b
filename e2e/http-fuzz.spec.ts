import { randomBytes } from "node:crypto";
import type { Page } from "@playwright/test";
import Database from "better-sqlite3";

import {
  freePort,
  migratedDatabase,
  setUpAdmin,
  snapshotTables,
  startApp,
  type AppInstance,
} from "./support/app-instance";
import { E2E } from "./support/e2e-env";
import {
  hostileStrings,
  objectPayloads,
  oddStrings,
  seededRandom,
  tooLong,
  wrongTypes,
  type Payload,
} from "./support/fuzz-payloads";
import { addCredential, continueToConfigure, fakeToken, uniqueName } from "./support/helpers";
import { actionResult, captureAction, postAction, type CapturedAction } from "./support/server-actions";
import { expect, test } from "./support/test";

// Every mutating server action, called the way a script would with hundreds of malformed argument
// lists. On a server with its own database, so "nothing changed" can be checked table by table.

const PER_ACTION = 200;
const PARALLEL_REQUESTS = 8;
// A failure names its seed; FUZZ_SEED=<seed> replays the same payloads.
const seed = Number(process.env.FUZZ_SEED ?? Date.now() % 2 ** 31);
let database: ReturnType<typeof migratedDatabase>;
let app: AppInstance;

test.beforeAll(async () => {
  test.setTimeout(120_000);
  database = migratedDatabase("fuzz");
  app = startApp({
    port: await freePort(3360, 3379),
    via: "start-script",
    env: {
      DATABASE_URL: database.url,
      CLICKUP_API_BASE_URL: E2E.fakeClickUpUrl,
      CLICKUP_TIMEOUT_MS: "1500",
      TOKEN_CHECKS_PER_MINUTE: "100000",
      TOKEN_CHECKS_PER_PERSON_PER_MINUTE: "100000",
      CREDENTIAL_ENCRYPTION_KEYS: E2E.keyRing!,
    },
  });
  await app.waitUntilServing("/sources/new/clickup", 90_000);
});

test.afterAll(async () => {
  await app?.stop();
  database?.remove();
});

function credentialRow(name: string) {
  const db = new Database(database.file, { readonly: true, fileMustExist: true });
  try {
    return db.prepare('SELECT id, version FROM "Credential" WHERE name = ?').get(name) as {
      id: string;
      version: number;
    };
  } finally {
    db.close();
  }
}

function apiKeyRow(name: string) {
  const db = new Database(database.file, { readonly: true, fileMustExist: true });
  try {
    return db.prepare('SELECT id FROM "ApiKey" WHERE name = ?').get(name) as { id: string };
  } finally {
    db.close();
  }
}

/** One real browser request of each mutating action (each dialog opened from a freshly loaded page). */
async function learnActions(page: Page, target: string, spare: string) {
  const dialog = page.getByRole("dialog");
  await page.goto(`${app.url}/sources/new/clickup`);
  await page.getByRole("button", { name: "Add Credential" }).click();
  await page.getByLabel("Credential Name").fill(target);
  await page.getByLabel("API Key").fill(fakeToken("good"));
  const createCredential = await captureAction(page, async () => {
    await dialog.getByRole("button", { name: "Save" }).click();
    await expect(page.getByRole("radio", { name: target })).toHaveAttribute("aria-checked", "true");
  });

  await continueToConfigure(page);
  await page.getByLabel("Name").fill(uniqueName("Fuzz source"));
  await page.getByLabel("Workspace").selectOption({ label: "Analytics Workspace" });
  const createEndpoint = await captureAction(page, async () => {
    await page.getByRole("button", { name: "Create" }).click();
    await expect(page).toHaveURL(/\/sources\/[0-9a-f-]{36}$/);
  });
  const sourceId = page.url().split("/").pop()!;
  const renameEndpoint = await captureAction(page, async () => {
    await page.getByRole("button", { name: "Rename" }).click();
    await dialog.getByLabel("Name").fill(uniqueName("Fuzz source renamed"));
    await dialog.getByRole("button", { name: "Save" }).click();
    await expect(dialog).toBeHidden();
  });

  const detail = `${app.url}/credentials/${credentialRow(target).id}`;
  await page.goto(detail);
  const verify = await captureAction(page, async () => {
    await page.getByRole("button", { name: "Verify now" }).click();
    await expect(page.getByRole("status")).toHaveText("ClickUp confirmed the token.");
  });
  await page.goto(detail);
  await page.getByRole("button", { name: "Edit" }).click();
  await page.getByLabel("Credential Description").fill("Target of the fuzzing");
  const edit = await captureAction(page, async () => {
    await dialog.getByRole("button", { name: "Save" }).click();
    await expect(page.getByRole("status")).toHaveText("Changes saved.");
  });
  await page.goto(detail);
  await page.getByRole("button", { name: "Replace token" }).click();
  await dialog.getByLabel("API Key").fill(fakeToken("good"));
  const replace = await captureAction(page, async () => {
    await dialog.getByRole("button", { name: "Verify and replace" }).click();
    await expect(page.getByRole("status")).toContainText("Token replaced");
  });

  // Delete, on a spare source and then its spare credential (the target is in use, so it has no
  // Delete button): a source made on the spare credential, deleted from its page.
  await addCredential(page, `${app.url}/sources/new/clickup`, { name: spare, apiKey: fakeToken("good") });
  await continueToConfigure(page);
  await page.getByLabel("Name").fill(uniqueName("Fuzz spare source"));
  await page.getByLabel("Workspace").selectOption({ label: "Analytics Workspace" });
  await page.getByRole("button", { name: "Create" }).click();
  await expect(page).toHaveURL(/\/sources\/[0-9a-f-]{36}$/);
  await page.getByRole("button", { name: "Delete" }).click();
  const deleteEndpoint = await captureAction(page, async () => {
    await page.getByRole("alertdialog").getByRole("button", { name: "Delete" }).click();
    await expect(page).toHaveURL(/\/sources$/);
  });
  await page.goto(`${app.url}/credentials/${credentialRow(spare).id}`);
  await page.getByRole("button", { name: "Delete" }).click();
  const remove = await captureAction(page, async () => {
    await page.getByRole("alertdialog").getByRole("button", { name: "Delete" }).click();
    await expect(page).toHaveURL(/\/credentials$/);
  });

  // A personal API key, made and then revoked on /api-keys.
  await page.goto(`${app.url}/api-keys`);
  const keyName = uniqueName("Fuzz key");
  await page.getByLabel("Name").fill(keyName);
  const createApiKey = await captureAction(page, async () => {
    await page.getByRole("button", { name: "Create API key" }).click();
    await expect(page.getByRole("textbox", { name: "New API key" })).toBeVisible();
  });
  const keyRow = page.getByRole("row", { name: new RegExp(keyName) });
  const revokeApiKey = await captureAction(page, async () => {
    await keyRow.getByRole("button", { name: `Revoke API key ${keyName}` }).click();
    await expect(keyRow).toContainText("Revoked");
  });

  // The deletes are replayed against the target's pages (the spare ones are gone).
  const actions = {
    createCredential,
    createEndpoint,
    verify,
    edit,
    replace,
    delete: { ...verify, id: remove.id, headers: { ...verify.headers, "next-action": remove.id } },
    renameEndpoint,
    deleteEndpoint: {
      ...renameEndpoint,
      id: deleteEndpoint.id,
      headers: { ...renameEndpoint.headers, "next-action": deleteEndpoint.id },
    },
    createApiKey,
    revokeApiKey,
  };
  return { actions, sourceId, apiKeyId: apiKeyRow(keyName).id };
}

interface Targets {
  credential: { id: string; version: number };
  sourceId: string;
  apiKeyId: string;
}

/** Ids a lookup must not find: near misses of a real one, and junk. */
function missingIdsLike(id: string) {
  return [
    id.toUpperCase(),
    `${id}\u200b`,
    ` ${id}`,
    id.slice(0, -1),
    id.replace(/[0-9]/, "０"),
    "",
    tooLong(65),
    tooLong(20_000),
    "__proto__",
    "does-not-exist",
  ];
}

function payloadsFor(action: string, targets: Targets, random: ReturnType<typeof seededRandom>): Payload[] {
  const { credential } = targets;
  const marker = randomBytes(4).toString("hex");
  const id = { valid: credential.id, invalid: missingIdsLike(credential.id), required: true };
  const version = {
    valid: credential.version,
    invalid: ["1", String(credential.version), 0, credential.version + 1, 999, 2 ** 53],
    required: true,
  };
  const badNames = ["", "   ", tooLong(101), tooLong(20_000, "é")];
  const badDescriptions = [tooLong(501), tooLong(20_000, "é")];
  const badKeys = [
    "",
    "Bearer pk_good_fuzz",
    "pk_good fuzz",
    "pk_",
    "pk_good-fuzz",
    "рk_good_fuzz",
    "pk_ɡood_fuzz",
    "pk_good_fuzz１２",
    "PK_good_fuzz",
    `pk_${tooLong(201)}`,
    tooLong(20_000),
  ];
  const apiKey = `pk_good_fuzz${marker}`;
  const options = { count: PER_ACTION, overLimit: 3 };
  switch (action) {
    case "createCredential": {
      const fields = {
        name: { valid: `fuzz ${marker}`, invalid: badNames, required: true },
        description: { valid: "", invalid: badDescriptions },
        apiKey: { valid: apiKey, invalid: badKeys, required: true },
      };
      // A valid form for a connector that does not exist.
      const connectors = [
        ...wrongTypes,
        ...hostileStrings,
        "ClickUp",
        "сlickup",
        "clickup ",
        "clickup\u200b",
        "Ｃｌｉｃｋｕｐ",
        "__proto__",
        "constructor",
        "toString",
        "",
      ];
      const unknownConnector = connectors.map((connector) => ({
        label: `connector=${JSON.stringify(connector)}`,
        body: JSON.stringify([connector, { name: `fuzz ${marker}`, description: "", apiKey }]),
      }));
      return [...objectPayloads(random, { ...options, prefix: ["clickup"], fields }), ...unknownConnector];
    }
    case "createEndpoint":
      return objectPayloads(random, {
        ...options,
        fields: {
          kind: {
            valid: "source",
            invalid: ["Source", "sources", "source ", "ѕource", "destination\u0000", "both"],
            required: true,
          },
          // Optional: without it the command takes the credential's connector (an API script names
          // only the credential), so leaving it out is no malformed call.
          connector: {
            valid: "clickup",
            invalid: ["", tooLong(65), "ClickUp", "сlickup", "clickup\u200b", "__proto__", ...oddStrings],
            required: false,
          },
          credentialId: id,
          name: { valid: `fuzz source ${marker}`, invalid: badNames, required: true },
          // Any other string is a Workspace id to look up (which records a use of the credential).
          workspaceId: {
            valid: "9001",
            invalid: ["", "   ", tooLong(65), tooLong(20_000)],
            hostileInvalid: false,
            required: true,
          },
        },
      });
    case "verify":
    case "delete":
      return objectPayloads(random, { ...options, fields: { id } });
    case "edit":
      return objectPayloads(random, {
        ...options,
        fields: {
          id,
          version,
          name: { valid: `fuzz ${marker}`, invalid: badNames, required: true },
          description: { valid: "fuzz", invalid: badDescriptions, required: true },
        },
      });
    case "replace":
      return objectPayloads(random, {
        ...options,
        fields: {
          id,
          version,
          apiKey: { valid: apiKey, invalid: badKeys, required: true },
          confirmAccountChange: {
            valid: false,
            invalid: ["true", 1, 0, null, [], {}, "yes"],
            wrongTypesInvalid: false,
            hostileInvalid: false,
          },
        },
      });
    case "renameEndpoint":
    case "deleteEndpoint":
      return objectPayloads(random, {
        ...options,
        fields: {
          kind: { valid: "source", invalid: ["Source", "sources", "ѕource", "both", ""], required: true },
          id: { valid: targets.sourceId, invalid: missingIdsLike(targets.sourceId), required: true },
          ...(action === "renameEndpoint"
            ? { name: { valid: `fuzz source ${marker}`, invalid: badNames, required: true } }
            : {}),
        },
      });
    case "createApiKey":
      return objectPayloads(random, {
        ...options,
        fields: {
          name: { valid: `fuzz key ${marker}`, invalid: badNames, required: true },
          // 0 is valid (never expires), so the generic wrong types are listed here without it.
          expiresInDays: {
            valid: 30,
            invalid: [-1, -0.5, 1.5, 3651, 2 ** 53, 1e308, "30", "", null, true, [], [30], {}],
            wrongTypesInvalid: false,
          },
        },
      });
    case "revokeApiKey":
      return objectPayloads(random, {
        ...options,
        fields: { id: { valid: targets.apiKeyId, invalid: missingIdsLike(targets.apiKeyId), required: true } },
      });
    default:
      throw new Error(`no payloads for ${action}`);
  }
}

test("hundreds of malformed calls to each mutating server action are refused as data: no 500, nothing stored or changed", async ({
  page,
}) => {
  // The page's own request context: it carries the signed-in session cookie.
  const request = page.request;
  test.setTimeout(400_000);
  const target = uniqueName("Fuzz target");
  await setUpAdmin(page, app.url);
  const learned = await learnActions(page, target, uniqueName("Fuzz spare"));
  const actions: Record<string, CapturedAction> = learned.actions;
  const targets = { credential: credentialRow(target), sourceId: learned.sourceId, apiKeyId: learned.apiKeyId };
  const random = seededRandom(seed);
  const before = snapshotTables(database.file);
  const outputBefore = app.output().length;
  const problems: string[] = [];
  let sent = 0;

  const cpuBefore = { app: app.cpuSeconds(), test: process.cpuUsage() };
  for (const [name, action] of Object.entries(actions)) {
    const payloads = payloadsFor(name, targets, random);
    expect(payloads.length, name).toBeGreaterThanOrEqual(PER_ACTION);
    const queue = [...payloads];
    const worker = async () => {
      for (let payload = queue.shift(); payload; payload = queue.shift()) {
        const overLimit = Buffer.byteLength(payload.body) > 32 * 1024;
        const response = await postAction(request, action, payload.body, app.url);
        const body = await response.text();
        const result = actionResult(body);
        sent += 1;
        const where = `${name} [${payload.label}] -> ${response.status()} ${body.slice(0, 200)} for ${payload.body.slice(0, 300)}`;
        if (overLimit) {
          // Refused before parsing, by proxy.ts, as too large.
          if (response.status() !== 413 || result !== undefined)
            problems.push(`over the limit but not a 413: ${where}`);
        } else if (response.status() !== 200 || result?.ok !== false || /Something went wrong/.test(body)) {
          problems.push(where);
        }
      }
    };
    await Promise.all(Array.from({ length: PARALLEL_REQUESTS }, worker));
  }
  const cpu = process.cpuUsage(cpuBefore.test);
  const cpuSeconds = app.cpuSeconds() - cpuBefore.app + (cpu.user + cpu.system) / 1e6;

  expect(problems, `seed ${seed}`).toEqual([]);
  expect(sent).toBeGreaterThanOrEqual(Object.keys(actions).length * PER_ACTION);
  expect(snapshotTables(database.file), `database changed (seed ${seed})`).toEqual(before);
  // No call got as far as ClickUp, and none hit an unexpected error (those are logged, without inputs).
  const fake = (await (await fetch(`${E2E.fakeClickUpUrl}/__fake/requests`)).json()) as {
    authorization: string | null;
  }[];
  expect(fake.filter((entry) => entry.authorization?.includes("fuzz"))).toEqual([]);
  expect(app.output().slice(outputBefore)).not.toMatch(/\[(credentials|endpoints)\] [\w ]+ failed/);
  // The bound is on CPU time (the server's and this test's), not the wall clock: on a shared
  // two-core machine under load the same calls took 25 s or 115 s of wall time.
  expect(cpuSeconds, "CPU seconds for all the calls").toBeLessThan(10 * Object.keys(actions).length);
});
