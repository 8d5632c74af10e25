import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { and, eq, sql } from "drizzle-orm";
import { auditLog, organizations, users } from "@/db/schema";
import { verifyPassword } from "@/lib/auth/password";
import { seedReference } from "@/db/seed/reference";
import { SYSTEM_ORGANIZATION } from "@/db/seed/data/reference";
import { createTestDb, TEST_ENGINES, type TestDb } from "@/lib/test/db";
import { CliError, createUserFromCli, MIN_PASSWORD_LENGTH, parseCreateUserArgs } from "./create-user";

const PASSWORD = "correct-horse-battery";

describe("parseCreateUserArgs", () => {
  it("reads --flag value and --flag=value forms", () => {
    expect(parseCreateUserArgs(["--email", "a@b.jp", "--name=山田 太郎", "--role", "admin", "--password-stdin"])).toEqual({
      email: "a@b.jp",
      name: "山田 太郎",
      role: "admin",
      org: undefined,
      passwordStdin: true,
    });
    expect(parseCreateUserArgs(["--email=a@b.jp", "--name", "x", "--role=coordinator", "--org", "金沢商工会議所"]).org).toBe("金沢商工会議所");
  });

  it.each([
    [["--name", "x", "--role", "admin"], /required/],
    [["--email", "a@b.jp", "--name", "x", "--role", "superuser"], /--role must be one of/],
    [["--email", "a@b.jp", "--name", "x", "--role", "admin", "--password", "secret"], /unknown argument "--password"/],
    [["--email", "--name", "x", "--role", "admin"], /--email needs a value/],
  ])("refuses %j", (argv, message) => {
    expect(() => parseCreateUserArgs(argv)).toThrow(message);
  });
});

describe.each(TEST_ENGINES)("createUserFromCli on %s", (engine) => {
  let db: TestDb;
  let kanazawaId: string;
  beforeAll(async () => {
    db = await createTestDb(engine);
    await seedReference(db.db);
    const created = await db.db
      .insert(organizations)
      .values([
        { nameJa: "金沢商工会議所", partyKindKey: "jcci", blockCode: "chubu", prefectureCode: 17 },
        { nameJa: "閉鎖済み窓口", partyKindKey: "inpit", blockCode: "chubu", prefectureCode: 17, isActive: false },
      ])
      .returning({ id: organizations.id });
    kanazawaId = created[0]!.id;
  });
  afterAll(async () => {
    await db?.cleanup();
  });

  const userCount = () => db.db.$count(users);

  it("creates an administrator in the system organization, with a password that verifies and an audit row", async () => {
    const user = await createUserFromCli(db.db, { email: "First.Admin@example.jp", name: " 山田 太郎 ", role: "admin", password: PASSWORD });
    expect(user.organizationName).toBe(SYSTEM_ORGANIZATION.nameJa);
    const [row] = await db.db.select().from(users).where(eq(users.id, user.id));
    expect(row).toMatchObject({ email: "First.Admin@example.jp", name: "山田 太郎", role: "admin", organizationId: SYSTEM_ORGANIZATION.id });
    expect(await verifyPassword(row!.passwordHash!, PASSWORD)).toBe(true);
    expect(await verifyPassword(row!.passwordHash!, `${PASSWORD}x`)).toBe(false);

    const [audit] = await db.db.select().from(auditLog).where(and(eq(auditLog.action, "user.create"), eq(auditLog.entityId, user.id)));
    expect(audit).toMatchObject({ actorUserId: null, actorOrgId: null, entityType: "user", meta: { via: "cli" } });
    expect(JSON.stringify(audit!.after)).not.toContain(row!.passwordHash!);
  });

  it("puts a coordinator in the organization named exactly, or given by id", async () => {
    const byName = await createUserFromCli(db.db, { email: "c1@example.jp", name: "中川 翔太", role: "coordinator", org: "金沢商工会議所", password: PASSWORD });
    const byId = await createUserFromCli(db.db, { email: "c2@example.jp", name: "田中 恵子", role: "manager", org: kanazawaId, password: PASSWORD });
    for (const user of [byName, byId]) {
      const [row] = await db.db.select({ organizationId: users.organizationId }).from(users).where(eq(users.id, user.id));
      expect(row?.organizationId).toBe(kanazawaId);
    }
  });

  it("refuses an e-mail that exists in any letter case, and creates nothing", async () => {
    const before = await userCount();
    const audits = await db.db.$count(auditLog, eq(auditLog.action, "user.create"));
    await expect(createUserFromCli(db.db, { email: "first.admin@EXAMPLE.JP", name: "別人", role: "admin", password: PASSWORD })).rejects.toThrow(
      /already exists/,
    );
    expect(await userCount()).toBe(before);
    expect(await db.db.$count(auditLog, eq(auditLog.action, "user.create"))).toBe(audits);
  });

  it(`refuses a password under ${MIN_PASSWORD_LENGTH} characters and accepts one of exactly ${MIN_PASSWORD_LENGTH}`, async () => {
    const before = await userCount();
    await expect(
      createUserFromCli(db.db, { email: "short@example.jp", name: "x", role: "admin", password: "a".repeat(MIN_PASSWORD_LENGTH - 1) }),
    ).rejects.toThrow(CliError);
    expect(await userCount()).toBe(before);
    await createUserFromCli(db.db, { email: "short@example.jp", name: "x", role: "admin", password: "a".repeat(MIN_PASSWORD_LENGTH) });
    expect(await userCount()).toBe(before + 1);
  });

  it.each([
    [{ role: "coordinator" as const }, /--org is required/],
    [{ role: "manager" as const, org: SYSTEM_ORGANIZATION.nameJa }, /only administrators belong to the system organization/],
    [{ role: "coordinator" as const, org: "金沢商工" }, /no organization with the id or exact name/],
    [{ role: "coordinator" as const, org: "00000000-0000-4000-8000-000000000000" }, /no organization/],
    [{ role: "coordinator" as const, org: "閉鎖済み窓口" }, /deactivated/],
  ])("refuses %j", async (options, message) => {
    const before = await userCount();
    await expect(createUserFromCli(db.db, { email: "refused@example.jp", name: "x", password: PASSWORD, ...options })).rejects.toThrow(message);
    expect(await userCount()).toBe(before);
  });

  it("refuses what is not an e-mail address", async () => {
    await expect(createUserFromCli(db.db, { email: "not-an-address", name: "x", role: "admin", password: PASSWORD })).rejects.toThrow(
      /not an e-mail address/,
    );
  });

  it("refuses two organizations of the same name instead of guessing", async () => {
    await db.db.insert(organizations).values({ nameJa: "金沢商工会議所", partyKindKey: "jcci", blockCode: "chubu", prefectureCode: 17 });
    await expect(
      createUserFromCli(db.db, { email: "twin@example.jp", name: "x", role: "coordinator", org: "金沢商工会議所", password: PASSWORD }),
    ).rejects.toThrow(/several organizations/);
    expect(await db.db.$count(users, eq(sql`lower(${users.email})`, "twin@example.jp"))).toBe(0);
  });
});
