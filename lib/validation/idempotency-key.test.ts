import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { and, count, eq } from "drizzle-orm";
import type { PgTable } from "drizzle-orm/pg-core";
import { auditLog, companyContacts, confidentialNotes, consents, ipRights, organizations, outcomes, partyKinds, referrals, users } from "@/db/schema";
import { addConfidentialNote } from "@/lib/cases/add-confidential-note";
import { recordOutcome } from "@/lib/cases/record-outcome";
import { saveContact } from "@/lib/companies/save-contact";
import { saveIpRight } from "@/lib/companies/save-ip-right";
import { addPartyKind } from "@/lib/admin/add-party-kind";
import { inviteUser } from "@/lib/admin/invite-user";
import { saveOrganization } from "@/lib/admin/save-organization";
import { runAction, type ActionResult } from "@/lib/authz/action";
import type { Actor } from "@/lib/authz/actor";
import { recordConsent } from "@/lib/referrals/record-consent";
import { sendReferral } from "@/lib/referrals/send-referral";
import { createFixtures, seedNetwork, type Fixtures } from "@/lib/test/fixtures";
import { createTestDb, TEST_ENGINES, type TestDb } from "@/lib/test/db";

/**
 * "A double-submitted form creates one record", on the server: every form that creates a record carries a
 * one-time key (lib/validation/idempotency-key.ts), its schema requires it, a partial unique index per creator
 * holds it, and a second submit with the same key finds the first record and changes and audits nothing.
 * (Companies, cases and activities have the same specification beside their own actions.) Inviting a user and
 * adding a party kind carry no key: the record has a unique natural key of its own (the e-mail, the kind's key),
 * so a second submit is refused as taken and still only one record exists.
 */

const KEY_REQUIRED = "送信キー（idempotencyKey）がありません。二重登録を防ぐため、新規作成の送信には UUID 形式の送信キーが必要です。画面から送信した場合は、再読み込みしてからもう一度送信してください。";
const KEY_INVALID = "送信キー（idempotencyKey）は UUID 形式で指定してください。";

type Created = { id: string; replayed: boolean };

interface CreateForm {
  name: string;
  table: PgTable;
  /** The audit row the first submit writes. */
  auditAction: string;
  /** Who submits the form, and a colleague who may submit the same form too. */
  who: () => { actor: Actor; colleague: Actor };
  /** What the form posts, without its key. */
  input: () => Promise<Record<string, unknown>>;
  submit: (actor: Actor, input: Record<string, unknown>) => Promise<ActionResult<Created>>;
}

describe.each(TEST_ENGINES)("the one-time key of every create form (%s)", (engine) => {
  let t: TestDb;
  let f: Fixtures;
  let net: Awaited<ReturnType<typeof seedNetwork>>;
  let secondAdmin: Actor;

  beforeAll(async () => {
    t = await createTestDb(engine);
    f = await createFixtures(t.db);
    net = await seedNetwork(f);
    secondAdmin = await f.user(f.systemOrgId, "admin", "運営 管理者2");
  });
  afterAll(() => t?.cleanup());

  const as = (actor: Actor) => ({ actorUserId: actor.userId, db: t.db });
  const desk = () => ({ actor: net.actors.ishikawaCoordinator, colleague: net.actors.ishikawaColleague });
  const deskCompany = () => f.company({ prefecture: 17, createdBy: net.actors.ishikawaCoordinator });
  const deskCase = async () => f.case({ company: await deskCompany(), lead: net.actors.ishikawaCoordinator, members: [net.actors.ishikawaColleague] });

  const forms: CreateForm[] = [
    {
      name: "recording a consent",
      table: consents,
      auditAction: "consent.record",
      who: desk,
      input: async () => ({ companyId: (await deskCompany()).id, obtainedOn: "2025-05-01", method: "written", scopeConsultationSummary: "on" }),
      submit: (actor, input) => runAction(recordConsent, input, as(actor)),
    },
    {
      name: "sending a referral",
      table: referrals,
      auditAction: "referral.send",
      who: desk,
      input: async () => {
        const company = await deskCompany();
        const kase = await f.case({ company, lead: net.actors.ishikawaCoordinator, members: [net.actors.ishikawaColleague] });
        const consent = await f.consent(company, net.actors.ishikawaCoordinator);
        return { caseId: kase.id, consentId: consent.id, toOrgId: net.orgs.hokurikuJpaa.id, service: "prior_art_search", reason: "先行技術を確認したい" };
      },
      submit: (actor, input) => runAction(sendReferral, input, as(actor)),
    },
    {
      name: "adding a contact person",
      table: companyContacts,
      auditAction: "contact.create",
      who: desk,
      input: async () => ({ companyId: (await deskCompany()).id, name: "山田 花子", email: "hanako@example.jp" }),
      submit: (actor, input) => runAction(saveContact, input, as(actor)),
    },
    {
      name: "adding an IP right",
      table: ipRights,
      auditAction: "ip_right.create",
      who: desk,
      input: async () => ({ companyId: (await deskCompany()).id, kind: "trademark", title: "能登ブルー", status: "filed", applicationNumber: "商願2025-012345" }),
      submit: (actor, input) => runAction(saveIpRight, input, as(actor)),
    },
    {
      name: "recording an outcome",
      table: outcomes,
      auditAction: "outcome.record",
      who: desk,
      input: async () => ({ caseId: (await deskCase()).id, kind: "ip_filing", ipKind: "patent", applicationNumber: "特願2025-000123", description: "特許出願", achievedOn: "2025-05-01" }),
      submit: (actor, input) => runAction(recordOutcome, input, as(actor)),
    },
    {
      name: "adding a confidential note",
      table: confidentialNotes,
      auditAction: "confidential_note.add",
      who: desk,
      input: async () => ({ caseId: (await deskCase()).id, body: "未出願の改良点: 金型の冷却経路" }),
      submit: (actor, input) => runAction(addConfidentialNote, input, as(actor)),
    },
    {
      name: "registering an organization",
      table: organizations,
      auditAction: "organization.create",
      who: () => ({ actor: net.actors.admin, colleague: secondAdmin }),
      input: async () => ({ nameJa: "福井商工会議所", partyKindKey: "jcci", prefectureCode: "18" }),
      submit: (actor, input) => runAction(saveOrganization, input, as(actor)),
    },
  ];

  const rowsIn = async (table: PgTable) => Number((await t.db.select({ n: count() }).from(table))[0]!.n);
  const auditRows = async () => Number((await t.db.select({ n: count() }).from(auditLog))[0]!.n);
  const auditRowsOf = async (action: string, entityId: string) =>
    Number((await t.db.select({ n: count() }).from(auditLog).where(and(eq(auditLog.action, action), eq(auditLog.entityId, entityId))))[0]!.n);

  describe.each(forms.map((form) => [form.name, form] as const))("%s", (_name, form) => {
    it("creates one record and one audit row when the same form is submitted twice, and answers the second with the first", async () => {
      const { actor } = form.who();
      const input = { ...(await form.input()), idempotencyKey: randomUUID() };
      const before = await Promise.all([rowsIn(form.table), auditRows()]);

      const first = await form.submit(actor, input);
      const second = await form.submit(actor, input);

      expect(first).toMatchObject({ ok: true, data: { replayed: false } });
      expect(second).toMatchObject({ ok: true, data: { replayed: true } });
      if (!first.ok || !second.ok) return;
      expect(second.data).toEqual({ ...first.data, replayed: true });
      expect(await Promise.all([rowsIn(form.table), auditRows()])).toEqual([before[0] + 1, before[1] + 1]);
      expect(await auditRowsOf(form.auditAction, first.data.id)).toBe(1);
    });

    it("creates one record and one audit row when the submits arrive at the same moment", async () => {
      const { actor } = form.who();
      const input = { ...(await form.input()), idempotencyKey: randomUUID() };
      const before = await Promise.all([rowsIn(form.table), auditRows()]);

      const results = await Promise.all([1, 2, 3, 4].map(() => form.submit(actor, input)));

      expect(results.map((r) => r.ok)).toEqual([true, true, true, true]);
      const data = results.flatMap((r) => (r.ok ? [r.data] : []));
      expect(new Set(data.map((d) => d.id)).size).toBe(1);
      expect(data.filter((d) => !d.replayed)).toHaveLength(1);
      expect(await Promise.all([rowsIn(form.table), auditRows()])).toEqual([before[0] + 1, before[1] + 1]);
    });

    it("refuses a submit without a key, or with a malformed one, next to the key, and creates nothing", async () => {
      const { actor } = form.who();
      const input = await form.input();
      const before = await Promise.all([rowsIn(form.table), auditRows()]);

      for (const idempotencyKey of [undefined, "", "   "]) {
        expect(await form.submit(actor, { ...input, idempotencyKey }), JSON.stringify(idempotencyKey)).toMatchObject({
          ok: false,
          code: "invalid",
          fieldErrors: { idempotencyKey: [KEY_REQUIRED] },
        });
      }
      expect(await form.submit(actor, { ...input, idempotencyKey: "double-click-1" })).toMatchObject({
        ok: false,
        code: "invalid",
        fieldErrors: { idempotencyKey: [KEY_INVALID] },
      });
      expect(await Promise.all([rowsIn(form.table), auditRows()])).toEqual(before);
    });

    it("treats the same key from another user as another form", async () => {
      const { actor, colleague } = form.who();
      const input = { ...(await form.input()), idempotencyKey: randomUUID() };
      const before = await rowsIn(form.table);

      const mine = await form.submit(actor, input);
      const theirs = await form.submit(colleague, input);

      expect(mine).toMatchObject({ ok: true, data: { replayed: false } });
      expect(theirs).toMatchObject({ ok: true, data: { replayed: false } });
      if (!mine.ok || !theirs.ok) return;
      expect(theirs.data.id).not.toBe(mine.data.id);
      expect(await rowsIn(form.table)).toBe(before + 2);
    });
  });

  describe("forms whose record has a unique natural key", () => {
    it("invites one user when the invitation is submitted twice, at once or in a row: the e-mail is taken", async () => {
      const input = { email: "double.submit@example.jp", name: "二重 送信", organizationId: net.orgs.kanazawaJcci.id, role: "coordinator" };
      const before = await Promise.all([rowsIn(users), auditRows()]);

      const atOnce = await Promise.all([1, 2, 3].map(() => runAction(inviteUser, input, as(net.actors.admin))));
      const again = await runAction(inviteUser, { ...input, email: "Double.Submit@example.jp" }, as(net.actors.admin));

      expect(atOnce.filter((r) => r.ok)).toHaveLength(1);
      for (const refused of [...atOnce.filter((r) => !r.ok), again]) {
        expect(refused).toMatchObject({ ok: false, code: "invalid", fieldErrors: { email: [expect.stringContaining("使われています")] } });
      }
      expect(await Promise.all([rowsIn(users), auditRows()])).toEqual([before[0] + 1, before[1] + 1]);
    });

    it("adds one party kind when the form is submitted twice at once: the key is taken", async () => {
      const input = { key: "double_kind", nameJa: "二重送信機関", nameEn: "Double submit" };
      const before = await Promise.all([rowsIn(partyKinds), auditRows()]);

      const results = await Promise.all([1, 2].map(() => runAction(addPartyKind, input, as(net.actors.admin))));

      expect(results.filter((r) => r.ok)).toHaveLength(1);
      expect(results.find((r) => !r.ok)).toMatchObject({ code: "invalid", fieldErrors: { key: [expect.any(String)] } });
      expect(await Promise.all([rowsIn(partyKinds), auditRows()])).toEqual([before[0] + 1, before[1] + 1]);
    });
  });
});
