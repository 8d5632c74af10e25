import { and, eq, sql } from "drizzle-orm";
import { codeNumber, codeSeries } from "@/db/schema/_shared";
import type { Tx } from "@/db/client";
import { cases, companies, consents, organizations, referralEvents, referrals } from "@/db/schema";
import { defineAction } from "@/lib/authz/action";
import type { Actor } from "@/lib/authz/actor";
import { DomainValidationError, NotFoundError } from "@/lib/authz/errors";
import { caseScope, companyScope } from "@/lib/authz/scopes";
import { reiwaYearOfDate } from "@/lib/format/fiscal-year";
import { createNotifications, findReferralSideRecipients } from "@/lib/notifications/create-notification";
import { respondByFor } from "./business-days";
import { sendReferralInput } from "./schema";

/**
 * 連携依頼の送付. The consent gate: no referral without the company's recorded, unrevoked consent — the
 * consent and the referral together are the APPI record of provision that both sides keep.
 *
 * What the receiver gets follows the consent, not the form: the basic profile always; the case (the
 * consultation summary) only when the consent covers it; confidential notes only when it covers those.
 * The reason and the handover notes are part of the referral itself and the receiver always reads them, so
 * a sender whose consent covers only the basic profile may still write handover notes — about what the
 * receiver needs to do, not about the consultation. The form should say so next to the field; the scopes in
 * lib/authz/scopes.ts enforce the rest.
 */
export const sendReferral = defineAction({
  name: "referral.send",
  permission: "referral:send",
  schema: sendReferralInput,
  handler: async ({ actor, tx, input, audit, declareUnchanged }) => {
    // Serializes sending: the code sequence below and the double-submit check are then race-free on both
    // engines. Held until commit — a few milliseconds; referrals are sent a few times a day per organization.
    await tx.execute(sql`select pg_advisory_xact_lock(hashtext('renkei.referrals.send'))`);

    // A double-submitted form (same idempotency key) finds the first referral: nothing is sent twice.
    const [first] = await tx
      .select({ id: referrals.id, code: referrals.code, status: referrals.status, respondBy: referrals.respondBy })
      .from(referrals)
      .where(and(eq(referrals.fromUserId, actor.userId), eq(referrals.idempotencyKey, input.idempotencyKey)));
    if (first) {
      declareUnchanged();
      return { ...first, replayed: true };
    }

    const company = await resolveCompany(tx, actor, input);

    // The consent is the company's, whoever recorded it; another company's consent is as good as none.
    const [consent] = await tx.select().from(consents).where(eq(consents.id, input.consentId));
    if (!consent || consent.companyId !== company.id) {
      throw new DomainValidationError({ consentId: ["validation.referral.consentNotFound"] });
    }
    if (consent.revokedAt) throw new DomainValidationError({ consentId: ["validation.referral.consentRevoked"] });
    if (!consent.scopeBasicProfile) throw new DomainValidationError({ consentId: ["validation.referral.consentNoProfile"] });

    let recipient: { id: string; name: string } | null = null;
    if (input.toOrgId) {
      if (input.toOrgId === actor.orgId) throw new DomainValidationError({ toOrgId: ["validation.referral.recipientSelf"] });
      const [org] = await tx
        .select({ id: organizations.id, name: organizations.nameJa })
        .from(organizations)
        .where(and(eq(organizations.id, input.toOrgId), eq(organizations.isActive, true), eq(organizations.isSystem, false)));
      if (!org) throw new DomainValidationError({ toOrgId: ["validation.referral.recipientInvalid"] });
      recipient = org;
    }

    const sentAt = new Date();
    const status = recipient ? ("sent" as const) : ("logged" as const);
    const [referral] = await tx
      .insert(referrals)
      .values({
        code: await nextReferralCode(tx, sentAt),
        companyId: company.id,
        caseId: company.caseId,
        fromOrgId: actor.orgId,
        fromUserId: actor.userId,
        toOrgId: recipient?.id ?? null,
        externalRecipient: recipient ? null : (input.externalRecipient ?? null),
        followUpOn: recipient ? null : (input.followUpOn ?? null),
        service: input.service,
        reason: input.reason,
        urgency: input.urgency,
        handoverNotes: input.handoverNotes ?? null,
        consentId: consent.id,
        status,
        sentAt,
        // A logged referral waits for nobody's answer: it has a follow-up date instead.
        respondBy: recipient ? respondByFor(sentAt) : null,
        idempotencyKey: input.idempotencyKey,
      })
      .returning();
    if (!referral) throw new Error("referral insert returned no row");

    await tx.insert(referralEvents).values({ referralId: referral.id, fromStatus: null, toStatus: status, actorUserId: actor.userId, at: sentAt });
    await audit({ action: "referral.send", entityType: "referral", entityId: referral.id, after: referral });

    if (recipient) {
      await createNotifications(
        tx,
        await findReferralSideRecipients(tx, "receiver", referral),
        {
          kind: "referral.received",
          params: { code: referral.code, companyName: company.name, orgName: actor.orgName },
          entityType: "referral",
          entityId: referral.id,
        },
        { except: actor.userId },
      );
    }

    return { id: referral.id, code: referral.code, status: referral.status, respondBy: referral.respondBy, replayed: false };
  },
});

/**
 * The company the referral is about: the case's company when sent from a case the actor may open, else the
 * given company when the actor may find it. Anything else is not found, as if it did not exist.
 */
async function resolveCompany(
  tx: Tx,
  actor: Actor,
  input: { caseId?: string; companyId?: string },
): Promise<{ id: string; name: string; caseId: string | null }> {
  let companyId = input.companyId;
  let caseId: string | null = null;
  if (input.caseId) {
    const [found] = await tx
      .select({ id: cases.id, companyId: cases.companyId })
      .from(cases)
      .where(and(eq(cases.id, input.caseId), caseScope(actor)));
    if (!found) throw new NotFoundError("case");
    if (companyId && companyId !== found.companyId) {
      throw new DomainValidationError({ companyId: ["validation.referral.caseCompanyMismatch"] });
    }
    companyId = found.companyId;
    caseId = found.id;
  }
  if (!companyId) throw new DomainValidationError({ companyId: ["validation.referral.companyRequired"] });
  // A merged company is outside companyScope: the referral goes to the record it was merged into.
  const [company] = await tx
    .select({ id: companies.id, name: companies.name })
    .from(companies)
    .where(and(eq(companies.id, companyId), companyScope(actor)));
  if (!company) throw new NotFoundError("company");
  return { ...company, caseId };
}

/**
 * RF-R{令和 year of sending}-{sequence within that year}, e.g. RF-R8-0001. The caller holds the send lock,
 * so the highest number read here cannot be taken by a concurrent send before this one commits.
 */
async function nextReferralCode(tx: Tx, sentAt: Date): Promise<string> {
  const series = `RF-R${reiwaYearOfDate(sentAt)}`;
  // The highest number of the series, from the (series, number) index: one entry, not the year's referrals.
  const [row] = await tx
    .select({ last: sql<number | null>`max(${codeNumber(referrals.code)})`.mapWith(Number) })
    .from(referrals)
    .where(eq(codeSeries(referrals.code), series));
  const next = Number(row?.last ?? 0) + 1;
  return `${series}-${String(next).padStart(4, "0")}`;
}
