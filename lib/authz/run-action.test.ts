import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { and, eq, sql } from "drizzle-orm";
import { z } from "zod";
import { auditLog, organizations, partyKinds, users } from "@/db/schema";
import { expectAuditLogRefusal } from "@/lib/test/audit-log";
import { createTestDb, TEST_ENGINES, type TestDb } from "@/lib/test/db";
import { expectConsoleError } from "@/lib/test/setup";
import { defineAction, runAction } from "./action";
import { ConflictError, DomainValidationError, NotFoundError } from "./errors";

/** A small real action: rename an organization the actor belongs to, with optimistic concurrency. */
const renameOwnOrganization = defineAction({
  name: "organization.rename-own",
  permission: "case:update",
  schema: z.object({ name: z.string().trim().min(1).max(50), version: z.coerce.number().int() }),
  handler: async ({ actor, tx, input, audit }) => {
    if (input.name === "missing") throw new NotFoundError("organization");
    if (input.name === "taboo") throw new DomainValidationError({ name: ["errors.invalidInput"] });
    const [before] = await tx.select().from(organizations).where(eq(organizations.id, actor.orgId));
    if (!before) throw new NotFoundError("organization");
    const updated = await tx
      .update(organizations)
      .set({ nameJa: input.name, version: sql`${organizations.version} + 1` })
      .where(and(eq(organizations.id, actor.orgId), eq(organizations.version, input.version)))
      .returning();
    if (updated.length === 0) throw new ConflictError("errors.conflict", { name: before.nameJa, version: before.version });
    await audit({ action: "organization.rename", entityType: "organization", entityId: actor.orgId, before, after: updated[0] });
    if (input.name === "explode") throw new Error("boom after the write");
    return { version: updated[0]!.version };
  },
});

const forgetsToAudit = defineAction({
  name: "test.no-audit",
  permission: "case:update",
  schema: z.object({}),
  handler: async () => "done",
});

describe.each(TEST_ENGINES)("runAction (%s)", (engine) => {
  let t: TestDb;
  let coordinatorId: string;
  let adminId: string;
  let inactiveId: string;
  let orgId: string;

  beforeAll(async () => {
    t = await createTestDb(engine);
    await t.db.insert(partyKinds).values({ key: "inpit", nameJa: "INPIT", nameEn: "INPIT" });
    const [org] = await t.db.insert(organizations).values({ nameJa: "INPIT 石川県知財総合支援窓口", partyKindKey: "inpit" }).returning();
    const [system] = await t.db.insert(organizations).values({ nameJa: "運営事務局", isSystem: true }).returning();
    orgId = org!.id;
    const rows = await t.db
      .insert(users)
      .values([
        { email: "c@example.jp", name: "支援 担当", organizationId: orgId, role: "coordinator" },
        { email: "a@example.jp", name: "管理 者", organizationId: system!.id, role: "admin" },
        { email: "x@example.jp", name: "退職 者", organizationId: orgId, role: "coordinator", isActive: false },
      ])
      .returning();
    [coordinatorId, adminId, inactiveId] = rows.map((r) => r.id) as [string, string, string];
  });
  afterAll(() => t.cleanup());

  const auditCount = async () => (await t.db.select().from(auditLog)).length;

  it("refuses a signed-out caller and a deactivated user as unauthenticated", async () => {
    const input = { name: "新名称", version: 1 };
    expect(await runAction(renameOwnOrganization, input, { actorUserId: null, db: t.db })).toMatchObject({ ok: false, code: "unauthenticated" });
    expect(await runAction(renameOwnOrganization, input, { actorUserId: inactiveId, db: t.db })).toMatchObject({ ok: false, code: "unauthenticated" });
  });

  it("refuses a role without the permission and changes nothing", async () => {
    const before = await auditCount();
    const result = await runAction(renameOwnOrganization, { name: "新名称", version: 1 }, { actorUserId: adminId, db: t.db });
    expect(result).toMatchObject({ ok: false, code: "forbidden", message: "この操作を行う権限がありません。" });
    expect(await auditCount()).toBe(before);
  });

  it("parses FormData and answers invalid input in Japanese, echoing what was typed", async () => {
    const form = new FormData();
    form.set("name", "");
    form.set("version", "1");
    const result = await runAction(renameOwnOrganization, form, { actorUserId: coordinatorId, db: t.db });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.code).toBe("invalid");
    expect(result.fieldErrors?.name?.[0]).toMatch(/[ぁ-んァ-ン一-龯]/);
    expect(result.values).toEqual({ name: "", version: "1" });
  });

  it("answers in English when asked", async () => {
    const result = await runAction(renameOwnOrganization, { name: "", version: 1 }, { actorUserId: coordinatorId, db: t.db, locale: "en" });
    expect(result).toMatchObject({ ok: false, message: "Please check what you entered." });
  });

  it("commits the change together with its audit row", async () => {
    const before = await auditCount();
    const result = await runAction(renameOwnOrganization, { name: "INPIT 石川", version: 1 }, { actorUserId: coordinatorId, db: t.db });
    expect(result).toEqual({ ok: true, data: { version: 2 } });
    const rows = await t.db.select().from(auditLog).where(eq(auditLog.action, "organization.rename"));
    expect(await auditCount()).toBe(before + 1);
    expect(rows[0]).toMatchObject({ actorUserId: coordinatorId, actorOrgId: orgId, entityId: orgId });
    expect((rows[0]!.after as { nameJa: string }).nameJa).toBe("INPIT 石川");
  });

  it("refuses a stale version with the current record and does not overwrite", async () => {
    const result = await runAction(renameOwnOrganization, { name: "古い編集", version: 1 }, { actorUserId: coordinatorId, db: t.db });
    expect(result).toMatchObject({ ok: false, code: "conflict", current: { name: "INPIT 石川", version: 2 } });
    const [org] = await t.db.select().from(organizations).where(eq(organizations.id, orgId));
    expect(org!.nameJa).toBe("INPIT 石川");
  });

  it("maps not-found and domain validation errors", async () => {
    expect(await runAction(renameOwnOrganization, { name: "missing", version: 2 }, { actorUserId: coordinatorId, db: t.db })).toMatchObject({
      ok: false,
      code: "not_found",
    });
    const invalid = await runAction(renameOwnOrganization, { name: "taboo", version: 2 }, { actorUserId: coordinatorId, db: t.db });
    expect(invalid).toMatchObject({ ok: false, code: "invalid", fieldErrors: { name: ["入力内容を確認してください。"] } });
  });

  it("rolls back the write and its audit row when the handler fails after writing", async () => {
    expectConsoleError();
    const before = await auditCount();
    const result = await runAction(renameOwnOrganization, { name: "explode", version: 2 }, { actorUserId: coordinatorId, db: t.db });
    expect(result).toMatchObject({ ok: false, code: "unexpected" });
    const [org] = await t.db.select().from(organizations).where(eq(organizations.id, orgId));
    expect(org).toMatchObject({ nameJa: "INPIT 石川", version: 2 });
    expect(await auditCount()).toBe(before);
  });

  it("refuses an action that wrote no audit row", async () => {
    expectConsoleError();
    expect(await runAction(forgetsToAudit, {}, { actorUserId: coordinatorId, db: t.db })).toMatchObject({ ok: false, code: "unexpected" });
  });

  it("keeps the audit log append-only in the database itself: the trigger refuses UPDATE, DELETE and TRUNCATE", async () => {
    // The row exists, so a row-level trigger has something to refuse (zero matched rows would fire nothing).
    expect((await t.db.select().from(auditLog).where(eq(auditLog.action, "organization.rename"))).length).toBe(1);
    await expectAuditLogRefusal(t.db.update(auditLog).set({ action: "tampered" }).where(eq(auditLog.action, "organization.rename")), "UPDATE");
    await expectAuditLogRefusal(t.db.delete(auditLog).where(eq(auditLog.action, "organization.rename")), "DELETE");
    await expectAuditLogRefusal(t.db.execute(sql`truncate audit_log`), "TRUNCATE");
    expect((await t.db.select().from(auditLog).where(eq(auditLog.action, "organization.rename"))).length).toBe(1);
  });
});
