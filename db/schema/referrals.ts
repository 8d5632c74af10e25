import { boolean, check, date, index, pgEnum, pgTable, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { sql } from "drizzle-orm";
import { cases } from "./cases";
import { companies } from "./companies";
import { organizations } from "./organizations";
import { users } from "./users";
import { codeNumber, codeSeries, timestamps, version } from "./_shared";

export const consentMethod = pgEnum("consent_method", ["written", "verbal", "electronic"]);

/**
 * 同意記録: the company's recorded consent to share information with another body. Together with the
 * referral that uses it, this is the APPI record of provision that both sides keep.
 */
export const consents = pgTable(
  "consents",
  {
    id: uuid().primaryKey().defaultRandom(),
    companyId: uuid()
      .notNull()
      .references(() => companies.id),
    obtainedOn: date().notNull(),
    method: consentMethod().notNull(),
    /** What may be shared: the basic profile, the consultation summary, pre-filing confidential notes. */
    scopeBasicProfile: boolean().notNull().default(true),
    scopeConsultationSummary: boolean().notNull().default(false),
    scopeConfidentialNotes: boolean().notNull().default(false),
    /** Who gave consent on the company's side (a person: personal data). */
    givenBy: text(),
    notes: text(),
    recordedByUserId: uuid()
      .notNull()
      .references(() => users.id),
    organizationId: uuid()
      .notNull()
      .references(() => organizations.id),
    revokedAt: timestamp({ withTimezone: true }),
    /** The consent form's one-time key: a double submit finds the first consent instead of recording a second. */
    idempotencyKey: text(),
    ...timestamps,
  },
  (t) => [
    index().on(t.companyId),
    uniqueIndex().on(t.recordedByUserId, t.idempotencyKey).where(sql`${t.idempotencyKey} is not null`),
  ],
);
export type Consent = typeof consents.$inferSelect;

/**
 * 依頼中 (sent) → 受付 (accepted) | 辞退 (declined) → 対応中 (in_progress) → 完了 (completed);
 * 取下げ (withdrawn) by the sender before acceptance; 取消 (revoked) by the sender's manager.
 * Referrals to bodies outside Renkei are 記録のみ (logged) until followed up (completed).
 */
export const referralStatus = pgEnum("referral_status", [
  "sent",
  "accepted",
  "declined",
  "in_progress",
  "completed",
  "withdrawn",
  "revoked",
  "logged",
]);
export type ReferralStatus = (typeof referralStatus.enumValues)[number];

export const referralUrgency = pgEnum("referral_urgency", ["normal", "high", "urgent"]);

/** 連携依頼: one organization asks another to take on part of the support. */
export const referrals = pgTable(
  "referrals",
  {
    id: uuid().primaryKey().defaultRandom(),
    code: text().notNull(),
    companyId: uuid()
      .notNull()
      .references(() => companies.id),
    caseId: uuid().references(() => cases.id),
    fromOrgId: uuid()
      .notNull()
      .references(() => organizations.id),
    fromUserId: uuid()
      .notNull()
      .references(() => users.id),
    /** Null for a logged referral to a body that does not use Renkei. */
    toOrgId: uuid().references(() => organizations.id),
    externalRecipient: text(),
    followUpOn: date(),
    /** 弁理士相談, 先行技術調査, 出願支援, 専門家派遣, 海外展開支援, 補助金・資金調達, 経営相談, … */
    service: text().notNull(),
    reason: text().notNull(),
    urgency: referralUrgency().notNull().default("normal"),
    handoverNotes: text(),
    consentId: uuid()
      .notNull()
      .references(() => consents.id),
    status: referralStatus().notNull(),
    sentAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    /** Answer due: 5 business days after sending, Japanese public holidays excluded. */
    respondBy: date(),
    acceptedAt: timestamp({ withTimezone: true }),
    respondedByUserId: uuid().references(() => users.id),
    declinedAt: timestamp({ withTimezone: true }),
    declineReason: text(),
    handlerUserId: uuid().references(() => users.id),
    startedAt: timestamp({ withTimezone: true }),
    completedAt: timestamp({ withTimezone: true }),
    outcomeFeedback: text(),
    withdrawnAt: timestamp({ withTimezone: true }),
    withdrawReason: text(),
    /** The sending form's one-time key: a double submit finds the first referral instead of sending a second. */
    idempotencyKey: text(),
    ...timestamps,
    ...version,
  },
  (t) => [
    uniqueIndex().on(t.code),
    // The year's highest referral number (nextReferralCode), without reading the year's referrals.
    index("referrals_code_series_number").on(codeSeries(t.code), codeNumber(t.code)),
    index().on(t.toOrgId, t.status, t.sentAt, t.id),
    index().on(t.fromOrgId, t.status, t.sentAt, t.id),
    // Each box's newest page without a status filter (findReferralsForActor): walked in order, not sorted.
    index().on(t.toOrgId, t.sentAt, t.id),
    index().on(t.fromOrgId, t.sentAt, t.id),
    // A company's record of provision, newest page first (findProvisionsForCompany): walked in order, not sorted.
    index().on(t.companyId, t.sentAt, t.id),
    index().on(t.caseId),
    // The flow between the parties (経産局 home): pairs read from the index alone, from either side (decision 012).
    index().on(t.fromOrgId, t.toOrgId),
    index().on(t.toOrgId, t.fromOrgId),
    // Unanswered past their answer date: a small partial index instead of a scan of every referral.
    // The outcomes a receiver reported back, newest first (the 弁理士会 home): the completed ones only, in order.
    index("referrals_completed_by_receiver").on(t.toOrgId, t.completedAt, t.id).where(sql`${t.status} = 'completed'`),
    index("referrals_awaiting_answer_by").on(t.respondBy).where(sql`${t.status} = 'sent'`),
    // KPI "referrals sent" per period at the national scope.
    index().on(t.sentAt),
    uniqueIndex().on(t.fromUserId, t.idempotencyKey).where(sql`${t.idempotencyKey} is not null`),
    check(
      "referral_has_recipient",
      sql`(${t.toOrgId} is not null and ${t.externalRecipient} is null) or (${t.toOrgId} is null and ${t.externalRecipient} is not null)`,
    ),
  ],
);
export type Referral = typeof referrals.$inferSelect;

/** Each transition of a referral: who moved it, from what to what, and the note they left. */
export const referralEvents = pgTable(
  "referral_events",
  {
    id: uuid().primaryKey().defaultRandom(),
    referralId: uuid()
      .notNull()
      .references(() => referrals.id),
    fromStatus: referralStatus(),
    toStatus: referralStatus().notNull(),
    actorUserId: uuid().references(() => users.id),
    note: text(),
    at: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index().on(t.referralId, t.at)],
);
export type ReferralEvent = typeof referralEvents.$inferSelect;

