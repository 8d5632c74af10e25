import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { and, eq } from "drizzle-orm";
import { auditLog, users } from "@/db/schema";
import type { Actor } from "@/lib/authz/actor";
import { createFixtures, type Fixtures } from "@/lib/test/fixtures";
import { createTestDb, TEST_ENGINES, type TestDb } from "@/lib/test/db";
import { hashPassword } from "./password";
import { LOCK_MINUTES, MAX_FAILED_SIGN_INS, verifyCredentials } from "./verify-credentials";

const RIGHT = "correct horse battery staple";
const WRONG = "wrong password";
const MINUTE = 60_000;

/**
 * The sign-in lockout (issue #2): after MAX_FAILED_SIGN_INS failures in a row the account is locked for
 * LOCK_MINUTES, even the right password is refused meanwhile, the lock lifts by itself, a success starts the
 * count again, and failures that arrive at the same moment are each counted. `now` is injected, so no test waits.
 */
describe.each(TEST_ENGINES)("sign-in lockout (%s)", (engine) => {
  let t: TestDb;
  let f: Fixtures;
  let orgId: string;
  let passwordHash: string;

  beforeAll(async () => {
    t = await createTestDb(engine);
    f = await createFixtures(t.db);
    orgId = (await f.organization({ party: "inpit", prefecture: 17 })).id;
    passwordHash = await hashPassword(RIGHT);
  });
  afterAll(() => t?.cleanup());

  /** A user who can sign in with RIGHT; the e-mail is typed back in another case to prove it is folded. */
  async function account(): Promise<{ actor: Actor; email: string }> {
    const actor = await f.user(orgId);
    await t.db.update(users).set({ passwordHash }).where(eq(users.id, actor.userId));
    const [row] = await t.db.select({ email: users.email }).from(users).where(eq(users.id, actor.userId));
    return { actor, email: row!.email };
  }
  const stored = async (actor: Actor) =>
    (await t.db.select({ failed: users.failedSignInCount, lockedUntil: users.lockedUntil }).from(users).where(eq(users.id, actor.userId)))[0]!;
  const auditActions = async (actor: Actor, action: string) =>
    t.db.select().from(auditLog).where(and(eq(auditLog.entityId, actor.userId), eq(auditLog.action, action)));
  const at = (start: Date, minutes: number) => new Date(start.getTime() + minutes * MINUTE);

  it(`locks the account for ${LOCK_MINUTES} minutes on the ${MAX_FAILED_SIGN_INS}th failure in a row`, async () => {
    const { actor, email } = await account();
    const start = new Date("2026-04-01T09:00:00+09:00");
    for (let attempt = 1; attempt < MAX_FAILED_SIGN_INS; attempt += 1) {
      expect(await verifyCredentials(t.db, email, WRONG, at(start, attempt))).toEqual({ ok: false, reason: "invalid" });
      expect((await stored(actor)).failed).toBe(attempt);
    }
    const locking = at(start, MAX_FAILED_SIGN_INS);
    const locked = await verifyCredentials(t.db, email, WRONG, locking);
    expect(locked).toEqual({ ok: false, reason: "locked", lockedUntil: at(locking, LOCK_MINUTES) });
    expect(await stored(actor)).toEqual({ failed: 0, lockedUntil: at(locking, LOCK_MINUTES) });
    expect(await auditActions(actor, "auth.sign_in_failed")).toHaveLength(MAX_FAILED_SIGN_INS - 1);
    expect(await auditActions(actor, "auth.locked")).toHaveLength(1);
  });

  it("refuses the right password while locked, and lets it in once the lock has run out", async () => {
    const { actor, email } = await account();
    const start = new Date("2026-04-02T09:00:00+09:00");
    for (let attempt = 0; attempt < MAX_FAILED_SIGN_INS; attempt += 1) await verifyCredentials(t.db, email, WRONG, start);
    const lockedUntil = at(start, LOCK_MINUTES);

    for (const when of [at(start, 1), at(start, LOCK_MINUTES - 0.001)]) {
      expect(await verifyCredentials(t.db, email, RIGHT, when)).toEqual({ ok: false, reason: "locked", lockedUntil });
    }
    // A locked account does not count further failures (nor extend the lock): nothing is checked at all.
    expect(await verifyCredentials(t.db, email, WRONG, at(start, 2))).toEqual({ ok: false, reason: "locked", lockedUntil });
    expect(await stored(actor)).toEqual({ failed: 0, lockedUntil });
    expect(await auditActions(actor, "auth.sign_in_refused_locked")).toHaveLength(3);
    expect(await auditActions(actor, "auth.sign_in")).toHaveLength(0);

    const after = await verifyCredentials(t.db, email.toUpperCase(), RIGHT, at(start, LOCK_MINUTES));
    expect(after).toMatchObject({ ok: true, userId: actor.userId });
    expect(await stored(actor)).toEqual({ failed: 0, lockedUntil: null });
    expect(await auditActions(actor, "auth.sign_in")).toHaveLength(1);
  });

  it("starts the count again after a successful sign-in: failures must be in a row", async () => {
    const { actor, email } = await account();
    const now = new Date("2026-04-03T09:00:00+09:00");
    for (let attempt = 1; attempt < MAX_FAILED_SIGN_INS; attempt += 1) await verifyCredentials(t.db, email, WRONG, now);
    expect((await stored(actor)).failed).toBe(MAX_FAILED_SIGN_INS - 1);

    expect(await verifyCredentials(t.db, email, RIGHT, now)).toMatchObject({ ok: true });
    expect((await stored(actor)).failed).toBe(0);

    for (let attempt = 1; attempt < MAX_FAILED_SIGN_INS; attempt += 1) {
      expect(await verifyCredentials(t.db, email, WRONG, now)).toEqual({ ok: false, reason: "invalid" });
    }
    expect(await stored(actor)).toEqual({ failed: MAX_FAILED_SIGN_INS - 1, lockedUntil: null });
    expect(await verifyCredentials(t.db, email, WRONG, now)).toMatchObject({ ok: false, reason: "locked" });
  });

  it("counts failed attempts that arrive at the same moment, each one: the account still locks", async () => {
    const { actor, email } = await account();
    const now = new Date("2026-04-04T09:00:00+09:00");
    // On PostgreSQL these run on separate connections at once; a read-modify-write counter would let them
    // all read 0 and write 1, and the account would never lock.
    const results = await Promise.all(Array.from({ length: MAX_FAILED_SIGN_INS }, () => verifyCredentials(t.db, email, WRONG, now)));

    expect(results.filter((r) => !r.ok && r.reason === "invalid")).toHaveLength(MAX_FAILED_SIGN_INS - 1);
    expect(results.filter((r) => !r.ok && r.reason === "locked")).toHaveLength(1);
    expect(await stored(actor)).toEqual({ failed: 0, lockedUntil: at(now, LOCK_MINUTES) });
    expect(await auditActions(actor, "auth.locked")).toHaveLength(1);
    expect(await verifyCredentials(t.db, email, RIGHT, at(now, 1))).toMatchObject({ ok: false, reason: "locked" });
  });

  it("counts a failure against an existing account only; an unknown e-mail is refused the same way, without a trace", async () => {
    const { actor, email } = await account();
    const now = new Date("2026-04-05T09:00:00+09:00");
    expect(await verifyCredentials(t.db, `nobody-${email}`, RIGHT, now)).toEqual({ ok: false, reason: "invalid" });
    expect(await stored(actor)).toEqual({ failed: 0, lockedUntil: null });
  });
});
