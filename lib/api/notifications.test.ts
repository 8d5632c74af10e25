import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { and, eq } from "drizzle-orm";
import { notifications, referrals } from "@/db/schema";
import type { Actor } from "@/lib/authz/actor";
import { jstDateOf } from "@/lib/format/fiscal-year";
import { createNotifications } from "@/lib/notifications/create-notification";
import { createFixtures, seedNetwork, type Fixtures } from "@/lib/test/fixtures";
import { createTestDb, TEST_ENGINES, type TestDb } from "@/lib/test/db";
import { handleApiRequest, type ApiHandler } from "./handle-api-request";
import { listNotifications, refreshNotifications } from "./notifications";
import { getReferralCounts } from "./referral-counts";

type Json = Record<string, unknown> & { error?: { code: string; message: string; fields?: Record<string, string[]> } };

describe.each(TEST_ENGINES)("notification and referral-count API (%s)", (engine) => {
  let t: TestDb;
  let f: Fixtures;
  let network: Awaited<ReturnType<typeof seedNetwork>>;
  let a: Awaited<ReturnType<typeof seedNetwork>>["actors"];

  beforeAll(async () => {
    t = await createTestDb(engine);
    f = await createFixtures(t.db);
    network = await seedNetwork(f);
    a = network.actors;
  });
  afterAll(() => t?.cleanup());

  /** Calls a handler as its route would, for a signed-in actor (or nobody). */
  async function call(handler: ApiHandler, path: string, as: Actor | null, options: { method?: string; cookie?: string } = {}) {
    const request = new Request(`http://localhost${path}`, {
      method: options.method ?? "GET",
      headers: options.cookie ? { cookie: options.cookie } : {},
    });
    const response = await handleApiRequest(request, { actorUserId: as?.userId ?? null, db: t.db }, handler);
    return { status: response.status, body: (await response.json()) as Json, headers: response.headers };
  }

  const notify = (users: Actor[], code: string, kind: "referral.received" | "referral.overdue" = "referral.received") =>
    createNotifications(
      t.db,
      users.map((u) => u.userId),
      {
        kind,
        params: { code, companyName: "株式会社テスト", orgName: "金沢商工会議所", respondBy: "2026-05-13" },
        entityType: "referral",
        entityId: "6f1c1f3e-2a8b-4c55-9d7e-0a1b2c3d4e5f",
      },
    );

  describe("authentication", () => {
    it.each([
      ["GET /notifications", listNotifications, "GET", "/api/v1/notifications"],
      ["POST /notifications/refresh", refreshNotifications, "POST", "/api/v1/notifications/refresh"],
      ["GET /referrals/counts", getReferralCounts, "GET", "/api/v1/referrals/counts"],
    ] as const)("answers 401 on %s when signed out or deactivated, uncached", async (_, handler, method, path) => {
      const signedOut = await call(handler, path, null, { method });
      expect(signedOut.status).toBe(401);
      expect(signedOut.body).toEqual({ error: { code: "unauthenticated", message: "ログインしてください。" } });
      expect(signedOut.headers.get("cache-control")).toBe("no-store");

      const gone = await f.user(network.orgs.ishikawaInpit);
      await f.deactivate(gone);
      expect((await call(handler, path, gone, { method })).status).toBe(401);
    });
  });

  describe("GET /api/v1/notifications", () => {
    it("lists the user's own notifications, newest first, as text in their language, with the unread count", async () => {
      const reader = await f.user(network.orgs.hokurikuJpaa, "coordinator");
      const colleague = await f.user(network.orgs.hokurikuJpaa, "manager");
      await notify([reader, colleague], "RF-R8-0101");
      await notify([reader], "RF-R8-0102", "referral.overdue");
      await notify([colleague], "RF-R8-0103");

      const ja = await call(listNotifications, "/api/v1/notifications", reader);
      expect(ja.status).toBe(200);
      const items = ja.body.items as { kind: string; message: string; href: string; readAt: string | null }[];
      expect(items.map((i) => i.kind)).toEqual(["referral.overdue", "referral.received"]);
      expect(items[0]!.message).toBe("連携依頼 RF-R8-0102（株式会社テスト）が回答期限（2026年5月13日(水)）を過ぎています。");
      expect(items[1]).toMatchObject({
        message: "金沢商工会議所から連携依頼 RF-R8-0101（株式会社テスト）が届きました。",
        href: "/referrals/6f1c1f3e-2a8b-4c55-9d7e-0a1b2c3d4e5f",
        readAt: null,
      });
      expect(items[1]).not.toHaveProperty("params");
      expect(ja.body).toMatchObject({ unreadCount: 2, nextCursor: null });
      expect(JSON.stringify(ja.body)).not.toContain("RF-R8-0103");

      const en = await call(listNotifications, "/api/v1/notifications?limit=1", reader, { cookie: "NEXT_LOCALE=en" });
      expect((en.body.items as { message: string }[])[0]!.message).toContain("13 May 2026");
      expect(en.body.nextCursor).toEqual(expect.any(String));
      expect(en.body.unreadCount).toBe(2);
    });

    it("filters to unread notifications and still reports the unread count", async () => {
      const reader = await f.user(network.orgs.hokurikuJpaa, "coordinator");
      await notify([reader], "RF-R8-0201");
      await notify([reader], "RF-R8-0202");
      await t.db
        .update(notifications)
        .set({ readAt: new Date() })
        .where(and(eq(notifications.userId, reader.userId), eq(notifications.kind, "referral.received")));
      await notify([reader], "RF-R8-0203");
      const { body } = await call(listNotifications, "/api/v1/notifications?unread=1", reader);
      expect((body.items as { message: string }[]).map((i) => i.message)).toEqual([expect.stringContaining("RF-R8-0203")]);
      expect(body.unreadCount).toBe(1);
    });

    it("shows an administrator only their own (empty) bell", async () => {
      const { status, body } = await call(listNotifications, "/api/v1/notifications", a.admin);
      expect(status).toBe(200);
      expect(body).toEqual({ items: [], nextCursor: null, unreadCount: 0 });
    });

    it.each([
      ["an unknown unread flag", "unread=yes", "unread"],
      ["a page larger than 200", "limit=500", "limit"],
    ])("answers 400 for %s", async (_, query, field) => {
      const { status, body } = await call(listNotifications, `/api/v1/notifications?${query}`, a.attorney);
      expect(status).toBe(400);
      expect(Object.keys(body.error!.fields!)).toEqual([field]);
    });

    it("answers 400 for a tampered cursor", async () => {
      const { status, body } = await call(listNotifications, "/api/v1/notifications?cursor=garbage", a.attorney);
      expect(status).toBe(400);
      expect(body.error!.code).toBe("invalid_cursor");
    });
  });

  describe("POST /api/v1/notifications/refresh", () => {
    it("notifies both sides of the actor's organization's overdue referrals, once, and leaves other organizations alone", async () => {
      const company = await f.company({ prefecture: 17, createdBy: a.chamberAdvisor });
      // The fixtures' referrals were due on 10 June 2025: long overdue today.
      const ours = await f.referral({ from: a.chamberAdvisor, to: network.orgs.ishikawaInpit, company, status: "sent" });
      const elsewhere = await f.referral({ from: a.toyamaCoordinator, to: network.orgs.hokurikuJpaa, company: await f.company({ prefecture: 16 }), status: "sent" });
      const overdueFor = async (id: string) =>
        (await t.db.select().from(notifications).where(and(eq(notifications.kind, "referral.overdue"), eq(notifications.entityId, id)))).map(
          (n) => n.userId,
        );

      const first = await call(refreshNotifications, "/api/v1/notifications/refresh", a.chamberAdvisor, { method: "POST" });
      expect(first.status).toBe(200);
      expect(first.body).toMatchObject({ notified: 1, unreadCount: 1 });
      expect((await overdueFor(ours.id)).sort()).toEqual(
        [a.chamberAdvisor.userId, a.ishikawaCoordinator.userId, a.ishikawaColleague.userId, a.ishikawaManager.userId].sort(),
      );
      expect(await overdueFor(elsewhere.id)).toEqual([]);

      // Again, or from the other side: already told, nothing new.
      expect((await call(refreshNotifications, "/api/v1/notifications/refresh", a.chamberAdvisor, { method: "POST" })).body.notified).toBe(0);
      expect((await call(refreshNotifications, "/api/v1/notifications/refresh", a.ishikawaManager, { method: "POST" })).body.notified).toBe(0);
    });

    it("tells the sender of a logged referral whose follow-up date has come, through the bell", async () => {
      const sender = await f.user(await f.organization({ party: "jcci", prefecture: 17 }));
      const company = await f.company({ prefecture: 17, createdBy: sender });
      const row = await f.referral({ from: sender, to: network.orgs.ishikawaInpit, company, status: "sent" });
      // Logged to よろず支援拠点 with yesterday's follow-up date (in Japan): due today.
      const yesterday = jstDateOf(new Date(Date.now() - 24 * 3600_000));
      await t.db
        .update(referrals)
        .set({ toOrgId: null, externalRecipient: "石川県よろず支援拠点", followUpOn: yesterday, respondBy: null, status: "logged" })
        .where(eq(referrals.id, row.id));

      const first = await call(refreshNotifications, "/api/v1/notifications/refresh", sender, { method: "POST" });
      expect(first.body).toMatchObject({ notified: 1, unreadCount: 1 });
      const { body } = await call(listNotifications, "/api/v1/notifications", sender);
      expect((body.items as { kind: string; message: string; href: string }[])[0]).toMatchObject({
        kind: "referral.follow_up_due",
        message: expect.stringContaining("石川県よろず支援拠点"),
        href: `/referrals/${row.id}`,
      });
      expect((await call(refreshNotifications, "/api/v1/notifications/refresh", sender, { method: "POST" })).body.notified).toBe(0);
    });

    it("does nothing for an administrator, who reads no referrals", async () => {
      const company = await f.company({ prefecture: 17 });
      const referral = await f.referral({ from: a.ishikawaCoordinator, to: network.orgs.hokurikuJpaa, company, status: "sent" });
      const { status, body } = await call(refreshNotifications, "/api/v1/notifications/refresh", a.admin, { method: "POST" });
      expect(status).toBe(200);
      expect(body).toEqual({ notified: 0, unreadCount: 0 });
      expect(await t.db.select().from(notifications).where(eq(notifications.entityId, referral.id))).toEqual([]);
    });
  });

  describe("GET /api/v1/referrals/counts", () => {
    it("counts the actor's organization's boxes and nobody else's", async () => {
      const senderOrg = await f.organization({ party: "jcci", prefecture: 17 });
      const sender = await f.user(senderOrg);
      const company = await f.company({ prefecture: 17, createdBy: sender });
      await f.referral({ from: sender, to: network.orgs.hokurikuJpaa, company, status: "sent" });
      await f.referral({ from: sender, to: network.orgs.hokurikuJpaa, company, status: "in_progress" });

      const { status, body } = await call(getReferralCounts, "/api/v1/referrals/counts", sender);
      expect(status).toBe(200);
      expect(body).toMatchObject({
        outbox: { total: 2, awaitingAnswer: 1, overdue: 1, byStatus: { sent: 1, in_progress: 1 } },
        inbox: { total: 0, awaitingAnswer: 0, overdue: 0 },
      });

      const outsiderDesk = await f.user(await f.organization({ party: "inpit", prefecture: 18 }), "manager");
      for (const outsider of [outsiderDesk, a.admin]) {
        const other = await call(getReferralCounts, "/api/v1/referrals/counts", outsider);
        expect(other.status).toBe(200);
        expect((other.body.inbox as { total: number }).total + (other.body.outbox as { total: number }).total).toBe(0);
      }
    });

    it("reflects a referral's state as soon as it changes", async () => {
      const sender = await f.user(await f.organization({ party: "jcci", prefecture: 17 }));
      const company = await f.company({ prefecture: 17, createdBy: sender });
      const referral = await f.referral({ from: sender, to: network.orgs.ishikawaInpit, company, status: "sent" });
      const before = (await call(getReferralCounts, "/api/v1/referrals/counts", sender)).body.outbox as { awaitingAnswer: number };
      await t.db.update(referrals).set({ status: "accepted" }).where(eq(referrals.id, referral.id));
      const after = (await call(getReferralCounts, "/api/v1/referrals/counts", sender)).body.outbox as { awaitingAnswer: number };
      expect(after.awaitingAnswer).toBe(before.awaitingAnswer - 1);
    });
  });
});
