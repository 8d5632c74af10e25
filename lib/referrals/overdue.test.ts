import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { and, eq, inArray } from "drizzle-orm";
import { notifications, referrals } from "@/db/schema";
import type { Actor } from "@/lib/authz/actor";
import { createFixtures, type Fixtures } from "@/lib/test/fixtures";
import { createTestDb, TEST_ENGINES, type TestDb } from "@/lib/test/db";
import { countOverdueForOrg, notifyOverdueReferrals } from "./overdue";

/** The fixtures' referrals are due on Tuesday 10 June 2025. */
const DUE = "2025-06-10";
const LAST_MINUTE_OF_DUE_DAY = new Date("2025-06-10T14:59:59Z"); // 23:59:59 in Japan
const FIRST_MINUTE_AFTER = new Date("2025-06-10T15:00:00Z"); // Wednesday 00:00 in Japan, still Tuesday in UTC

describe.each(TEST_ENGINES)("overdue referrals (%s)", (engine) => {
  let t: TestDb;
  let f: Fixtures;

  beforeAll(async () => {
    t = await createTestDb(engine);
    f = await createFixtures(t.db);
  });
  afterAll(() => t?.cleanup());

  /** A fresh pair of organizations, so that each test counts only its own referrals. */
  async function pair() {
    const senderOrg = await f.organization({ party: "jcci", prefecture: 17 });
    const receiverOrg = await f.organization({ party: "inpit", prefecture: 17 });
    const sender = await f.user(senderOrg, "coordinator");
    const receiver = await f.user(receiverOrg, "coordinator");
    const receiverManager = await f.user(receiverOrg, "manager");
    const company = await f.company({ prefecture: 17, createdBy: sender });
    const refer = (status: Parameters<Fixtures["referral"]>[0]["status"] = "sent", from: Actor = sender) =>
      f.referral({ from, to: receiverOrg, company, status });
    return { senderOrg, receiverOrg, sender, receiver, receiverManager, company, refer };
  }

  describe("countOverdueForOrg", () => {
    it("counts an unanswered referral from the day after its answer date, in Japan time, on both sides", async () => {
      const p = await pair();
      const referral = await p.refer("sent");
      expect(referral.respondBy).toBe(DUE);
      expect(await countOverdueForOrg(t.db, p.receiver, LAST_MINUTE_OF_DUE_DAY)).toEqual({ inbox: 0, outbox: 0 });
      expect(await countOverdueForOrg(t.db, p.receiver, FIRST_MINUTE_AFTER)).toEqual({ inbox: 1, outbox: 0 });
      expect(await countOverdueForOrg(t.db, p.sender, FIRST_MINUTE_AFTER)).toEqual({ inbox: 0, outbox: 1 });
    });

    it("does not count answered, closed or logged referrals", async () => {
      const p = await pair();
      for (const status of ["accepted", "declined", "in_progress", "completed", "withdrawn", "revoked"] as const) await p.refer(status);
      await p.refer("sent");
      expect(await countOverdueForOrg(t.db, p.receiverManager, FIRST_MINUTE_AFTER)).toEqual({ inbox: 1, outbox: 0 });
    });

    it("counts nothing for a third organization or an administrator", async () => {
      const p = await pair();
      await p.refer("sent");
      const outsider = await f.user(await f.organization({ party: "inpit", prefecture: 16 }), "manager");
      const admin = await f.user(f.systemOrgId, "admin");
      expect(await countOverdueForOrg(t.db, outsider, FIRST_MINUTE_AFTER)).toEqual({ inbox: 0, outbox: 0 });
      expect(await countOverdueForOrg(t.db, admin, FIRST_MINUTE_AFTER)).toEqual({ inbox: 0, outbox: 0 });
    });
  });

  describe("notifyOverdueReferrals", () => {
    const overdueNotices = (referralIds: string[]) =>
      t.db
        .select()
        .from(notifications)
        .where(and(eq(notifications.kind, "referral.overdue"), inArray(notifications.entityId, referralIds)));

    it("tells the receiving desk and the sender once, each with the other side's name", async () => {
      const p = await pair();
      const referral = await p.refer("sent");
      expect(await notifyOverdueReferrals(t.db, { now: LAST_MINUTE_OF_DUE_DAY, forOrgId: p.receiverOrg.id })).toBe(0);
      expect(await notifyOverdueReferrals(t.db, { now: FIRST_MINUTE_AFTER, forOrgId: p.receiverOrg.id })).toBe(1);

      const notices = await overdueNotices([referral.id]);
      expect(notices.map((n) => n.userId).sort()).toEqual([p.sender.userId, p.receiver.userId, p.receiverManager.userId].sort());
      const toReceiver = notices.find((n) => n.userId === p.receiver.userId)!;
      const toSender = notices.find((n) => n.userId === p.sender.userId)!;
      expect(toReceiver.params).toEqual({ code: referral.code, companyName: p.company.name, respondBy: DUE, orgName: p.senderOrg.nameJa });
      expect(toSender.params).toMatchObject({ orgName: p.receiverOrg.nameJa });

      // Later page loads and the nightly job find it already told.
      expect(await notifyOverdueReferrals(t.db, { now: FIRST_MINUTE_AFTER, forOrgId: p.senderOrg.id })).toBe(0);
      await notifyOverdueReferrals(t.db, { now: new Date("2025-07-01T00:00:00Z") }); // the nightly job, for everyone
      expect(await overdueNotices([referral.id])).toHaveLength(3);
    });

    it("creates each notice once when two page loads run at the same moment", async () => {
      const p = await pair();
      const referrals = [await p.refer("sent"), await p.refer("sent")];
      const created = await Promise.all([
        notifyOverdueReferrals(t.db, { now: FIRST_MINUTE_AFTER, forOrgId: p.receiverOrg.id }),
        notifyOverdueReferrals(t.db, { now: FIRST_MINUTE_AFTER, forOrgId: p.senderOrg.id }),
        notifyOverdueReferrals(t.db, { now: FIRST_MINUTE_AFTER, forOrgId: p.receiverOrg.id }),
      ]);
      expect(created.reduce((sum, n) => sum + n, 0)).toBe(2);
      expect(await overdueNotices(referrals.map((r) => r.id))).toHaveLength(2 * 3);
    });

    it("leaves other organizations' referrals to their own page loads, and skips answered ones", async () => {
      const mine = await pair();
      const theirs = await pair();
      const theirReferral = await theirs.refer("sent");
      const answered = await mine.refer("accepted");
      expect(await notifyOverdueReferrals(t.db, { now: FIRST_MINUTE_AFTER, forOrgId: mine.receiverOrg.id })).toBe(0);
      expect(await overdueNotices([theirReferral.id, answered.id])).toEqual([]);
    });

    it("stops counting a referral once it is answered", async () => {
      const p = await pair();
      const referral = await p.refer("sent");
      await t.db.update(referrals).set({ status: "accepted" }).where(eq(referrals.id, referral.id));
      expect(await countOverdueForOrg(t.db, p.receiver, FIRST_MINUTE_AFTER)).toEqual({ inbox: 0, outbox: 0 });
    });
  });
});
