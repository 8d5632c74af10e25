import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { and, eq } from "drizzle-orm";
import { auditLog, organizations } from "@/db/schema";
import type { Actor } from "@/lib/authz/actor";
import { createFixtures, seedNetwork, type Fixtures } from "@/lib/test/fixtures";
import { createTestDb, TEST_ENGINES, type TestDb } from "@/lib/test/db";
import { expectConsoleError } from "@/lib/test/setup";
import { handleApiRequest, type ApiHandler, type RouteParams } from "./handle-api-request";
import { getCase, getCompany, getMe, getReferral, listCases, listCompanies, listReferrals } from "./v1";

type Json = Record<string, unknown> & { error?: { code: string; message: string; fields?: Record<string, string[]> } };

describe.each(TEST_ENGINES)("JSON API v1 (%s)", (engine) => {
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

  /** Calls a handler exactly as its route would, for a signed-in actor (or nobody). */
  async function call(
    handler: ApiHandler,
    path: string,
    as: Actor | string | null,
    options: { params?: RouteParams; cookie?: string } = {},
  ): Promise<{ status: number; body: Json; headers: Headers }> {
    const request = new Request(`http://localhost${path}`, { headers: options.cookie ? { cookie: options.cookie } : {} });
    const actorUserId = as === null ? null : typeof as === "string" ? as : as.userId;
    const response = await handleApiRequest(request, { actorUserId, db: t.db, params: options.params }, handler);
    return { status: response.status, body: (await response.json()) as Json, headers: response.headers };
  }

  const ids = (body: Json) => (body.items as { id: string }[]).map((i) => i.id);

  const routes: [string, ApiHandler, string, RouteParams?][] = [
    ["/me", getMe, "/api/v1/me"],
    ["/companies", listCompanies, "/api/v1/companies"],
    ["/companies/{id}", getCompany, "/api/v1/companies/x", { id: "3f2504e0-4f89-41d3-9a0c-0305e82c3301" }],
    ["/cases", listCases, "/api/v1/cases"],
    ["/cases/{id}", getCase, "/api/v1/cases/x", { id: "3f2504e0-4f89-41d3-9a0c-0305e82c3301" }],
    ["/referrals", listReferrals, "/api/v1/referrals?box=inbox"],
    ["/referrals/{id}", getReferral, "/api/v1/referrals/x", { id: "3f2504e0-4f89-41d3-9a0c-0305e82c3301" }],
  ];

  describe("authentication", () => {
    it.each(routes)("answers 401 on %s when signed out, in Japanese, uncached", async (_, handler, path, params) => {
      const { status, body, headers } = await call(handler, path, null, { params });
      expect(status).toBe(401);
      expect(body).toEqual({ error: { code: "unauthenticated", message: "ログインしてください。" } });
      expect(headers.get("cache-control")).toBe("no-store");
    });

    it.each(routes)("answers 401 on %s for a deactivated user, whatever the session says", async (_, handler, path, params) => {
      const user = await f.user(network.orgs.ishikawaInpit);
      await f.deactivate(user);
      expect((await call(handler, path, user, { params })).status).toBe(401);
    });

    it("answers 401 for a user of a deactivated organization, and for a session id that is not a user", async () => {
      const org = await f.organization({ party: "inpit", prefecture: 18 });
      const user = await f.user(org);
      expect((await call(getMe, "/api/v1/me", user)).status).toBe(200);
      await t.db.update(organizations).set({ isActive: false }).where(eq(organizations.id, org.id));
      expect((await call(getMe, "/api/v1/me", user)).status).toBe(401);
      expect((await call(getMe, "/api/v1/me", "3f2504e0-4f89-41d3-9a0c-0305e82c3301")).status).toBe(401);
      expect((await call(getMe, "/api/v1/me", "garbage")).status).toBe(401);
    });

    it("speaks English when the NEXT_LOCALE cookie says so", async () => {
      const { body } = await call(getMe, "/api/v1/me", null, { cookie: "theme=dark; NEXT_LOCALE=en" });
      expect(body.error).toEqual({ code: "unauthenticated", message: "Please sign in." });
      const fallback = await call(getMe, "/api/v1/me", null, { cookie: "NEXT_LOCALE=fr" });
      expect(fallback.body.error!.message).toBe("ログインしてください。");
    });
  });

  describe("GET /api/v1/me", () => {
    it("tells who the user is, for which organization and party, and what they may do", async () => {
      const { status, body, headers } = await call(getMe, "/api/v1/me", a.attorney);
      expect(status).toBe(200);
      expect(headers.get("cache-control")).toBe("no-store");
      expect(body).toMatchObject({
        user: { id: a.attorney.userId, name: "北陸 弁理士" },
        organization: { id: network.orgs.hokurikuJpaa.id, nameJa: "日本弁理士会 北陸会", block: { code: "chubu" }, prefecture: { code: 17 } },
        party: { key: "jpaa", nameJa: "日本弁理士会" },
        role: "coordinator",
      });
      expect(body.permissions).toContain("referral:respond");
      expect(body.permissions).not.toContain("company:create");
    });

    it("gives an administrator no party and no case permissions", async () => {
      const { body } = await call(getMe, "/api/v1/me", a.admin);
      expect(body).toMatchObject({ role: "admin", party: null, organization: { block: null, prefecture: null } });
      expect(body.permissions).toEqual(expect.arrayContaining(["user:manage", "organization:manage"]));
      expect(body.permissions).not.toContain("case:read");
      expect(body.permissions).not.toContain("confidential:read");
    });
  });

  describe("companies", () => {
    it("lists and opens what the actor may find, and answers 404 for the rest", async () => {
      const company = await f.company({ prefecture: 17, name: "能登塩業株式会社", nameKana: "ノトエンギョウ" });
      const list = await call(listCompanies, "/api/v1/companies?q=%E8%83%BD%E7%99%BB&prefecture=17", a.ishikawaCoordinator);
      expect(list.status).toBe(200);
      expect(ids(list.body)).toEqual([company.id]);
      expect(list.body.nextCursor).toBeNull();

      const detail = await call(getCompany, `/api/v1/companies/${company.id}`, a.ishikawaCoordinator, { params: { id: company.id } });
      expect(detail).toMatchObject({ status: 200, body: { id: company.id, name: "能登塩業株式会社" } });

      for (const outsider of [a.attorney, a.toyamaCoordinator, a.admin]) {
        const denied = await call(getCompany, `/api/v1/companies/${company.id}`, outsider, { params: { id: company.id } });
        expect(denied.status).toBe(404);
        expect(denied.body.error).toEqual({ code: "not_found", message: "見つかりません。削除されたか、閲覧する権限がありません。" });
        expect(ids((await call(listCompanies, "/api/v1/companies?q=能登", outsider)).body)).toEqual([]);
      }
    });

    it("answers 404 for an id that is not a UUID", async () => {
      const { status, body } = await call(getCompany, "/api/v1/companies/abc", a.ishikawaCoordinator, { params: { id: "abc" } });
      expect(status).toBe(404);
      expect(body.error!.code).toBe("not_found");
    });

    it.each([
      ["an unknown prefecture", "prefecture=48", "prefecture"],
      ["a prefecture that is not a number", "prefecture=ishikawa", "prefecture"],
      ["a page larger than 200", "limit=201", "limit"],
      ["a page of zero", "limit=0", "limit"],
      ["a fractional page size", "limit=2.5", "limit"],
      ["an overlong search", `q=${"あ".repeat(101)}`, "q"],
      ["a NUL in the search", "q=a%00b", "q"],
    ])("answers 400 for %s, naming the parameter", async (_, query, field) => {
      const { status, body } = await call(listCompanies, `/api/v1/companies?${query}`, a.ishikawaCoordinator);
      expect(status).toBe(400);
      expect(body.error).toMatchObject({ code: "invalid_query", message: "入力内容を確認してください。" });
      expect(Object.keys(body.error!.fields!)).toEqual([field]);
    });

    it("ignores empty parameters", async () => {
      expect((await call(listCompanies, "/api/v1/companies?q=&prefecture=&cursor=", a.ishikawaCoordinator)).status).toBe(200);
    });
  });

  describe("cases", () => {
    it("opens a case for its members and answers 404 to every party that may not open it", async () => {
      const company = await f.company({ prefecture: 17 });
      const kase = await f.case({ company, lead: a.ishikawaCoordinator });
      const open = (actor: Actor, id = kase.id) => call(getCase, `/api/v1/cases/${id}`, actor, { params: { id } });

      expect(await open(a.ishikawaCoordinator)).toMatchObject({ status: 200, body: { id: kase.id, code: kase.code } });
      for (const outsider of [a.toyamaCoordinator, a.bureauCoordinator, a.admin, a.attorney]) {
        const { status, body } = await open(outsider);
        expect(status).toBe(404);
        expect(body.error!.code).toBe("not_found");
      }
      expect((await open(a.ishikawaCoordinator, "not-a-uuid")).status).toBe(404);
    });

    it("follows a referral: 404 before acceptance, the summary after it, the notes only under a consent that covers them", async () => {
      const company = await f.company({ prefecture: 17 });
      const kase = await f.case({ company, lead: a.ishikawaCoordinator });
      await f.confidentialNote(kase, a.ishikawaCoordinator);
      const referral = await f.referral({
        from: a.ishikawaCoordinator,
        to: network.orgs.hokurikuJpaa,
        company,
        case: kase,
        status: "sent",
        consent: { consultationSummary: true },
      });
      const open = () => call(getCase, `/api/v1/cases/${kase.id}`, a.attorney, { params: { id: kase.id } });

      expect((await open()).status).toBe(404);
      await f.setReferralStatus(referral, "accepted");
      const summaryOnly = await open();
      expect(summaryOnly.status).toBe(200);
      expect(summaryOnly.body).not.toHaveProperty("confidentialNotes");
      expect(ids(await call(listCases, "/api/v1/cases", a.attorney).then((r) => r.body))).toContain(kase.id);
      await f.setReferralStatus(referral, "completed");
      expect((await open()).status).toBe(404);
      expect(ids(await call(listCases, "/api/v1/cases", a.attorney).then((r) => r.body))).not.toContain(kase.id);
    });

    it("records one confidential.read audit row per request that returns notes", async () => {
      const kase = await f.case({ company: await f.company({ prefecture: 17 }), lead: a.ishikawaCoordinator });
      const note = await f.confidentialNote(kase, a.ishikawaCoordinator);
      const reads = async () =>
        (await t.db.select().from(auditLog).where(and(eq(auditLog.action, "confidential.read"), eq(auditLog.entityId, kase.id)))).length;

      const { body } = await call(getCase, `/api/v1/cases/${kase.id}`, a.ishikawaCoordinator, { params: { id: kase.id } });
      expect((body.confidentialNotes as { id: string }[]).map((n) => n.id)).toEqual([note.id]);
      expect(await reads()).toBe(1);
      await call(getCase, `/api/v1/cases/${kase.id}`, a.ishikawaCoordinator, { params: { id: kase.id } });
      expect(await reads()).toBe(2);
      await call(getCase, `/api/v1/cases/${kase.id}`, a.ishikawaManager, { params: { id: kase.id } });
      expect(await reads()).toBe(2);
    });

    it("filters by stage and refuses an unknown stage", async () => {
      const kase = await f.case({ company: await f.company({ prefecture: 16 }), lead: a.toyamaCoordinator, stage: "outcome_review" });
      expect(ids((await call(listCases, "/api/v1/cases?stage=outcome_review", a.toyamaCoordinator)).body)).toEqual([kase.id]);
      expect(ids((await call(listCases, "/api/v1/cases?stage=closed", a.toyamaCoordinator)).body)).toEqual([]);
      const bad = await call(listCases, "/api/v1/cases?stage=done", a.toyamaCoordinator);
      expect(bad.status).toBe(400);
      expect(Object.keys(bad.body.error!.fields!)).toEqual(["stage"]);
    });

    it.each(["garbage", "e30", Buffer.from('["2025-01-01","3f2504e0-4f89-41d3-9a0c-0305e82c3301"]').toString("base64url")])(
      "answers 400 for the tampered cursor %s",
      async (cursor) => {
        const { status, body, headers } = await call(listCases, `/api/v1/cases?cursor=${cursor}`, a.ishikawaCoordinator);
        expect(status).toBe(400);
        expect(body.error).toMatchObject({ code: "invalid_cursor" });
        expect(headers.get("cache-control")).toBe("no-store");
      },
    );
  });

  describe("referrals", () => {
    it("requires the box and lists the inbox and outbox of the actor's organization", async () => {
      const company = await f.company({ prefecture: 17 });
      const referral = await f.referral({ from: a.chamberAdvisor, to: network.orgs.ishikawaInpit, company });

      const missing = await call(listReferrals, "/api/v1/referrals", a.chamberAdvisor);
      expect(missing.status).toBe(400);
      expect(Object.keys(missing.body.error!.fields!)).toEqual(["box"]);
      expect((await call(listReferrals, "/api/v1/referrals?box=sideways", a.chamberAdvisor)).status).toBe(400);
      expect((await call(listReferrals, "/api/v1/referrals?box=inbox&status=lost", a.chamberAdvisor)).status).toBe(400);

      expect(ids((await call(listReferrals, "/api/v1/referrals?box=outbox", a.chamberAdvisor)).body)).toContain(referral.id);
      expect(ids((await call(listReferrals, "/api/v1/referrals?box=inbox&status=sent", a.ishikawaCoordinator)).body)).toContain(referral.id);
      expect(ids((await call(listReferrals, "/api/v1/referrals?box=inbox", a.toyamaCoordinator)).body)).not.toContain(referral.id);
    });

    it("opens a referral for both sides and answers 404 to anyone else", async () => {
      const company = await f.company({ prefecture: 17 });
      const referral = await f.referral({ from: a.chamberAdvisor, to: network.orgs.ishikawaInpit, company });
      const open = (actor: Actor) => call(getReferral, `/api/v1/referrals/${referral.id}`, actor, { params: { id: referral.id } });
      for (const side of [a.chamberAdvisor, a.ishikawaCoordinator]) {
        expect(await open(side)).toMatchObject({
          status: 200,
          body: { id: referral.id, fromOrg: { name: "金沢商工会議所" }, toOrg: { name: "INPIT 石川県知財総合支援窓口" } },
        });
      }
      for (const outsider of [a.attorney, a.toyamaCoordinator, a.admin]) expect((await open(outsider)).status).toBe(404);
    });

    it("walks 120 referrals in pages of 50 through the API", async () => {
      const sender = await f.user(await f.organization({ party: "jcci", prefecture: 5 }));
      const receiver = await f.organization({ party: "inpit", prefecture: 5 });
      const company = await f.company({ prefecture: 5 });
      const consent = await f.consent(company, sender);
      const base = Date.UTC(2025, 6, 1);
      // Pairs share an instant, so that ties are broken by id across page boundaries too.
      for (let i = 0; i < 120; i += 1) await f.referral({ from: sender, to: receiver, company, consent, sentAt: new Date(base + Math.floor(i / 2) * 1000) });

      const seen: string[] = [];
      const sizes: number[] = [];
      let path = "/api/v1/referrals?box=outbox&limit=50";
      for (;;) {
        const { status, body } = await call(listReferrals, path, sender);
        expect(status).toBe(200);
        seen.push(...ids(body));
        sizes.push(ids(body).length);
        if (!body.nextCursor) break;
        path = `/api/v1/referrals?box=outbox&limit=50&cursor=${body.nextCursor as string}`;
      }
      expect(sizes).toEqual([50, 50, 20]);
      expect(new Set(seen).size).toBe(120);
    });
  });

  describe("failures", () => {
    it("answers 500 as JSON without a stack trace or SQL, and logs the error on the server", async () => {
      expectConsoleError();
      const explode: ApiHandler = async () => {
        throw new Error('relation "secret_table" does not exist');
      };
      const { status, body, headers } = await call(explode, "/api/v1/boom", a.ishikawaCoordinator);
      expect(status).toBe(500);
      expect(body).toEqual({ error: { code: "unexpected", message: "予期しないエラーが発生しました。時間をおいて再度お試しください。" } });
      expect(JSON.stringify(body)).not.toMatch(/secret_table|at .*\.ts/);
      expect(headers.get("cache-control")).toBe("no-store");
    });

    it("answers a failing session read as a JSON 500, not an HTML error page", async () => {
      expectConsoleError();
      const response = await handleApiRequest(
        new Request("http://localhost/api/v1/me"),
        {
          actorUserId: async () => {
            throw new Error("MissingSecret");
          },
          db: t.db,
        },
        getMe,
      );
      expect(response.status).toBe(500);
      expect(((await response.json()) as Json).error!.code).toBe("unexpected");
    });
  });
});
