import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { count, eq } from "drizzle-orm";
import { auditLog, organizations, partyKinds, userRole, users } from "@/db/schema";
import { handleApiRequest } from "@/lib/api/handle-api-request";
import { getMe } from "@/lib/api/v1";
import { verifyCredentials } from "@/lib/auth/verify-credentials";
import { runAction } from "@/lib/authz/action";
import { loadActor, type Actor } from "@/lib/authz/actor";
import { can } from "@/lib/authz/can";
import { InvalidCursorError } from "@/lib/pagination";
import { createFixtures, seedNetwork, type Fixtures } from "@/lib/test/fixtures";
import { createTestDb, TEST_ENGINES, type TestDb } from "@/lib/test/db";
import { keyed } from "@/lib/test/keyed";
import { addPartyKind } from "./add-party-kind";
import { changeUserRole } from "./change-user-role";
import { inviteUser } from "./invite-user";
import { issueInitialPassword } from "./issue-initial-password";
import { listOrganizationOptionsForAdmin, listOrganizationsForAdmin, listPartyKindsForAdmin, listUsersForAdmin } from "./queries";
import { USER_ROLES } from "./roles";
import { saveOrganization } from "./save-organization";
import { setOrganizationActive } from "./set-organization-active";
import { setUserActive } from "./set-user-active";

describe("the roles the admin forms offer", () => {
  it("are exactly the roles of the database enum", () => {
    expect([...USER_ROLES].sort()).toEqual([...userRole.enumValues].sort());
  });
});

describe.each(TEST_ENGINES)("user and organization administration (%s)", (engine) => {
  let t: TestDb;
  let f: Fixtures;
  let network: Awaited<ReturnType<typeof seedNetwork>>;
  let admin: Actor;

  beforeAll(async () => {
    t = await createTestDb(engine);
    f = await createFixtures(t.db);
    network = await seedNetwork(f);
    admin = network.actors.admin;
  });
  afterAll(() => t?.cleanup());

  const as = (actor: Actor) => ({ actorUserId: actor.userId, db: t.db });
  const auditCount = async () => Number((await t.db.select({ n: count() }).from(auditLog))[0]!.n);
  const userRow = async (id: string) => (await t.db.select().from(users).where(eq(users.id, id)))[0]!;
  const invite = (input: Partial<{ email: string; name: string; organizationId: string; role: string }> = {}) =>
    runAction(
      inviteUser,
      {
        email: `new-${Math.random().toString(36).slice(2, 8)}@example.jp`,
        name: "新規 利用者",
        organizationId: network.orgs.ishikawaInpit.id,
        role: "coordinator",
        ...input,
      },
      as(admin),
    );

  describe("inviting a user", () => {
    it("creates the account with a one-time initial password that signs in, and audits it without the password", async () => {
      const result = await invite({ email: "Yamada.Taro@Example.jp", name: "山田 太郎" });
      if (!result.ok) throw new Error(result.message);
      const { id, initialPassword } = result.data;
      expect(initialPassword).toMatch(/^[a-zA-Z2-9]{4}(-[a-zA-Z2-9]{4}){3}$/);
      expect(await verifyCredentials(t.db, "yamada.taro@example.jp", initialPassword)).toMatchObject({ ok: true, userId: id });

      const stored = await userRow(id);
      expect(stored.passwordHash).not.toContain(initialPassword);
      const [row] = await t.db.select().from(auditLog).where(eq(auditLog.action, "user.invite"));
      expect(row).toMatchObject({ actorUserId: admin.userId, actorOrgId: admin.orgId, entityType: "user", entityId: id });
      const written = JSON.stringify(row);
      expect(written).not.toContain(initialPassword);
      expect(written).not.toContain(stored.passwordHash!);
      expect(row!.after).toMatchObject({ email: "Yamada.Taro@Example.jp", role: "coordinator", organizationId: network.orgs.ishikawaInpit.id });
    });

    it("gives each invitation a different password", async () => {
      const a = await invite();
      const b = await invite();
      expect(a.ok && b.ok && a.data.initialPassword !== b.data.initialPassword).toBe(true);
    });

    it("refuses an e-mail already in use, whatever its case, and creates nothing", async () => {
      const before = await auditCount();
      const result = await invite({ email: "YAMADA.taro@example.JP" });
      expect(result).toMatchObject({ ok: false, code: "invalid", fieldErrors: { email: ["このメールアドレスはすでに使われています。"] } });
      expect(await auditCount()).toBe(before);
    });

    it("keeps administrators in the system organization and everyone else out of it", async () => {
      expect(await invite({ role: "admin" })).toMatchObject({ ok: false, fieldErrors: { role: [expect.stringContaining("システム管理組織")] } });
      expect(await invite({ organizationId: f.systemOrgId, role: "manager" })).toMatchObject({ ok: false, code: "invalid" });
      expect(await invite({ organizationId: f.systemOrgId, role: "admin" })).toMatchObject({ ok: true });
    });

    it("refuses an organization that is deactivated or does not exist", async () => {
      const closed = await f.organization({ party: "jcci", prefecture: 18 });
      await t.db.update(organizations).set({ isActive: false }).where(eq(organizations.id, closed.id));
      expect(await invite({ organizationId: closed.id })).toMatchObject({ ok: false, fieldErrors: { organizationId: ["有効な組織を選んでください。"] } });
      expect(await invite({ organizationId: "3f2504e0-4f89-41d3-9a0c-0305e82c3301" })).toMatchObject({ ok: false, code: "invalid" });
    });

    it("is refused to everyone but administrators, managers included, and changes nothing", async () => {
      const before = await auditCount();
      const usersBefore = (await t.db.select({ n: count() }).from(users))[0]!.n;
      for (const actor of [network.actors.ishikawaManager, network.actors.bureauManager, network.actors.attorney]) {
        expect(await runAction(inviteUser, { email: "x@example.jp", name: "x", organizationId: actor.orgId, role: "coordinator" }, as(actor))).toMatchObject({
          ok: false,
          code: "forbidden",
        });
      }
      expect(await auditCount()).toBe(before);
      expect((await t.db.select({ n: count() }).from(users))[0]!.n).toBe(usersBefore);
    });
  });

  describe("deactivating a user", () => {
    it("takes effect on the user's next request: no actor, no action, a 401 from the API, no sign-in", async () => {
      const invited = await invite({ email: "leaving@example.jp" });
      if (!invited.ok) throw new Error(invited.message);
      const user = await f.reload(invited.data.id);
      const me = () => handleApiRequest(new Request("http://localhost/api/v1/me"), { actorUserId: user.userId, db: t.db }, getMe);
      expect((await me()).status).toBe(200);

      const result = await runAction(setUserActive, { userId: user.userId, version: 1, active: false }, as(admin));
      expect(result).toMatchObject({ ok: true, data: { isActive: false, version: 2 } });

      expect(await loadActor(t.db, user.userId)).toBeNull();
      expect((await me()).status).toBe(401);
      expect(await runAction(inviteUser, {}, as(user))).toMatchObject({ ok: false, code: "unauthenticated" });
      expect(await verifyCredentials(t.db, "leaving@example.jp", invited.data.initialPassword)).toMatchObject({ ok: false });

      const [row] = await t.db.select().from(auditLog).where(eq(auditLog.action, "user.deactivate"));
      expect(row).toMatchObject({ entityId: user.userId, before: { isActive: true }, after: { isActive: false } });

      expect(await runAction(setUserActive, { userId: user.userId, version: 2, active: true }, as(admin))).toMatchObject({ ok: true, data: { isActive: true } });
      expect(await loadActor(t.db, user.userId)).not.toBeNull();
    });

    it("changes nothing and records nothing when the user is already in that state", async () => {
      const user = await f.user(network.orgs.toyamaInpit);
      const before = await auditCount();
      expect(await runAction(setUserActive, { userId: user.userId, version: 1, active: true }, as(admin))).toMatchObject({ ok: true, data: { version: 1 } });
      expect(await auditCount()).toBe(before);
    });

    it("refuses a stale form with the user as it is now", async () => {
      const user = await f.user(network.orgs.toyamaInpit);
      await runAction(changeUserRole, { userId: user.userId, version: 1, role: "manager" }, as(admin));
      expect(await runAction(setUserActive, { userId: user.userId, version: 1, active: false }, as(admin))).toMatchObject({
        ok: false,
        code: "conflict",
        current: { role: "manager", isActive: true, version: 2 },
      });
      expect((await userRow(user.userId)).isActive).toBe(true);
    });

    it("does not let administrators deactivate or demote themselves", async () => {
      const me = await userRow(admin.userId);
      for (const result of [
        await runAction(setUserActive, { userId: admin.userId, version: me.version, active: false }, as(admin)),
        await runAction(changeUserRole, { userId: admin.userId, version: me.version, role: "coordinator" }, as(admin)),
      ]) {
        expect(result).toMatchObject({ ok: false, code: "invalid", fieldErrors: { _form: [expect.stringContaining("自分自身")] } });
      }
      expect(await userRow(admin.userId)).toMatchObject({ isActive: true, role: "admin" });
    });

    it("leaves one administrator when the last two deactivate each other at the same moment", async () => {
      const other = await f.user(f.systemOrgId, "admin");
      // Only these two are active administrators during the race.
      const bystanders = (await t.db.select().from(users).where(eq(users.role, "admin"))).filter(
        (u) => u.isActive && u.id !== admin.userId && u.id !== other.userId,
      );
      for (const b of bystanders) await t.db.update(users).set({ isActive: false }).where(eq(users.id, b.id));
      const me = await userRow(admin.userId);

      const results = await Promise.all([
        runAction(setUserActive, { userId: other.userId, version: 1, active: false }, as(admin)),
        runAction(setUserActive, { userId: admin.userId, version: me.version, active: false }, as(other)),
      ]);
      expect(results.filter((r) => r.ok)).toHaveLength(1);
      const active = (await t.db.select().from(users).where(eq(users.role, "admin"))).filter((u) => u.isActive && [admin.userId, other.userId].includes(u.id));
      expect(active).toHaveLength(1);

      // Put the world back for the tests below: `admin` active, the others as they were.
      await t.db.update(users).set({ isActive: true }).where(eq(users.id, admin.userId));
      for (const b of bystanders) await t.db.update(users).set({ isActive: true }).where(eq(users.id, b.id));
    });
  });

  describe("changing a role", () => {
    it("applies on the next request: the permissions follow the role", async () => {
      const user = await f.user(network.orgs.ishikawaInpit, "coordinator");
      expect(can(user, "kpi:set")).toBe(false);
      const result = await runAction(changeUserRole, { userId: user.userId, version: 1, role: "manager" }, as(admin));
      expect(result).toMatchObject({ ok: true, data: { role: "manager", version: 2 } });
      const reloaded = await f.reload(user);
      expect(reloaded.role).toBe("manager");
      expect(can(reloaded, "kpi:set")).toBe(true);
      const [row] = await t.db.select().from(auditLog).where(eq(auditLog.entityId, user.userId));
      expect(row).toMatchObject({ action: "user.change_role", before: { role: "coordinator" }, after: { role: "manager" } });
    });

    it("refuses to make anyone an administrator outside the system organization", async () => {
      const user = await f.user(network.orgs.ishikawaInpit, "coordinator");
      expect(await runAction(changeUserRole, { userId: user.userId, version: 1, role: "admin" }, as(admin))).toMatchObject({ ok: false, code: "invalid" });
      expect((await userRow(user.userId)).role).toBe("coordinator");
    });

    it("answers not found for a user id that does not exist", async () => {
      expect(await runAction(changeUserRole, { userId: "3f2504e0-4f89-41d3-9a0c-0305e82c3301", version: 1, role: "manager" }, as(admin))).toMatchObject({
        ok: false,
        code: "not_found",
      });
    });
  });

  describe("issuing a new initial password", () => {
    it("replaces the old password, lifts a lockout and shows the new one once", async () => {
      const invited = await invite({ email: "forgot@example.jp" });
      if (!invited.ok) throw new Error(invited.message);
      await t.db.update(users).set({ lockedUntil: new Date(Date.now() + 600_000), failedSignInCount: 3 }).where(eq(users.id, invited.data.id));
      const result = await runAction(issueInitialPassword, { userId: invited.data.id, version: 1 }, as(admin));
      if (!result.ok) throw new Error(result.message);
      expect(result.data.initialPassword).not.toBe(invited.data.initialPassword);
      expect(await verifyCredentials(t.db, "forgot@example.jp", invited.data.initialPassword)).toMatchObject({ ok: false });
      expect(await verifyCredentials(t.db, "forgot@example.jp", result.data.initialPassword)).toMatchObject({ ok: true });
      const [row] = await t.db.select().from(auditLog).where(eq(auditLog.action, "user.issue_initial_password"));
      expect(JSON.stringify(row)).not.toContain(result.data.initialPassword);
    });

    it("is not for one's own account", async () => {
      const me = await userRow(admin.userId);
      expect(await runAction(issueInitialPassword, { userId: admin.userId, version: me.version }, as(admin))).toMatchObject({ ok: false, code: "invalid" });
    });
  });

  describe("organizations", () => {
    it("creates one in a prefecture, taking the block from the prefecture", async () => {
      const result = await runAction(saveOrganization, keyed({ nameJa: "福井商工会議所", partyKindKey: "jcci", prefectureCode: "18" }), as(admin));
      if (!result.ok) throw new Error(result.message);
      const [org] = await t.db.select().from(organizations).where(eq(organizations.id, result.data.id));
      expect(org).toMatchObject({ nameJa: "福井商工会議所", partyKindKey: "jcci", prefectureCode: 18, blockCode: "kinki", isActive: true });
    });

    it("creates a national body without block or prefecture", async () => {
      const result = await runAction(saveOrganization, keyed({ nameJa: "特許庁 地域政策室", partyKindKey: "meti" }), as(admin));
      if (!result.ok) throw new Error(result.message);
      const [org] = await t.db.select().from(organizations).where(eq(organizations.id, result.data.id));
      expect(org).toMatchObject({ blockCode: null, prefectureCode: null });
    });

    it("refuses a prefecture outside the chosen block, and an unknown party kind", async () => {
      expect(await runAction(saveOrganization, keyed({ nameJa: "x", partyKindKey: "inpit", blockCode: "tohoku", prefectureCode: 17 }), as(admin))).toMatchObject({
        ok: false,
        fieldErrors: { prefectureCode: ["都道府県が選んだブロックに含まれていません。"] },
      });
      expect(await runAction(saveOrganization, keyed({ nameJa: "x", partyKindKey: "unknown" }), as(admin))).toMatchObject({
        ok: false,
        fieldErrors: { partyKindKey: [expect.any(String)] },
      });
    });

    it("edits with the version it read and refuses a stale edit", async () => {
      const org = await f.organization({ party: "inpit", prefecture: 16, name: "INPIT 旧名称" });
      const input = { id: org.id, nameJa: "INPIT 富山県窓口", partyKindKey: "inpit", prefectureCode: 16 };
      expect(await runAction(saveOrganization, { ...input, version: 1 }, as(admin))).toMatchObject({ ok: true, data: { version: 2 } });
      expect(await runAction(saveOrganization, { ...input, nameJa: "古い編集", version: 1 }, as(admin))).toMatchObject({
        ok: false,
        code: "conflict",
        current: { nameJa: "INPIT 富山県窓口", version: 2 },
      });
    });

    it("does not let anyone edit or deactivate the system organization", async () => {
      expect(await runAction(saveOrganization, { id: f.systemOrgId, version: 1, nameJa: "x", partyKindKey: "meti" }, as(admin))).toMatchObject({
        ok: false,
        code: "not_found",
      });
      expect(await runAction(setOrganizationActive, { organizationId: f.systemOrgId, version: 1, active: false }, as(admin))).toMatchObject({
        ok: false,
        code: "not_found",
      });
    });

    it("signs out an organization's users when it is deactivated, and back in when it is reactivated", async () => {
      const org = await f.organization({ party: "jcci", prefecture: 16 });
      const member = await f.user(org);
      expect(await runAction(setOrganizationActive, { organizationId: org.id, version: 1, active: false }, as(admin))).toMatchObject({ ok: true });
      expect(await loadActor(t.db, member.userId)).toBeNull();
      expect(await runAction(setOrganizationActive, { organizationId: org.id, version: 2, active: true }, as(admin))).toMatchObject({ ok: true });
      expect(await loadActor(t.db, member.userId)).not.toBeNull();
    });

    it("are managed by administrators only", async () => {
      const before = await auditCount();
      for (const actor of [network.actors.bureauManager, network.actors.ishikawaManager, network.actors.chamberAdvisor]) {
        expect(await runAction(saveOrganization, keyed({ nameJa: "x", partyKindKey: "jcci" }), as(actor))).toMatchObject({ ok: false, code: "forbidden" });
        expect(await runAction(setOrganizationActive, { organizationId: actor.orgId, version: 1, active: false }, as(actor))).toMatchObject({
          ok: false,
          code: "forbidden",
        });
      }
      expect(await auditCount()).toBe(before);
    });
  });

  describe("party kinds are data", () => {
    it("lets an administrator add the SME Agency, whose people then get their role's permissions", async () => {
      const result = await runAction(addPartyKind, { key: "SMEA", nameJa: "中小企業庁", nameEn: "SME Agency" }, as(admin));
      expect(result).toMatchObject({ ok: true, data: { key: "smea" } });
      const kinds = await t.db.select().from(partyKinds).where(eq(partyKinds.key, "smea"));
      expect(kinds[0]).toMatchObject({ nameJa: "中小企業庁", isActive: true });

      const created = await runAction(saveOrganization, keyed({ nameJa: "中小企業庁 知財支援室", partyKindKey: "smea" }), as(admin));
      if (!created.ok) throw new Error(created.message);
      const invited = await invite({ organizationId: created.data.id, role: "coordinator" });
      if (!invited.ok) throw new Error(invited.message);
      const person = await f.reload(invited.data.id);
      expect(person.partyKind).toBe("smea");
      expect(can(person, "referral:send")).toBe(true);
      expect(can(person, "company:create")).toBe(true);
    });

    it("refuses a taken, malformed or reserved key", async () => {
      expect(await runAction(addPartyKind, { key: "jpaa", nameJa: "x", nameEn: "x" }, as(admin))).toMatchObject({ ok: false, fieldErrors: { key: [expect.any(String)] } });
      for (const key of ["1abc", "a", "with space", "system", "external"]) {
        expect(await runAction(addPartyKind, { key, nameJa: "x", nameEn: "x" }, as(admin)), key).toMatchObject({ ok: false, code: "invalid" });
      }
    });
  });

  describe("the administration lists", () => {
    it("show users, organizations and party kinds to administrators only", async () => {
      expect((await listUsersForAdmin(t.db, admin)).items.length).toBeGreaterThan(5);
      expect((await listUsersForAdmin(t.db, admin, { q: "北陸" })).items).toEqual([expect.objectContaining({ name: "北陸 弁理士" })]);
      expect((await listUsersForAdmin(t.db, admin, { role: "admin" })).items.every((u) => u.role === "admin")).toBe(true);
      expect((await listOrganizationsForAdmin(t.db, admin)).items[0]).toMatchObject({ isSystem: true });
      expect((await listOrganizationOptionsForAdmin(t.db, admin))[0]).toMatchObject({ isSystem: true });
      expect((await listPartyKindsForAdmin(t.db, admin)).map((k) => k.key)).toEqual(expect.arrayContaining(["meti", "inpit", "jpaa", "jcci"]));

      const manager = network.actors.ishikawaManager;
      const nothing = { items: [], nextCursor: null, total: 0 };
      expect(await listUsersForAdmin(t.db, manager)).toEqual(nothing);
      expect(await listOrganizationsForAdmin(t.db, manager)).toEqual(nothing);
      expect(await listOrganizationOptionsForAdmin(t.db, manager)).toEqual([]);
      expect(await listPartyKindsForAdmin(t.db, manager)).toEqual([]);
    });

    it("page users and organizations in the lists' order, none skipped or repeated, each page knowing the total", async () => {
      const org = await f.organization({ party: "jcci", prefecture: 17, name: "ページ送り商工会議所" });
      // People of one organization with the same name: only the id orders them.
      for (let i = 0; i < 7; i += 1) await f.user(org, "coordinator", "同名 太郎");
      const all = await listUsersForAdmin(t.db, admin, {}, new Date(), { limit: 200 });
      expect(all.nextCursor).toBeNull();
      const walk = async <T extends { id: string }>(read: (cursor?: string) => Promise<{ items: T[]; nextCursor: string | null; total: number }>) => {
        const seen: string[] = [];
        const totals = new Set<number>();
        let cursor: string | undefined;
        do {
          const page = await read(cursor);
          seen.push(...page.items.map((item) => item.id));
          totals.add(page.total);
          cursor = page.nextCursor ?? undefined;
        } while (cursor);
        return { seen, totals: [...totals] };
      };
      const users = await walk((cursor) => listUsersForAdmin(t.db, admin, {}, new Date(), { cursor, limit: 3 }));
      expect(users.seen).toEqual(all.items.map((u) => u.id));
      expect(users.totals).toEqual([all.total]);
      const namesakes = await walk((cursor) => listUsersForAdmin(t.db, admin, { organizationId: org.id }, new Date(), { cursor, limit: 2 }));
      expect(namesakes.totals).toEqual([7]);
      expect(new Set(namesakes.seen).size).toBe(7);

      const allOrgs = await listOrganizationsForAdmin(t.db, admin, { limit: 200 });
      const orgs = await walk((cursor) => listOrganizationsForAdmin(t.db, admin, { cursor, limit: 2 }));
      expect(orgs.seen).toEqual(allOrgs.items.map((o) => o.id));
      expect(orgs.totals).toEqual([allOrgs.total]);
      expect((await listOrganizationOptionsForAdmin(t.db, admin)).map((o) => o.id)).toEqual(orgs.seen);
      await expect(listUsersForAdmin(t.db, admin, {}, new Date(), { cursor: "garbage!" })).rejects.toBeInstanceOf(InvalidCursorError);
    });

    it("treat % and _ typed into the search as characters", async () => {
      expect((await listUsersForAdmin(t.db, admin, { q: "%" })).items).toEqual([]);
    });
  });
});
