import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { and, eq, inArray } from "drizzle-orm";
import { notifications, referrals } from "@/db/schema";
import { createFixtures, type Fixtures } from "@/lib/test/fixtures";
import { createTestDb, TEST_ENGINES, type TestDb } from "@/lib/test/db";
import { notifyDueReferrals } from "./due-notices";

/** The fixtures' referrals are due on Tuesday 10 June 2025; the logged one is to be followed up that day too. */
const WEDNESDAY_MORNING = new Date("2025-06-10T23:00:00Z"); // 08:00 on Wednesday 11 June in Japan

describe.each(TEST_ENGINES)("the scheduled due-notices job (%s)", (engine) => {
  let t: TestDb;
  let f: Fixtures;

  beforeAll(async () => {
    t = await createTestDb(engine);
    f = await createFixtures(t.db);
  });
  afterAll(() => t?.cleanup());

  it("tells every organization of overdue and follow-up-due referrals at once, and only once", async () => {
    const chamber = await f.organization({ party: "jcci", prefecture: 17 });
    const advisor = await f.user(chamber, "coordinator");
    const desks = [await f.organization({ party: "inpit", prefecture: 17 }), await f.organization({ party: "inpit", prefecture: 2 })];
    const deskPeople = [await f.user(desks[0]!, "coordinator"), await f.user(desks[1]!, "coordinator")];
    const company = await f.company({ prefecture: 17, createdBy: advisor });
    const overdue = [
      await f.referral({ from: advisor, to: desks[0]!, company, status: "sent" }),
      await f.referral({ from: advisor, to: desks[1]!, company, status: "sent" }),
    ];
    await f.referral({ from: advisor, to: desks[0]!, company, status: "accepted" }); // answered: nothing to say
    const toLog = await f.referral({ from: advisor, to: desks[0]!, company, status: "sent" });
    const [logged] = await t.db
      .update(referrals)
      .set({ toOrgId: null, externalRecipient: "石川県よろず支援拠点", followUpOn: "2025-06-10", respondBy: null, status: "logged" })
      .where(eq(referrals.id, toLog.id))
      .returning();

    expect(await notifyDueReferrals(t.db, WEDNESDAY_MORNING)).toEqual({ overdue: 2, followUpDue: 1 });
    const notices = await t.db
      .select({ userId: notifications.userId, kind: notifications.kind, entityId: notifications.entityId })
      .from(notifications)
      .where(inArray(notifications.entityId, [...overdue.map((r) => r.id), logged!.id]));
    // Both desks hear of what they owe, and the sender of all three.
    expect(notices.filter((n) => n.kind === "referral.overdue" && n.userId === deskPeople[0]!.userId).map((n) => n.entityId)).toEqual([overdue[0]!.id]);
    expect(notices.filter((n) => n.kind === "referral.overdue" && n.userId === deskPeople[1]!.userId).map((n) => n.entityId)).toEqual([overdue[1]!.id]);
    expect(notices.filter((n) => n.userId === advisor.userId).map((n) => `${n.kind}:${n.entityId}`).sort()).toEqual(
      [`referral.overdue:${overdue[0]!.id}`, `referral.overdue:${overdue[1]!.id}`, `referral.follow_up_due:${logged!.id}`].sort(),
    );

    // The next morning's run, and the bell of any organization, find nothing new.
    expect(await notifyDueReferrals(t.db, new Date(WEDNESDAY_MORNING.getTime() + 86_400_000))).toEqual({ overdue: 0, followUpDue: 0 });
    const again = await t.db.select({ id: notifications.id }).from(notifications).where(and(inArray(notifications.entityId, overdue.map((r) => r.id))));
    expect(again).toHaveLength(notices.filter((n) => n.kind === "referral.overdue").length);
  });
});
