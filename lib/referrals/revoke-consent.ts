import { and, eq, inArray, isNull } from "drizzle-orm";
import { companies, consents, referrals } from "@/db/schema";
import { defineAction } from "@/lib/authz/action";
import { NotFoundError } from "@/lib/authz/errors";
import { consentRevocationScope, OPEN_REFERRAL_STATUSES } from "@/lib/authz/scopes";
import { createNotifications, findReferralSideRecipients } from "@/lib/notifications/create-notification";
import { revokeConsentInput } from "./schema";

/**
 * 同意の撤回: the company withdrew the consent it gave. Recorded by the organization that recorded the consent
 * (lib/authz/scopes.ts consentRevocationScope); for anyone else the consent is not found.
 *
 * Nothing else is rewritten: the referrals that rested on the consent keep their record (the APPI record of
 * provision must show what was shared while the consent held), and the scopes stop honouring a revoked
 * consent — the receiver of an open referral on it loses the company's profile, the case and the confidential
 * notes at once, and no new referral can be sent on it (./send-referral.ts). Those receivers are told.
 *
 * The reason is kept in the audit row beside the before/after images; revokedAt is the date. Revoking a
 * revoked consent changes nothing and says so (the first revocation's date stands).
 */
export const revokeConsent = defineAction({
  name: "consent.revoke",
  permission: "consent:record",
  schema: revokeConsentInput,
  handler: async ({ actor, tx, input, audit, declareUnchanged }) => {
    const [before] = await tx
      .select()
      .from(consents)
      .where(and(eq(consents.id, input.consentId), consentRevocationScope(actor)));
    if (!before) throw new NotFoundError("consent");

    // `revoked_at is null` in the WHERE: of two revocations at once, exactly one writes.
    const now = new Date();
    const [after] = await tx
      .update(consents)
      .set({ revokedAt: now, updatedAt: now })
      .where(and(eq(consents.id, before.id), isNull(consents.revokedAt)))
      .returning();
    if (!after) {
      declareUnchanged();
      const [current] = await tx.select({ revokedAt: consents.revokedAt }).from(consents).where(eq(consents.id, before.id));
      return { id: before.id, revokedAt: current?.revokedAt ?? before.revokedAt, changed: false };
    }

    const affected = await tx
      .select({
        id: referrals.id,
        code: referrals.code,
        fromOrgId: referrals.fromOrgId,
        fromUserId: referrals.fromUserId,
        toOrgId: referrals.toOrgId,
        handlerUserId: referrals.handlerUserId,
        companyName: companies.name,
      })
      .from(referrals)
      .innerJoin(companies, eq(companies.id, referrals.companyId))
      .where(and(eq(referrals.consentId, before.id), inArray(referrals.status, [...OPEN_REFERRAL_STATUSES])))
      .orderBy(referrals.id);

    await audit({
      action: "consent.revoke",
      entityType: "consent",
      entityId: before.id,
      before,
      after,
      meta: { companyId: before.companyId, reason: input.reason, openReferralIds: affected.map((r) => r.id) },
    });

    // The receivers of open referrals on this consent just lost what it covered: tell them why.
    for (const referral of affected) {
      await createNotifications(
        tx,
        await findReferralSideRecipients(tx, "receiver", referral),
        {
          kind: "referral.consent_revoked",
          params: { code: referral.code, companyName: referral.companyName, orgName: actor.orgName },
          entityType: "referral",
          entityId: referral.id,
        },
        { except: actor.userId },
      );
    }

    return { id: after.id, revokedAt: after.revokedAt, changed: true };
  },
});
