import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { and, asc, eq } from "drizzle-orm";
import type { z } from "zod";
import { auditLog, notifications, referralEvents, referrals, type Referral, type ReferralStatus } from "@/db/schema";
import { runAction, type ActionDefinition, type ActionResult } from "@/lib/authz/action";
import type { Actor } from "@/lib/authz/actor";
import { createFixtures, seedNetwork, type ConsentScopes, type Fixtures } from "@/lib/test/fixtures";
import { createTestDb, TEST_ENGINES, type TestDb } from "@/lib/test/db";
import { keyed } from "@/lib/test/keyed";
import { sendReferral } from "./send-referral";
import { TRANSITIONS, type ReferralTransition } from "./state-machine";
import {
  acceptReferral,
  assignReferralHandler,
  closeLoggedReferral,
  completeReferral,
  declineReferral,
  REFERRAL_TRANSITION_ACTIONS,
  revokeReferral,
  startReferral,
  withdrawReferral,
} from "./transition-referral";

/** Every reason and feedback field filled: what a refusal test must rule out is the side and the state. */
const ALL_FIELDS = { declineReason: "担当できる弁理士がいない", outcomeFeedback: "調査報告書を提出した", withdrawReason: "企業が依頼を取りやめた" };

describe.each(TEST_ENGINES)("referral transitions (%s)", (engine) => {
  let t: TestDb;
  let f: Fixtures;
  let network: Awaited<ReturnType<typeof seedNetwork>>;
  let a: Awaited<ReturnType<typeof seedNetwork>>["actors"];
  /** A second attorney of 北陸会: the colleague who answers at the same moment. */
  let secondAttorney: Actor;
  let attorneyManager: Actor;

  beforeAll(async () => {
    t = await createTestDb(engine);
    f = await createFixtures(t.db);
    network = await seedNetwork(f);
    a = network.actors;
    secondAttorney = await f.user(network.orgs.hokurikuJpaa, "coordinator", "北陸 弁理士二");
    attorneyManager = await f.user(network.orgs.hokurikuJpaa, "manager", "北陸 会長");
  });
  afterAll(() => t?.cleanup());

  const run = <S extends z.ZodType, R>(action: ActionDefinition<S, R>, actor: Actor, input: unknown) =>
    runAction(action, input, { actorUserId: actor.userId, db: t.db });

  /** 石川 INPIT refers a company of its case to 弁理士会 北陸会, through the real action. */
  async function sent(consent: ConsentScopes = { consultationSummary: true }): Promise<Referral> {
    const company = await f.company({ prefecture: 17, createdBy: a.ishikawaCoordinator });
    const kase = await f.case({ company, lead: a.ishikawaCoordinator });
    const recorded = await f.consent(company, a.ishikawaCoordinator, consent);
    const result = await run(sendReferral, a.ishikawaCoordinator, keyed({
      caseId: kase.id,
      consentId: recorded.id,
      toOrgId: network.orgs.hokurikuJpaa.id,
      service: "prior_art_search",
      reason: "出願前の先行技術調査",
    }));
    if (!result.ok) throw new Error(`send failed: ${result.message}`);
    return readReferral(result.data.id);
  }

  /** The same referral, placed directly in a state (with its events along the usual path). */
  async function inStatus(status: ReferralStatus): Promise<Referral> {
    if (status === "logged") return logged();
    const company = await f.company({ prefecture: 17, createdBy: a.ishikawaCoordinator });
    return f.referral({ from: a.ishikawaCoordinator, to: network.orgs.hokurikuJpaa, company, status, consent: { consultationSummary: true } });
  }

  async function logged(): Promise<Referral> {
    const company = await f.company({ prefecture: 17, createdBy: a.ishikawaCoordinator });
    const consent = await f.consent(company, a.ishikawaCoordinator);
    const result = await run(sendReferral, a.ishikawaCoordinator, keyed({
      companyId: company.id,
      consentId: consent.id,
      externalRecipient: "北國銀行 金沢支店",
      followUpOn: "2999-01-15",
      service: "subsidy_funding",
      reason: "知財を活用した融資の相談",
    }));
    if (!result.ok) throw new Error(`send failed: ${result.message}`);
    return readReferral(result.data.id);
  }

  async function readReferral(id: string): Promise<Referral> {
    const [row] = await t.db.select().from(referrals).where(eq(referrals.id, id));
    return row!;
  }

  /** Everything a transition may write about a referral: the row, its events, its audit rows, its notifications. */
  async function snapshot(id: string) {
    const [row, events, audits, told] = await Promise.all([
      readReferral(id),
      t.db.select().from(referralEvents).where(eq(referralEvents.referralId, id)).orderBy(asc(referralEvents.at)),
      t.db.select().from(auditLog).where(and(eq(auditLog.entityType, "referral"), eq(auditLog.entityId, id))),
      t.db.select().from(notifications).where(eq(notifications.entityId, id)),
    ]);
    return { row, events, audits, told };
  }

  /**
   * Runs moves at the same moment. On PostgreSQL the overlap is forced, not left to timing: a third
   * transaction holds the referral's row lock until every move has read the referral and is waiting to
   * UPDATE it, then lets go — the worst interleaving, every time. PGlite has one connection and runs
   * transactions one after another; there the later move reads the committed result of the earlier one.
   */
  async function race<T>(referralId: string, moves: () => Promise<T>[]): Promise<T[]> {
    if (engine !== "postgres") return Promise.all(moves());
    let started: Promise<T[]> | undefined;
    await t.db.transaction(async (tx) => {
      await tx.select({ id: referrals.id }).from(referrals).where(eq(referrals.id, referralId)).for("update");
      started = Promise.all(moves());
      await waitForLockWaiters(2);
    });
    return started!;
  }

  async function waitForLockWaiters(count: number) {
    for (let attempt = 0; attempt < 400; attempt += 1) {
      const [row] = await t.raw<{ n: number }>(
        "select count(*)::int as n from pg_stat_activity where datname = current_database() and wait_event_type = 'Lock'",
      );
      if (row!.n >= count) return;
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    throw new Error(`fewer than ${count} transactions ever waited for the referral's row`);
  }

  const notified = async (id: string, kind: string) =>
    (await t.db.select().from(notifications).where(and(eq(notifications.entityId, id), eq(notifications.kind, kind)))).map((n) => n.userId).sort();

  describe("the closed loop: accept, start, complete", () => {
    it("accepts with a handler: stamps who and when, records the event and audit, tells the sender and the handler", async () => {
      const referral = await sent();
      const result = await run(acceptReferral, a.attorney, { referralId: referral.id, handlerUserId: secondAttorney.userId, version: 1 });
      expect(result).toMatchObject({ ok: true, data: { status: "accepted", version: 2, changed: true } });

      const after = await snapshot(referral.id);
      expect(after.row).toMatchObject({ status: "accepted", respondedByUserId: a.attorney.userId, handlerUserId: secondAttorney.userId, version: 2 });
      expect(after.row.acceptedAt).toBeInstanceOf(Date);
      expect(after.events.at(-1)).toMatchObject({ fromStatus: "sent", toStatus: "accepted", actorUserId: a.attorney.userId });
      const accepts = after.audits.filter((row) => row.action === "referral.accept");
      expect(accepts).toHaveLength(1);
      expect(accepts[0]).toMatchObject({ actorUserId: a.attorney.userId, actorOrgId: network.orgs.hokurikuJpaa.id });
      expect((accepts[0]!.before as Referral).status).toBe("sent");
      expect((accepts[0]!.after as Referral).status).toBe("accepted");

      expect(await notified(referral.id, "referral.accepted")).toEqual([a.ishikawaCoordinator.userId]);
      expect(await notified(referral.id, "referral.assigned")).toEqual([secondAttorney.userId]);
      const [message] = after.told.filter((n) => n.kind === "referral.accepted");
      expect(message!.params).toMatchObject({ code: referral.code, orgName: "日本弁理士会 北陸会" });
    });

    it("starts and completes with feedback to the sender", async () => {
      const referral = await sent();
      expect(await run(acceptReferral, a.attorney, { referralId: referral.id })).toMatchObject({ ok: true });
      expect(await run(startReferral, a.attorney, { referralId: referral.id })).toMatchObject({ ok: true, data: { status: "in_progress" } });
      expect(await notified(referral.id, "referral.completed")).toEqual([]);
      const done = await run(completeReferral, secondAttorney, { referralId: referral.id, outcomeFeedback: "先行技術調査の報告書を提出。出願を推奨。" });
      expect(done).toMatchObject({ ok: true, data: { status: "completed", version: 4 } });

      const after = await snapshot(referral.id);
      expect(after.row).toMatchObject({ status: "completed", outcomeFeedback: "先行技術調査の報告書を提出。出願を推奨。" });
      expect(after.row.startedAt).toBeInstanceOf(Date);
      expect(after.row.completedAt).toBeInstanceOf(Date);
      expect(after.events.map((e) => e.toStatus)).toEqual(["sent", "accepted", "in_progress", "completed"]);
      expect(after.events.at(-1)!.note).toBe("先行技術調査の報告書を提出。出願を推奨。");
      expect(await notified(referral.id, "referral.completed")).toEqual([a.ishikawaCoordinator.userId]);
    });

    it("completes straight from accepted", async () => {
      const referral = await inStatus("accepted");
      expect(await run(completeReferral, a.attorney, { referralId: referral.id, outcomeFeedback: "相談一回で解決" })).toMatchObject({
        ok: true,
        data: { status: "completed" },
      });
    });

    it("declines with a reason and tells the sender", async () => {
      const referral = await sent();
      const result = await run(declineReferral, a.attorney, { referralId: referral.id, declineReason: "利益相反のため" });
      expect(result).toMatchObject({ ok: true, data: { status: "declined" } });
      const after = await snapshot(referral.id);
      expect(after.row).toMatchObject({ status: "declined", declineReason: "利益相反のため", respondedByUserId: a.attorney.userId });
      expect(after.events.at(-1)).toMatchObject({ fromStatus: "sent", toStatus: "declined", note: "利益相反のため" });
      expect(await notified(referral.id, "referral.declined")).toEqual([a.ishikawaCoordinator.userId]);
    });

    it("tells the sender's managers when the sender has left", async () => {
      const sender = await f.user(network.orgs.ishikawaInpit, "coordinator", "異動予定 者");
      const company = await f.company({ prefecture: 17, createdBy: sender });
      const referral = await f.referral({ from: sender, to: network.orgs.hokurikuJpaa, company });
      await f.deactivate(sender);
      expect(await run(declineReferral, a.attorney, { referralId: referral.id, declineReason: "対象外" })).toMatchObject({ ok: true });
      expect(await notified(referral.id, "referral.declined")).toEqual([a.ishikawaManager.userId]);
    });
  });

  describe("the sender's moves", () => {
    it("withdraws before acceptance with a reason, and tells the receiving desk", async () => {
      const referral = await sent();
      const result = await run(withdrawReferral, a.ishikawaColleague, { referralId: referral.id, withdrawReason: "企業が自社で対応" });
      expect(result).toMatchObject({ ok: true, data: { status: "withdrawn" } });
      const after = await snapshot(referral.id);
      expect(after.row).toMatchObject({ status: "withdrawn", withdrawReason: "企業が自社で対応" });
      expect(after.row.withdrawnAt).toBeInstanceOf(Date);
      expect(await notified(referral.id, "referral.withdrawn")).toEqual([a.attorney.userId, secondAttorney.userId, attorneyManager.userId].sort());
    });

    it("lets the sender's manager revoke an open referral — sent, accepted or in progress — and tells the receiver and handler", async () => {
      for (const status of ["sent", "accepted", "in_progress"] as const) {
        const referral = await inStatus(status);
        const result = await run(revokeReferral, a.ishikawaManager, { referralId: referral.id, withdrawReason: "企業の同意撤回" });
        expect(result).toMatchObject({ ok: true, data: { status: "revoked" } });
        expect((await readReferral(referral.id)).withdrawReason).toBe("企業の同意撤回");
        expect(await notified(referral.id, "referral.revoked")).toContain(a.attorney.userId);
      }
    });

    it("withdraws or closes a logged referral after following it up", async () => {
      const toClose = await logged();
      expect(await run(closeLoggedReferral, a.ishikawaCoordinator, { referralId: toClose.id, outcomeFeedback: "融資が決まった" })).toMatchObject({
        ok: true,
        data: { status: "completed" },
      });
      expect(await readReferral(toClose.id)).toMatchObject({ outcomeFeedback: "融資が決まった" });
      const toWithdraw = await logged();
      expect(await run(withdrawReferral, a.ishikawaCoordinator, { referralId: toWithdraw.id, withdrawReason: "企業が見送り" })).toMatchObject({
        ok: true,
        data: { status: "withdrawn" },
      });
      expect(await t.db.select().from(notifications).where(eq(notifications.entityId, toClose.id))).toEqual([]);
    });
  });

  describe("refusals change nothing", () => {
    type Who = { label: string; actor: () => Actor; side: "sender" | "receiver"; manager: boolean };
    const WHO: Who[] = [
      { label: "receiver", actor: () => a.attorney, side: "receiver", manager: false },
      { label: "sender coordinator", actor: () => a.ishikawaCoordinator, side: "sender", manager: false },
      { label: "sender manager", actor: () => a.ishikawaManager, side: "sender", manager: true },
    ];
    const STATUSES: ReferralStatus[] = ["sent", "accepted", "declined", "in_progress", "completed", "withdrawn", "revoked", "logged"];

    /** The lifecycle table of DOMAIN.md, stated as the answer each side gets. */
    function expectedCode(transition: ReferralTransition, status: ReferralStatus, who: Who): "ok" | "forbidden" | "conflict" {
      const rule = TRANSITIONS[transition];
      if (rule.side !== who.side) return "forbidden";
      if (rule.managerOnly && !who.manager) return "forbidden";
      return rule.from.includes(status) ? "ok" : "conflict";
    }

    it("answers every transition from every state for each side as the lifecycle says, and a refusal writes nothing", async () => {
      const outcomes: string[] = [];
      for (const status of STATUSES) {
        for (const transition of Object.keys(TRANSITIONS) as ReferralTransition[]) {
          for (const who of WHO) {
            // A logged referral has no receiver in Renkei.
            if (status === "logged" && who.side === "receiver") continue;
            const referral = await inStatus(status);
            const before = await snapshot(referral.id);
            const result = await run(REFERRAL_TRANSITION_ACTIONS[transition], who.actor(), { referralId: referral.id, ...ALL_FIELDS });
            const expected = expectedCode(transition, status, who);
            const got = result.ok ? "ok" : result.code;
            outcomes.push(`${status} ${transition} by ${who.label}: ${got}`);
            expect(got, `${transition} from ${status} by ${who.label}`).toBe(expected);
            const after = await snapshot(referral.id);
            if (expected === "ok") {
              expect(after.row.status).toBe(TRANSITIONS[transition].to);
              expect(after.row.version).toBe(before.row.version + 1);
              expect(after.events).toHaveLength(before.events.length + 1);
              expect(after.audits).toHaveLength(before.audits.length + 1);
            } else {
              expect(after, `${transition} from ${status} by ${who.label} wrote something`).toEqual(before);
            }
          }
        }
      }
      // 7 states × 7 transitions × 3 actors, and the logged state from the sender's two actors.
      expect(outcomes).toHaveLength(7 * 7 * 3 + 7 * 2);
      expect(outcomes.filter((o) => o.endsWith(": ok"))).toHaveLength(14);
    });

    it("tells a refused user the state the referral is in and who put it there", async () => {
      const referral = await sent();
      expect(await run(declineReferral, a.attorney, { referralId: referral.id, declineReason: "対象外" })).toMatchObject({ ok: true });
      const late = await run(withdrawReferral, a.ishikawaCoordinator, { referralId: referral.id, withdrawReason: "取り下げたい" });
      expect(late).toMatchObject({
        ok: false,
        code: "conflict",
        message: "この連携依頼は状態が変わったため、この操作はできません。最新の状態を確認してください。",
        current: { status: "declined", version: 2, by: { userId: a.attorney.userId, name: "北陸 弁理士" } },
      });
    });

    it("hides the referral from a third organization and refuses an administrator, for every transition", async () => {
      const referral = await sent();
      const before = await snapshot(referral.id);
      for (const transition of Object.keys(TRANSITIONS) as ReferralTransition[]) {
        for (const outsider of [a.toyamaCoordinator, a.bureauManager, a.chamberAdvisor]) {
          const result = await run(REFERRAL_TRANSITION_ACTIONS[transition], outsider, { referralId: referral.id, ...ALL_FIELDS });
          // A coordinator has no revoke permission at all: forbidden before the referral is even looked up.
          const expected = transition === "revoke" && outsider.role !== "manager" ? "forbidden" : "not_found";
          expect(result, `${transition} by ${outsider.name}`).toMatchObject({ ok: false, code: expected });
        }
        expect(await run(REFERRAL_TRANSITION_ACTIONS[transition], a.admin, { referralId: referral.id, ...ALL_FIELDS })).toMatchObject({
          ok: false,
          code: "forbidden",
        });
      }
      expect(await snapshot(referral.id)).toEqual(before);
    });

    it("refuses revocation by a coordinator of the sending organization", async () => {
      const referral = await inStatus("accepted");
      const before = await snapshot(referral.id);
      expect(await run(revokeReferral, a.ishikawaCoordinator, { referralId: referral.id, withdrawReason: "理由" })).toMatchObject({
        ok: false,
        code: "forbidden",
      });
      // The receiving organization's manager is a manager, but not of the sender: still not theirs to revoke.
      expect(await run(revokeReferral, attorneyManager, { referralId: referral.id, withdrawReason: "理由" })).toMatchObject({
        ok: false,
        code: "forbidden",
      });
      expect(await snapshot(referral.id)).toEqual(before);
    });

    it("requires the decline reason, the outcome feedback and the withdrawal reason", async () => {
      const cases: [ActionDefinition<z.ZodType, unknown>, Actor, ReferralStatus, string, string][] = [
        [declineReferral, a.attorney, "sent", "declineReason", "辞退の理由を入力してください。"],
        [completeReferral, a.attorney, "in_progress", "outcomeFeedback", "対応結果（依頼元へのフィードバック）を入力してください。"],
        [withdrawReferral, a.ishikawaCoordinator, "sent", "withdrawReason", "取下げ・取消の理由を入力してください。"],
        [revokeReferral, a.ishikawaManager, "accepted", "withdrawReason", "取下げ・取消の理由を入力してください。"],
        [closeLoggedReferral, a.ishikawaCoordinator, "logged", "outcomeFeedback", "対応結果（依頼元へのフィードバック）を入力してください。"],
      ];
      for (const [action, actor, status, field, message] of cases) {
        const referral = await inStatus(status);
        const before = await snapshot(referral.id);
        for (const blank of [{}, { [field]: "   " }]) {
          expect(await run(action, actor, { referralId: referral.id, ...blank })).toMatchObject({
            ok: false,
            code: "invalid",
            fieldErrors: { [field]: [message] },
          });
        }
        expect(await snapshot(referral.id)).toEqual(before);
      }
    });

    it("refuses a handler who is not an active user of the receiving organization", async () => {
      const referral = await sent();
      const leaver = await f.user(network.orgs.hokurikuJpaa, "coordinator");
      await f.deactivate(leaver);
      const before = await snapshot(referral.id);
      for (const handlerUserId of [a.ishikawaCoordinator.userId, leaver.userId]) {
        expect(await run(acceptReferral, a.attorney, { referralId: referral.id, handlerUserId })).toMatchObject({
          ok: false,
          code: "invalid",
          fieldErrors: { handlerUserId: [expect.stringContaining("受付機関")] },
        });
      }
      expect(await snapshot(referral.id)).toEqual(before);
    });

    it("refuses a stale version with the current state", async () => {
      const referral = await inStatus("accepted");
      await run(assignReferralHandler, a.attorney, { referralId: referral.id, handlerUserId: secondAttorney.userId });
      const before = await snapshot(referral.id);
      expect(await run(startReferral, a.attorney, { referralId: referral.id, version: 1 })).toMatchObject({
        ok: false,
        code: "conflict",
        current: { status: "accepted", version: 2 },
      });
      expect(await snapshot(referral.id)).toEqual(before);
    });

    it("treats an unknown or malformed id as not found or invalid", async () => {
      expect(await run(acceptReferral, a.attorney, { referralId: "00000000-0000-4000-8000-000000000000" })).toMatchObject({ ok: false, code: "not_found" });
      expect(await run(acceptReferral, a.attorney, { referralId: "RF-R8-0001" })).toMatchObject({ ok: false, code: "invalid" });
    });
  });

  describe("two people at once", () => {
    it("lets exactly one of two receivers accept; the other is told who did, and one audit row and one event are written", async () => {
      const referral = await sent();
      const results = await race(referral.id, () => [
        run(acceptReferral, a.attorney, { referralId: referral.id }),
        run(acceptReferral, secondAttorney, { referralId: referral.id }),
      ]);
      const winners = results.filter((r) => r.ok);
      const losers = results.filter((r): r is Extract<ActionResult<unknown>, { ok: false }> => !r.ok);
      expect(winners).toHaveLength(1);
      expect(losers).toHaveLength(1);
      const winnerId = results[0]!.ok ? a.attorney.userId : secondAttorney.userId;
      expect(losers[0]).toMatchObject({
        code: "conflict",
        message: "この連携依頼には既に他の人が回答したか、依頼元が取り下げました。最新の状態を確認してください。",
        current: { status: "accepted", by: { userId: winnerId } },
      });

      const after = await snapshot(referral.id);
      expect(after.row).toMatchObject({ status: "accepted", respondedByUserId: winnerId, version: 2 });
      expect(after.audits.filter((row) => row.action === "referral.accept")).toHaveLength(1);
      expect(after.events.filter((e) => e.toStatus === "accepted")).toHaveLength(1);
      expect(await notified(referral.id, "referral.accepted")).toEqual([a.ishikawaCoordinator.userId]);
    });

    it("lets exactly one of an acceptance and a decline through", async () => {
      const referral = await sent();
      const results = await race(referral.id, () => [
        run(acceptReferral, a.attorney, { referralId: referral.id }),
        run(declineReferral, secondAttorney, { referralId: referral.id, declineReason: "多忙" }),
      ]);
      expect(results.filter((r) => r.ok)).toHaveLength(1);
      expect(results.find((r) => !r.ok)).toMatchObject({ code: "conflict" });
      const after = await snapshot(referral.id);
      expect(after.events).toHaveLength(2);
      expect(after.row.status).toBe(results[0]!.ok ? "accepted" : "declined");
    });

    it("lets exactly one of the sender's withdrawal and the receiver's acceptance through", async () => {
      const referral = await sent();
      const results = await race(referral.id, () => [
        run(withdrawReferral, a.ishikawaCoordinator, { referralId: referral.id, withdrawReason: "重複送信" }),
        run(acceptReferral, a.attorney, { referralId: referral.id }),
      ]);
      expect(results.filter((r) => r.ok)).toHaveLength(1);
      const after = await snapshot(referral.id);
      expect(after.row.status).toBe(results[0]!.ok ? "withdrawn" : "accepted");
      expect(after.events).toHaveLength(2);
    });
  });

  describe("repeating a move", () => {
    it("answers the same person's repeated acceptance with ok and writes nothing more", async () => {
      const referral = await sent();
      expect(await run(acceptReferral, a.attorney, { referralId: referral.id, version: 1 })).toMatchObject({ ok: true, data: { changed: true } });
      const before = await snapshot(referral.id);
      // A double submit carries the version the form was rendered with: the repeat is still no conflict.
      expect(await run(acceptReferral, a.attorney, { referralId: referral.id, version: 1 })).toEqual({
        ok: true,
        data: { id: referral.id, code: referral.code, status: "accepted", version: 2, changed: false },
      });
      expect(await snapshot(referral.id)).toEqual(before);
    });

    it("answers the same person's repeated decline (even without the reason) with ok and writes nothing more", async () => {
      const referral = await sent();
      await run(declineReferral, a.attorney, { referralId: referral.id, declineReason: "対象外" });
      const before = await snapshot(referral.id);
      expect(await run(declineReferral, a.attorney, { referralId: referral.id })).toMatchObject({ ok: true, data: { changed: false } });
      expect(await snapshot(referral.id)).toEqual(before);
    });

    it("tells a colleague who repeats it that it was already done, and by whom", async () => {
      const referral = await sent();
      await run(acceptReferral, a.attorney, { referralId: referral.id });
      const before = await snapshot(referral.id);
      expect(await run(acceptReferral, secondAttorney, { referralId: referral.id })).toMatchObject({
        ok: false,
        code: "conflict",
        current: { status: "accepted", by: { userId: a.attorney.userId, name: "北陸 弁理士" } },
      });
      expect(await snapshot(referral.id)).toEqual(before);
    });
  });

  describe("changing the handler", () => {
    it("lets the receiver hand a live referral to another of its users, audited, and tells the new handler", async () => {
      const referral = await sent();
      await run(acceptReferral, a.attorney, { referralId: referral.id, handlerUserId: a.attorney.userId });
      const result = await run(assignReferralHandler, attorneyManager, { referralId: referral.id, handlerUserId: secondAttorney.userId, version: 2 });
      expect(result).toMatchObject({ ok: true, data: { version: 3, changed: true } });
      const after = await snapshot(referral.id);
      expect(after.row.handlerUserId).toBe(secondAttorney.userId);
      expect(after.audits.filter((row) => row.action === "referral.assign_handler")).toHaveLength(1);
      expect(after.events).toHaveLength(2); // not a state transition
      expect(await notified(referral.id, "referral.assigned")).toEqual([secondAttorney.userId]);

      const again = await run(assignReferralHandler, attorneyManager, { referralId: referral.id, handlerUserId: secondAttorney.userId });
      expect(again).toMatchObject({ ok: true, data: { changed: false } });
      expect(await snapshot(referral.id)).toEqual(after);
    });

    it("refuses the sender, a third organization, a handler from elsewhere, and a referral that is not live", async () => {
      const live = await inStatus("in_progress");
      const before = await snapshot(live.id);
      expect(await run(assignReferralHandler, a.ishikawaManager, { referralId: live.id, handlerUserId: a.ishikawaCoordinator.userId })).toMatchObject({
        ok: false,
        code: "forbidden",
      });
      expect(await run(assignReferralHandler, a.toyamaCoordinator, { referralId: live.id, handlerUserId: a.toyamaCoordinator.userId })).toMatchObject({
        ok: false,
        code: "not_found",
      });
      expect(await run(assignReferralHandler, a.attorney, { referralId: live.id, handlerUserId: a.chamberAdvisor.userId })).toMatchObject({
        ok: false,
        code: "invalid",
      });
      expect(await snapshot(live.id)).toEqual(before);
      for (const status of ["sent", "completed", "declined"] as const) {
        const referral = await inStatus(status);
        expect(await run(assignReferralHandler, a.attorney, { referralId: referral.id, handlerUserId: secondAttorney.userId })).toMatchObject({
          ok: false,
          code: "conflict",
        });
      }
    });
  });
});
