import { and, eq } from "drizzle-orm";
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
 */
export const recordConsent = defineAction({
  name: "consent.record",
  permission: "consent:record",
  schema: recordConsentInput,
  handler: async ({ actor, tx, input, audit }) => {
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
      })
      .returning();
    if (!consent) throw new Error("consent insert returned no row");

    await audit({ action: "consent.record", entityType: "consent", entityId: consent.id, after: consent, meta: { companyId: company.id } });
    return { id: consent.id };
  },
});
