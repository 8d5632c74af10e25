import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runAction } from "@/lib/authz/action";
import { createFixtures, type Fixtures } from "@/lib/test/fixtures";
import { createTestDb, TEST_ENGINES, type TestDb } from "@/lib/test/db";
import { keyed } from "@/lib/test/keyed";
import { todayInJst } from "@/lib/format/fiscal-year";
import { addCalendarDays } from "./business-days";
import { countReferralsForOrg } from "./counts";
import { sendReferral } from "./send-referral";

/** The fixtures' referrals are due on 10 June 2025; this is the next day in Japan. */
const AFTER_DUE = new Date("2025-06-10T15:00:00Z");
const ON_DUE_DAY = new Date("2025-06-10T14:59:59Z");

describe.each(TEST_ENGINES)("referral counts of an organization (%s)", (engine) => {
  let t: TestDb;
  let f: Fixtures;

  beforeAll(async () => {
    t = await createTestDb(engine);
    f = await createFixtures(t.db);
  });
  afterAll(() => t?.cleanup());

  async function pair() {
    const senderOrg = await f.organization({ party: "jcci", prefecture: 17 });
    const receiverOrg = await f.organization({ party: "inpit", prefecture: 17 });
    const sender = await f.user(senderOrg);
    const receiver = await f.user(receiverOrg);
    const company = await f.company({ prefecture: 17, createdBy: sender });
    const refer = (status: Parameters<Fixtures["referral"]>[0]["status"]) => f.referral({ from: sender, to: receiverOrg, company, status });
    return { sender, receiver, company, refer };
  }

  it("counts each box by status, with what awaits an answer and what is overdue, the same on both sides", async () => {
    const p = await pair();
    await p.refer("sent");
    await p.refer("sent");
    await p.refer("accepted");
    await p.refer("completed");
    await p.refer("declined");

    const receiver = await countReferralsForOrg(t.db, p.receiver, AFTER_DUE);
    expect(receiver.inbox).toMatchObject({ total: 5, awaitingAnswer: 2, overdue: 2, followUpDue: 0 });
    expect(receiver.inbox.byStatus).toMatchObject({ sent: 2, accepted: 1, completed: 1, declined: 1, in_progress: 0, logged: 0 });
    expect(receiver.outbox.total).toBe(0);

    const sender = await countReferralsForOrg(t.db, p.sender, AFTER_DUE);
    expect(sender.outbox).toMatchObject({ total: 5, awaitingAnswer: 2, overdue: 2 });
    expect(sender.inbox.total).toBe(0);

    // On the answer date itself nothing is overdue yet: the receiver has until the end of that day.
    expect((await countReferralsForOrg(t.db, p.receiver, ON_DUE_DAY)).inbox.overdue).toBe(0);
  });

  it("counts a logged referral's follow-up for the sender once its date has come", async () => {
    const p = await pair();
    const consent = await f.consent(p.company, p.sender);
    const followUpOn = addCalendarDays(todayInJst(), 3);
    const sent = await runAction(
      sendReferral,
      keyed({ companyId: p.company.id, consentId: consent.id, externalRecipient: "よろず支援拠点 石川", followUpOn, service: "management_consultation", reason: "販路" }),
      { actorUserId: p.sender.userId, db: t.db },
    );
    expect(sent.ok).toBe(true);
    const before = await countReferralsForOrg(t.db, p.sender);
    expect(before.outbox).toMatchObject({ total: 1, followUpDue: 0, awaitingAnswer: 0 });
    expect(before.outbox.byStatus.logged).toBe(1);
    const onTheDay = new Date(`${followUpOn}T00:00:00+09:00`);
    expect((await countReferralsForOrg(t.db, p.sender, onTheDay)).outbox.followUpDue).toBe(1);
  });

  it("counts nothing for a third organization or an administrator", async () => {
    const p = await pair();
    await p.refer("sent");
    const outsider = await f.user(await f.organization({ party: "inpit", prefecture: 16 }), "manager");
    const admin = await f.user(f.systemOrgId, "admin");
    for (const actor of [outsider, admin]) {
      const counts = await countReferralsForOrg(t.db, actor, AFTER_DUE);
      expect(counts.inbox.total + counts.outbox.total).toBe(0);
      expect(counts.inbox.overdue + counts.outbox.overdue).toBe(0);
    }
  });
});
