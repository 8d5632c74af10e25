import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { and, eq } from "drizzle-orm";
import { auditLog, notifications } from "@/db/schema";
import { runAction } from "@/lib/authz/action";
import type { Actor } from "@/lib/authz/actor";
import { translate } from "@/lib/i18n/messages";
import { InvalidCursorError } from "@/lib/pagination";
import { createFixtures, type Fixtures } from "@/lib/test/fixtures";
import { createTestDb, TEST_ENGINES, type TestDb } from "@/lib/test/db";
import { createNotifications, NOTIFICATION_KINDS } from "./create-notification";
import { markNotificationsRead } from "./mark-read";
import { countUnreadForActor, findNotificationsForActor } from "./queries";

describe("notification messages", () => {
  it("has a message for every kind in both languages, filled from the params", () => {
    const params = {
      code: "RF-R8-0001",
      companyName: "株式会社加賀精機",
      orgName: "日本弁理士会 北陸会",
      respondBy: "2026-05-13",
      followUpOn: "2026-06-01",
      recipient: "石川県よろず支援拠点",
    };
    for (const kind of NOTIFICATION_KINDS) {
      for (const locale of ["ja", "en"] as const) {
        const text = translate(locale, `notifications.kinds.${kind}`, params);
        expect(text, `${locale} ${kind}`).not.toBe(`notifications.kinds.${kind}`);
        expect(text).toContain("RF-R8-0001");
        expect(text).not.toMatch(/\{\w+\}/);
      }
    }
  });
});

describe.each(TEST_ENGINES)("the notification centre (%s)", (engine) => {
  let t: TestDb;
  let f: Fixtures;
  let me: Actor;
  let colleague: Actor;
  let admin: Actor;
  const referralId = "6f1c1f3e-2a8b-4c55-9d7e-0a1b2c3d4e5f";

  beforeAll(async () => {
    t = await createTestDb(engine);
    f = await createFixtures(t.db);
    const org = await f.organization({ party: "jpaa", prefecture: 17 });
    me = await f.user(org, "coordinator", "北陸 弁理士");
    colleague = await f.user(org, "manager", "北陸 会長");
    admin = await f.user(f.systemOrgId, "admin");
  });
  afterAll(() => t?.cleanup());

  const notify = (users: Actor[], code: string) =>
    createNotifications(
      t.db,
      users.map((u) => u.userId),
      { kind: "referral.received", params: { code, companyName: "株式会社テスト", orgName: "INPIT 石川" }, entityType: "referral", entityId: referralId },
    );

  it("creates one notification per person, leaving out the person acting and repeated recipients", async () => {
    const created = await createNotifications(
      t.db,
      [me.userId, me.userId, colleague.userId],
      { kind: "referral.accepted", params: { code: "RF-R8-0100" }, entityType: "referral", entityId: referralId },
      { except: colleague.userId },
    );
    expect(created).toBe(1);
    const rows = await t.db.select().from(notifications).where(eq(notifications.kind, "referral.accepted"));
    expect(rows.map((r) => r.userId)).toEqual([me.userId]);
  });

  it("counts and lists only the actor's own notifications, newest first, with a link to the referral", async () => {
    await notify([me, colleague], "RF-R8-0001");
    await notify([colleague], "RF-R8-0002");
    expect(await countUnreadForActor(t.db, me)).toBe(2);
    expect(await countUnreadForActor(t.db, colleague)).toBe(2);
    expect(await countUnreadForActor(t.db, admin)).toBe(0);
    const page = await findNotificationsForActor(t.db, me);
    expect(page.items.map((n) => n.params.code)).toEqual(["RF-R8-0001", "RF-R8-0100"]);
    expect(page.items[0]).toMatchObject({ kind: "referral.received", entityType: "referral", href: `/referrals/${referralId}`, readAt: null });
    expect(page.nextCursor).toBeNull();
  });

  it("pages through notifications created in the same instant without skipping or repeating any", async () => {
    const reader = await f.user(me.orgId, "coordinator");
    const at = new Date("2026-05-07T01:00:00.123Z");
    await t.db.insert(notifications).values(
      Array.from({ length: 7 }, (_, i) => ({ userId: reader.userId, kind: "referral.overdue", params: { code: `RF-R8-${i}` }, createdAt: at })),
    );
    await t.db.insert(notifications).values({ userId: reader.userId, kind: "referral.received", params: { code: "newest" } });
    const seen: string[] = [];
    let cursor: string | undefined;
    let pages = 0;
    do {
      const page = await findNotificationsForActor(t.db, reader, { cursor, limit: 3 });
      seen.push(...page.items.map((n) => n.id));
      cursor = page.nextCursor ?? undefined;
      pages += 1;
    } while (cursor);
    expect(pages).toBe(3);
    expect(seen).toHaveLength(8);
    expect(new Set(seen).size).toBe(8);
    const all = await findNotificationsForActor(t.db, reader, { limit: 200 });
    expect(all.items.map((n) => n.id)).toEqual(seen);
    expect(all.items[0]!.params.code).toBe("newest");
  });

  it("refuses a malformed cursor", async () => {
    await expect(findNotificationsForActor(t.db, me, { cursor: "not-a-cursor!" })).rejects.toBeInstanceOf(InvalidCursorError);
  });

  describe("marking read", () => {
    const markAudits = async (actor: Actor) =>
      (await t.db.select().from(auditLog).where(and(eq(auditLog.action, "notification.mark_read"), eq(auditLog.actorUserId, actor.userId)))).length;

    it("marks one of the actor's notifications read, audited; a second click changes and records nothing", async () => {
      const reader = await f.user(me.orgId, "coordinator");
      await notify([reader], "RF-R8-0300");
      await notify([reader], "RF-R8-0301");
      // Two notices may share a timestamp (PGlite's clock is coarse): pick the one to mark by its content.
      const first = (await findNotificationsForActor(t.db, reader)).items.find((n) => n.params.code === "RF-R8-0301");
      expect(await runAction(markNotificationsRead, { notificationId: first!.id }, { actorUserId: reader.userId, db: t.db })).toEqual({
        ok: true,
        data: { marked: 1 },
      });
      expect(await countUnreadForActor(t.db, reader)).toBe(1);
      expect((await findNotificationsForActor(t.db, reader, { unreadOnly: true })).items.map((n) => n.params.code)).toEqual(["RF-R8-0300"]);
      expect(await markAudits(reader)).toBe(1);

      expect(await runAction(markNotificationsRead, { notificationId: first!.id }, { actorUserId: reader.userId, db: t.db })).toEqual({
        ok: true,
        data: { marked: 0 },
      });
      expect(await markAudits(reader)).toBe(1);
    });

    it("marks all of the actor's unread notifications and nobody else's", async () => {
      const reader = await f.user(me.orgId, "coordinator");
      await notify([reader, colleague], "RF-R8-0400");
      await notify([reader], "RF-R8-0401");
      const colleagueUnread = await countUnreadForActor(t.db, colleague);
      const form = new FormData();
      form.set("all", "on");
      expect(await runAction(markNotificationsRead, form, { actorUserId: reader.userId, db: t.db })).toEqual({ ok: true, data: { marked: 2 } });
      expect(await countUnreadForActor(t.db, reader)).toBe(0);
      expect(await countUnreadForActor(t.db, colleague)).toBe(colleagueUnread);
      expect(await runAction(markNotificationsRead, { all: true }, { actorUserId: reader.userId, db: t.db })).toEqual({ ok: true, data: { marked: 0 } });
    });

    it("does not find someone else's notification, not even for their manager", async () => {
      const [mine] = (await findNotificationsForActor(t.db, me, { unreadOnly: true })).items;
      for (const other of [colleague, admin]) {
        expect(await runAction(markNotificationsRead, { notificationId: mine!.id }, { actorUserId: other.userId, db: t.db })).toMatchObject({
          ok: false,
          code: "not_found",
        });
      }
      const [row] = await t.db.select().from(notifications).where(eq(notifications.id, mine!.id));
      expect(row!.readAt).toBeNull();
    });

    it("requires exactly one of a notification or all", async () => {
      expect(await runAction(markNotificationsRead, {}, { actorUserId: me.userId, db: t.db })).toMatchObject({ ok: false, code: "invalid" });
      const [mine] = (await findNotificationsForActor(t.db, me)).items;
      expect(await runAction(markNotificationsRead, { notificationId: mine!.id, all: true }, { actorUserId: me.userId, db: t.db })).toMatchObject({
        ok: false,
        code: "invalid",
      });
    });
  });
});
