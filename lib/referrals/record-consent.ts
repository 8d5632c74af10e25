import { and, eq } from "drizzle-orm";
import type { Tx } from "@/db/client";
import { companies, consents } from "@/db/schema";
import { defineAction } from "@/lib/authz/action";
import { NotFoundError } from "@/lib/authz/errors";
import { companyScope } from "@/lib/authz/scopes";
import { recordConsentInput } from "./schema";

/**
 * 同意記録: records that the company agreed to have its information shared with another body — when, how
 * (書面 / 口頭 / 電子) and what (basic profile always; consultation summary; confidential notes). A referral
 * cannot be sent without one (./send-referral.ts); consent plus referral is the APPI record of provision.
 * The consent is the company's, not the recording organization's: any organization may send a referral on it.
 * A double-submitted form (same idempotency key) returns the first consent and records nothing.
 */
export const recordConsent = defineAction({
  name: "consent.record",
  permission: "consent:record",
  schema: recordConsentInput,
  handler: async ({ actor, tx, input, audit, declareUnchanged }): Promise<RecordedConsent> => {
    const replayed = await findByIdempotencyKey(tx, actor.userId, input.idempotencyKey);
    if (replayed) {
      declareUnchanged();
      return replayed;
    }

    // Only a company the actor may find: recording consent for an unseen company would confirm it exists.
    const [company] = await tx
      .select({ id: companies.id })
      .from(companies)
      .where(and(eq(companies.id, input.companyId), companyScope(actor)));
    if (!company) throw new NotFoundError("company");

    const [consent] = await tx
      .insert(consents)
      .values({
        companyId: company.id,
        obtainedOn: input.obtainedOn,
        method: input.method,
        scopeBasicProfile: true,
        scopeConsultationSummary: input.scopeConsultationSummary,
        scopeConfidentialNotes: input.scopeConfidentialNotes,
        givenBy: input.givenBy ?? null,
        notes: input.notes ?? null,
        recordedByUserId: actor.userId,
        organizationId: actor.orgId,
        idempotencyKey: input.idempotencyKey,
      })
      // A concurrent second submit waits here for the first to commit, inserts nothing, and finds the first.
      .onConflictDoNothing()
      .returning();
    if (!consent) {
      const first = await findByIdempotencyKey(tx, actor.userId, input.idempotencyKey);
      if (!first) throw new Error("consent insert conflicted, yet no consent has its idempotency key");
      declareUnchanged();
      return first;
    }

    await audit({ action: "consent.record", entityType: "consent", entityId: consent.id, after: consent, meta: { companyId: company.id } });
    return { id: consent.id, replayed: false };
  },
});

export interface RecordedConsent {
  id: string;
  /** True when this was a second submit of the same form: the first consent is returned, nothing was recorded. */
  replayed: boolean;
}

async function findByIdempotencyKey(tx: Tx, userId: string, key: string): Promise<RecordedConsent | undefined> {
  const [first] = await tx
    .select({ id: consents.id })
    .from(consents)
    .where(and(eq(consents.recordedByUserId, userId), eq(consents.idempotencyKey, key)))
    .limit(1);
  return first ? { id: first.id, replayed: true } : undefined;
}
