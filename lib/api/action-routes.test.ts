import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { and, count, eq } from "drizzle-orm";
import { activities, auditLog, referrals } from "@/db/schema";
import { logActivity } from "@/lib/activities/log-activity";
import type { Actor } from "@/lib/authz/actor";
import { acceptReferral } from "@/lib/referrals/transition-referral";
import { createFixtures, seedNetwork, type Fixtures } from "@/lib/test/fixtures";
import { createTestDb, TEST_ENGINES, type TestDb } from "@/lib/test/db";
import { handleActionRequest, pathParam } from "./handle-action-request";

type Json = { data?: Record<string, unknown>; error?: { code: string; message: string; fields?: Record<string, string[]> } };

/**
 * The JSON write routes (app/api/v1/cases/[id]/activities, app/api/v1/referrals/[id]/accept): the same
 * inputs as the routes build, through handleActionRequest, as the routes call it.
 */
describe.each(TEST_ENGINES)("JSON write API (%s)", (engine) => {
  let t: TestDb;
  let f: Fixtures;
  let a: Awaited<ReturnType<typeof seedNetwork>>["actors"];
  let orgs: Awaited<ReturnType<typeof seedNetwork>>["orgs"];

  beforeAll(async () => {
    t = await createTestDb(engine);
    f = await createFixtures(t.db);
    ({ actors: a, orgs } = await seedNetwork(f));
  });
  afterAll(() => t?.cleanup());

  async function post(
    kind: "activity" | "accept",
    id: string,
    as: Actor | null,
    body: unknown,
    headers: Record<string, string> = { "content-type": "application/json" },
  ): Promise<{ status: number; body: Json; headers: Headers }> {
    const request = new Request(`http://localhost/api/v1/x/${id}`, {
      method: "POST",
      headers,
      body: typeof body === "string" ? body : JSON.stringify(body),
    });
    const options = { actorUserId: as?.userId ?? null, db: t.db, params: { id } };
    const response =
      kind === "activity"
        ? await handleActionRequest(request, options, logActivity, (b, p) => ({ ...b, caseId: pathParam(p, "id") }))
        : await handleActionRequest(request, options, acceptReferral, (b, p) => ({ ...b, referralId: pathParam(p, "id") }));
    return { status: response.status, body: (await response.json()) as Json, headers: response.headers };
  }

  /** One activity as an API client sends it: with its own one-time key. */
  const activityBody = () => ({ kind: "visit", occurredAt: "2026-01-15T10:00:00+09:00", summary: "商標出願の方針を確認した", idempotencyKey: randomUUID() });
  const activitiesOn = async (caseId: string) =>
    (await t.db.select({ n: count() }).from(activities).where(eq(activities.caseId, caseId)))[0]!.n;

  describe("POST /api/v1/cases/{id}/activities", () => {
    it("logs the activity for someone who may work on the case, audited, and the id in the path wins", async () => {
      const company = await f.company({ prefecture: 17 });
      const kase = await f.case({ company, lead: a.ishikawaCoordinator });
      const elsewhere = await f.case({ company: await f.company({ prefecture: 16 }), lead: a.toyamaCoordinator });

      const { status, body, headers } = await post("activity", kase.id, a.ishikawaCoordinator, { ...activityBody(), caseId: elsewhere.id });
      expect(status).toBe(200);
      expect(headers.get("cache-control")).toBe("no-store");
      expect(body.data).toMatchObject({ replayed: false, nextActionId: null });
      expect(await activitiesOn(kase.id)).toBe(1);
      expect(await activitiesOn(elsewhere.id)).toBe(0);
      const audit = await t.db
        .select({ n: count() })
        .from(auditLog)
        .where(and(eq(auditLog.action, "activity.log"), eq(auditLog.entityId, String(body.data!.id))));
      expect(audit[0]!.n).toBe(1);
    });

    it("answers 401 when signed out and writes nothing, whatever the body", async () => {
      const kase = await f.case({ company: await f.company({ prefecture: 17 }), lead: a.ishikawaCoordinator });
      for (const body of [activityBody(), "not json"]) {
        const response = await post("activity", kase.id, null, body);
        expect(response).toMatchObject({ status: 401, body: { error: { code: "unauthenticated", message: "ログインしてください。" } } });
      }
      expect(await activitiesOn(kase.id)).toBe(0);
    });

    it("answers 401 for a deactivated user, whatever the session says", async () => {
      const kase = await f.case({ company: await f.company({ prefecture: 17 }), lead: a.ishikawaColleague });
      const leaver = await f.user(orgs.ishikawaInpit);
      await f.deactivate(leaver);
      expect((await post("activity", kase.id, leaver, activityBody())).status).toBe(401);
      expect(await activitiesOn(kase.id)).toBe(0);
    });

    it("answers 404 — not 403 — for a case outside the actor's scope, and writes nothing", async () => {
      const kase = await f.case({ company: await f.company({ prefecture: 17 }), lead: a.ishikawaCoordinator });
      const { status, body } = await post("activity", kase.id, a.toyamaCoordinator, activityBody());
      expect(status).toBe(404);
      expect(body.error!.code).toBe("not_found");
      expect((await post("activity", "not-a-uuid", a.ishikawaCoordinator, activityBody())).status).toBe(400);
      expect(await activitiesOn(kase.id)).toBe(0);
    });

    it("answers 403 for a role that logs no activities (an administrator)", async () => {
      const kase = await f.case({ company: await f.company({ prefecture: 17 }), lead: a.ishikawaCoordinator });
      expect(await post("activity", kase.id, a.admin, activityBody())).toMatchObject({ status: 403, body: { error: { code: "forbidden" } } });
      expect(await activitiesOn(kase.id)).toBe(0);
    });

    it("refuses what is not a JSON object: 415 for a form post (no cross-site forms), 400 for broken JSON or an array", async () => {
      const kase = await f.case({ company: await f.company({ prefecture: 17 }), lead: a.ishikawaCoordinator });
      const form = await post("activity", kase.id, a.ishikawaCoordinator, "kind=visit&summary=x", { "content-type": "application/x-www-form-urlencoded" });
      expect(form).toMatchObject({ status: 415, body: { error: { code: "unsupported_media_type" } } });
      const plain = await post("activity", kase.id, a.ishikawaCoordinator, JSON.stringify(activityBody()), { "content-type": "text/plain" });
      expect(plain.status).toBe(415);
      expect((await post("activity", kase.id, a.ishikawaCoordinator, "{ kind: visit")).status).toBe(400);
      expect((await post("activity", kase.id, a.ishikawaCoordinator, "[]")).status).toBe(400);
      expect(await activitiesOn(kase.id)).toBe(0);
    });

    it("answers 400 with the field's message when the input is invalid, in the caller's language", async () => {
      const kase = await f.case({ company: await f.company({ prefecture: 17 }), lead: a.ishikawaCoordinator });
      const ja = await post("activity", kase.id, a.ishikawaCoordinator, { ...activityBody(), summary: "" });
      expect(ja.status).toBe(400);
      expect(ja.body.error!.fields!.summary).toEqual(["入力してください。"]);
      const en = await post("activity", kase.id, a.ishikawaCoordinator, { ...activityBody(), summary: " " }, { "content-type": "application/json; charset=utf-8", cookie: "NEXT_LOCALE=en" });
      expect(en.status).toBe(400);
      expect(en.body.error!.fields!.summary![0]).toMatch(/[A-Za-z]/);
      expect(await activitiesOn(kase.id)).toBe(0);
    });
    it("answers 400 with a field error for a request without its one-time key, in the caller's language, and logs nothing", async () => {
      const kase = await f.case({ company: await f.company({ prefecture: 17 }), lead: a.ishikawaCoordinator });
      const { idempotencyKey: _key, ...keyless } = activityBody();
      const ja = await post("activity", kase.id, a.ishikawaCoordinator, keyless);
      expect(ja).toMatchObject({
        status: 400,
        body: {
          error: {
            code: "invalid",
            fields: {
              idempotencyKey: [
                "送信キー（idempotencyKey）がありません。二重登録を防ぐため、新規作成の送信には UUID 形式の送信キーが必要です。画面から送信した場合は、再読み込みしてからもう一度送信してください。",
              ],
            },
          },
        },
      });
      expect(Object.keys(ja.body.error!.fields!)).toEqual(["idempotencyKey"]);
      const en = await post("activity", kase.id, a.ishikawaCoordinator, { ...keyless, idempotencyKey: "not-a-uuid" }, { "content-type": "application/json", cookie: "NEXT_LOCALE=en" });
      expect(en).toMatchObject({ status: 400, body: { error: { fields: { idempotencyKey: ["The submission key (idempotencyKey) must be a UUID."] } } } });
      expect(await activitiesOn(kase.id)).toBe(0);
    });

    it("logs one activity for a request sent twice with the same key, answering the retry with the first", async () => {
      const kase = await f.case({ company: await f.company({ prefecture: 17 }), lead: a.ishikawaCoordinator });
      const body = activityBody();
      const first = await post("activity", kase.id, a.ishikawaCoordinator, body);
      const retry = await post("activity", kase.id, a.ishikawaCoordinator, body);
      expect(first).toMatchObject({ status: 200, body: { data: { replayed: false } } });
      expect(retry).toMatchObject({ status: 200, body: { data: { id: first.body.data!.id, replayed: true } } });
      expect(await activitiesOn(kase.id)).toBe(1);
    });
  });

  describe("POST /api/v1/referrals/{id}/accept", () => {
    const statusOf = async (id: string) => (await t.db.select({ status: referrals.status }).from(referrals).where(eq(referrals.id, id)))[0]!.status;

    async function sentReferral() {
      const company = await f.company({ prefecture: 17 });
      return f.referral({ from: a.ishikawaCoordinator, to: orgs.hokurikuJpaa, company });
    }

    it("accepts for the receiving organization, and a repeated click by the same person changes nothing", async () => {
      const referral = await sentReferral();
      const first = await post("accept", referral.id, a.attorney, {});
      expect(first).toMatchObject({ status: 200, body: { data: { id: referral.id, status: "accepted", changed: true } } });
      expect(await statusOf(referral.id)).toBe("accepted");
      expect(await post("accept", referral.id, a.attorney, {})).toMatchObject({ status: 200, body: { data: { changed: false } } });
    });

    it("answers 409 with who answered when a colleague accepts what was already accepted", async () => {
      const referral = await sentReferral();
      const colleague = await f.user(orgs.hokurikuJpaa);
      expect((await post("accept", referral.id, a.attorney, {})).status).toBe(200);
      const { status, body } = await post("accept", referral.id, colleague, {});
      expect(status).toBe(409);
      expect(body.error).toMatchObject({ code: "conflict", current: { status: "accepted", by: { userId: a.attorney.userId } } });
    });

    it("answers 401 when signed out and leaves the referral as it was", async () => {
      const referral = await sentReferral();
      expect((await post("accept", referral.id, null, {})).status).toBe(401);
      expect(await statusOf(referral.id)).toBe("sent");
    });

    it("answers 404 to an organization that is neither side, and 403 to the sender, who may not accept its own referral", async () => {
      const referral = await sentReferral();
      expect(await post("accept", referral.id, a.toyamaCoordinator, {})).toMatchObject({ status: 404, body: { error: { code: "not_found" } } });
      expect(await post("accept", referral.id, a.chamberAdvisor, {})).toMatchObject({ status: 404 });
      expect(await post("accept", referral.id, a.ishikawaCoordinator, {})).toMatchObject({ status: 403, body: { error: { code: "forbidden" } } });
      expect(await statusOf(referral.id)).toBe("sent");
    });

    it("answers 400 for a handler who is not of the receiving organization, and accepts nothing", async () => {
      const referral = await sentReferral();
      const { status, body } = await post("accept", referral.id, a.attorney, { handlerUserId: a.ishikawaCoordinator.userId });
      expect(status).toBe(400);
      expect(Object.keys(body.error!.fields!)).toEqual(["handlerUserId"]);
      expect(await statusOf(referral.id)).toBe("sent");
    });
  });
});
