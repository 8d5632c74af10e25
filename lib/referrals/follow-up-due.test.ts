import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { and, eq, inArray } from "drizzle-orm";
import { notifications, referrals, users } from "@/db/schema";
import type { Actor } from "@/lib/authz/actor";
import { notificationMessage } from "@/lib/api/notifications";
import { createFixtures, type Fixtures } from "@/lib/test/fixtures";
import { createTestDb, TEST_ENGINES, type TestDb } from "@/lib/test/db";
import { countReferralsForOrg } from "./counts";
import { notifyFollowUpDueReferrals } from "./follow-up-due";

/** The logged referrals below are to be followed up on Tuesday 10 June 2025. */
const FOLLOW_UP_ON = "2025-06-10";
const LAST_MINUTE_BEFORE = new Date("2025-06-09T14:59:59Z"); // Monday 23:59:59 in Japan
const FIRST_MINUTE_OF_DAY = new Date("2025-06-09T15:00:00Z"); // Tuesday 00:00 in Japan, still Monday in UTC

describe.each(TEST_ENGINES)("logged referrals whose follow-up date has come (%s)", (engine) => {
  let t: TestDb;
  let f: Fixtures;

  beforeAll(async () => {
    t = await createTestDb(engine);
    f = await createFixtures(t.db);
  });
  afterAll(() => t?.cleanup());

  /** A chamber that logs referrals to bodies outside Renkei, and a desk it also refers to inside Renkei. */
  async function chamber() {
    const org = await f.organization({ party: "jcci", prefecture: 17 });
    const advisor = await f.user(org, "coordinator");
    const manager = await f.user(org, "manager");
    const desk = await f.organization({ party: "inpit", prefecture: 17 });
    const deskCoordinator = await f.user(desk, "coordinator");
    const company = await f.company({ prefecture: 17, createdBy: advisor });
    /** A referral logged to よろず支援拠点, as the send action stores one, in the given state. */
    const logged = async (status: "logged" | "completed" = "logged", from: Actor = advisor) => {
      const row = await f.referral({ from, to: desk, company, status: status === "logged" ? "sent" : "completed" });
      const [updated] = await t.db
        .update(referrals)
        .set({ toOrgId: null, externalRecipient: "石川県よろず支援拠点", followUpOn: FOLLOW_UP_ON, respondBy: null, status })
        .where(eq(referrals.id, row.id))
        .returning();
      return updated!;
    };
    return { org, advisor, manager, desk, deskCoordinator, company, logged };
  }

  const followUpNotices = (referralIds: string[]) =>
    t.db
      .select()
      .from(notifications)
      .where(and(eq(notifications.kind, "referral.follow_up_due"), inArray(notifications.entityId, referralIds)));

  it("tells the sender once, from the follow-up day in Japan, with the outside body and the date", async () => {
    const c = await chamber();
    const referral = await c.logged();
    expect(await notifyFollowUpDueReferrals(t.db, { now: LAST_MINUTE_BEFORE, forOrgId: c.org.id })).toBe(0);
    expect(await notifyFollowUpDueReferrals(t.db, { now: FIRST_MINUTE_OF_DAY, forOrgId: c.org.id })).toBe(1);

    const notices = await followUpNotices([referral.id]);
    expect(notices.map((n) => n.userId)).toEqual([c.advisor.userId]);
    expect(notices[0]!.params).toEqual({
      code: referral.code,
      companyName: c.company.name,
      recipient: "石川県よろず支援拠点",
      followUpOn: FOLLOW_UP_ON,
    });
    expect(notificationMessage("ja", { kind: "referral.follow_up_due", params: notices[0]!.params })).toBe(
      `Renkei外の石川県よろず支援拠点へ繋いだ連携 ${referral.code}（${c.company.name}）のフォローアップ予定日（2025年6月10日(火)）になりました。企業に結果を確認してください。`,
    );

    // Later page loads and a nightly job find it already told.
    expect(await notifyFollowUpDueReferrals(t.db, { now: FIRST_MINUTE_OF_DAY, forOrgId: c.org.id })).toBe(0);
    await notifyFollowUpDueReferrals(t.db, { now: new Date("2025-07-01T00:00:00Z") });
    expect(await followUpNotices([referral.id])).toHaveLength(1);
  });

  it("agrees with the outbox badge: counted from the same day", async () => {
    const c = await chamber();
    await c.logged();
    expect((await countReferralsForOrg(t.db, c.advisor, LAST_MINUTE_BEFORE)).outbox.followUpDue).toBe(0);
    expect((await countReferralsForOrg(t.db, c.advisor, FIRST_MINUTE_OF_DAY)).outbox.followUpDue).toBe(1);
  });

  it("reaches the chamber's managers when the sender has left", async () => {
    const c = await chamber();
    const referral = await c.logged();
    await t.db.update(users).set({ isActive: false }).where(eq(users.id, c.advisor.userId));
    await notifyFollowUpDueReferrals(t.db, { now: FIRST_MINUTE_OF_DAY, forOrgId: c.org.id });
    expect((await followUpNotices([referral.id])).map((n) => n.userId)).toEqual([c.manager.userId]);
  });

  it("skips a followed-up (closed) logged referral, and leaves other organizations to their own page loads", async () => {
    const mine = await chamber();
    const theirs = await chamber();
    const closed = await mine.logged("completed");
    const theirReferral = await theirs.logged();
    expect(await notifyFollowUpDueReferrals(t.db, { now: FIRST_MINUTE_OF_DAY, forOrgId: mine.org.id })).toBe(0);
    // The desk it was not sent to hears nothing either.
    expect(await notifyFollowUpDueReferrals(t.db, { now: FIRST_MINUTE_OF_DAY, forOrgId: theirs.desk.id })).toBe(0);
    expect(await followUpNotices([closed.id, theirReferral.id])).toEqual([]);
  });

  it("creates each notice once when two page loads run at the same moment", async () => {
    const c = await chamber();
    const logged = [await c.logged(), await c.logged()];
    const created = await Promise.all([
      notifyFollowUpDueReferrals(t.db, { now: FIRST_MINUTE_OF_DAY, forOrgId: c.org.id }),
      notifyFollowUpDueReferrals(t.db, { now: FIRST_MINUTE_OF_DAY, forOrgId: c.org.id }),
      notifyFollowUpDueReferrals(t.db, { now: FIRST_MINUTE_OF_DAY, forOrgId: c.org.id }),
    ]);
    expect(created.reduce((sum, n) => sum + n, 0)).toBe(2);
    expect(await followUpNotices(logged.map((r) => r.id))).toHaveLength(2);
  });
});
