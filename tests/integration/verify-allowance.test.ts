import { randomBytes } from "node:crypto";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";

import type { Caller, Person } from "@/lib/auth/person";

import { setUpIntegrationTests } from "./setup";

// "Verify now" spends the owner's ClickUp allowance (about 100 calls a minute per token), whoever
// presses it: a per-credential cap in the database (so across workers and instances) bounds it,
// and repeated identical checks fill one Activity entry instead of one row each.

// The first save of a file loads the app and warms the database: seconds on a loaded 2-core machine.
vi.setConfig({ testTimeout: 30_000 });
const { clickUp } = await setUpIntegrationTests();
const [{ createCredential }, { verifyCredential }, { shareCredential }, { listCredentialEvents }, dbModule] =
  await Promise.all([
    import("@/lib/credentials/create-credential"),
    import("@/lib/credentials/verify-credential"),
    import("@/lib/credentials/share-credential"),
    import("@/lib/credentials/queries"),
    import("@/lib/db/client"),
  ]);
const db = dbModule.getDb();

const MINUTE = 60_000;
/** Verifications of one credential a minute: with Workspace listing's 20, under a third of ClickUp's 100. */
const CAP = 10;
const person = (id: string): Person => ({
  id,
  name: `${id[0].toUpperCase()}${id.slice(1)}`,
  email: `${id}@example.test`,
  role: "member",
});
const mia = person("mia");
const max = person("max");
const zoe = person("zoe");
// Each call from its own client address: only the per-credential cap can refuse them.
let calls = 0;
const caller = (someone: Person): Caller => ({ person: someone, clientKey: `verify-allowance-${++calls}` });
const goodToken = () => `pk_good_${randomBytes(10).toString("hex")}`;
const userCalls = () => clickUp.requests.filter((request) => request.path === "/api/v2/user").length;
let now: number;

/** Mia's credential, shared with Max and Zoe, each a second apart, before the test's checks. */
async function sharedCredential(token = goodToken()) {
  vi.setSystemTime(now - 20_000);
  const created = await createCredential(caller(mia), { connector: "clickup", name: "Team ClickUp", apiKey: token });
  if (!created.ok) throw new Error(created.message);
  for (const [index, someone] of [max, zoe].entries()) {
    vi.setSystemTime(now - 19_000 + index * 1000);
    expect(await shareCredential(caller(mia), { id: created.data.id, userId: someone.id })).toEqual({
      ok: true,
      data: null,
    });
  }
  vi.setSystemTime(now);
  clickUp.requests.length = 0;
  return { id: created.data.id, token };
}

const summary = async (id: string) =>
  (await listCredentialEvents(id)).map((event) => `${event.type} by ${event.actorName} x${event.times}`);

beforeEach(async () => {
  await db.$transaction([
    db.endpoint.deleteMany(),
    db.credentialShare.deleteMany(),
    db.credential.deleteMany(),
    db.credentialEvent.deleteMany(),
    db.rateLimitWindow.deleteMany(),
    db.user.deleteMany(),
  ]);
  for (const someone of [mia, max, zoe])
    await db.user.create({ data: { id: someone.id, name: someone.name, email: someone.email, role: someone.role } });
  clickUp.requests.length = 0;
  clickUp.revokedTokens.clear();
  // Only Date is frozen, half-way through a window, so no test straddles two windows by accident.
  now = Math.floor(Date.now() / MINUTE) * MINUTE + 30_000;
  vi.useFakeTimers({ toFake: ["Date"], now });
});

afterEach(() => {
  vi.useRealTimers();
});

describe("Verify now on a credential is capped per credential, whoever presses it", () => {
  it("stops a sharee at the cap, sends nothing more to ClickUp, and says when to retry", async () => {
    const { id } = await sharedCredential();
    for (let i = 0; i < CAP; i++) expect((await verifyCredential(caller(max), { id })).ok).toBe(true);
    expect(userCalls()).toBe(CAP);

    const refused = await verifyCredential(caller(max), { id });
    expect(refused).toEqual({
      ok: false,
      reason: "rate-limited",
      message: expect.stringMatching(/verified too often.*Nothing was sent to ClickUp.*try again in \d+ seconds/),
      retryAt: new Date(now - 30_000 + MINUTE).toISOString(),
    });
    // The cap is the credential's: another sharee, and the owner, are refused in the same minute.
    expect(await verifyCredential(caller(zoe), { id })).toMatchObject({ ok: false, reason: "rate-limited" });
    expect(await verifyCredential(caller(mia), { id })).toMatchObject({ ok: false, reason: "rate-limited" });
    expect(userCalls()).toBe(CAP);

    // The next minute, verifying works again.
    vi.setSystemTime(now + MINUTE);
    expect((await verifyCredential(caller(mia), { id })).ok).toBe(true);
    expect(userCalls()).toBe(CAP + 1);
  });

  it("counts each credential on its own", async () => {
    const first = await sharedCredential();
    for (let i = 0; i < CAP; i++) await verifyCredential(caller(max), { id: first.id });
    const other = await createCredential(caller(mia), { connector: "clickup", name: "Other", apiKey: goodToken() });
    if (!other.ok) throw new Error(other.message);
    expect((await verifyCredential(caller(mia), { id: other.data.id })).ok).toBe(true);
  });
});

describe("repeated checks in the Activity", () => {
  it("folds identical verifications by one person into one entry that counts them and says when the last was", async () => {
    const { id } = await sharedCredential();
    for (let i = 0; i < 3; i++) {
      vi.setSystemTime(now + i * 1000);
      expect((await verifyCredential(caller(max), { id })).ok).toBe(true);
    }
    const [latest] = await listCredentialEvents(id);
    expect(latest).toMatchObject({
      type: "verified",
      actorName: "Max",
      times: 3,
      createdAt: new Date(now).toISOString(),
      lastAt: new Date(now + 2000).toISOString(),
    });
    expect(await summary(id)).toEqual([
      "verified by Max x3",
      "shared by Mia x1",
      "shared by Mia x1",
      "created by Mia x1",
    ]);
  });

  it("keeps a new entry for another person, another outcome, or a check more than an hour after the entry began", async () => {
    const { id, token } = await sharedCredential();
    vi.setSystemTime(now + 1000);
    await verifyCredential(caller(max), { id });
    vi.setSystemTime(now + 2000);
    await verifyCredential(caller(max), { id });
    vi.setSystemTime(now + 3000);
    await verifyCredential(caller(zoe), { id });
    vi.setSystemTime(now + 4000);
    clickUp.revokedTokens.add(token);
    await verifyCredential(caller(zoe), { id });
    vi.setSystemTime(now + 5000);
    await verifyCredential(caller(zoe), { id });
    vi.setSystemTime(now + 5500);
    await verifyCredential(caller(zoe), { id });
    clickUp.revokedTokens.delete(token);
    vi.setSystemTime(now + 6000);
    await verifyCredential(caller(zoe), { id });
    vi.setSystemTime(now + 7000);
    await verifyCredential(caller(zoe), { id });
    // An hour after Zoe's last entry began, the next one starts afresh (the cap's window is long past).
    vi.setSystemTime(now + 7000 + 60 * MINUTE);
    await verifyCredential(caller(zoe), { id });
    // The checks that broke the credential and that recovered it are each its one change-of-state entry.
    expect((await summary(id)).slice(0, 7)).toEqual([
      "verified by Zoe x1",
      "verified by Zoe x1",
      "state_changed by Zoe x1",
      "verify_failed by Zoe x2",
      "state_changed by Zoe x1",
      "verified by Zoe x1",
      "verified by Max x2",
    ]);
  });
});
