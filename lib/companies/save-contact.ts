import { and, eq, sql } from "drizzle-orm";
import type { Tx } from "@/db/client";
import { companies, companyContacts, type CompanyContact } from "@/db/schema";
import { defineAction } from "@/lib/authz/action";
import type { Actor } from "@/lib/authz/actor";
import { ConflictError, NotFoundError } from "@/lib/authz/errors";
import { companyScope, contactAccessForCompany } from "@/lib/authz/scopes";
import { saveContactSchema } from "./schema";

const CONTACT_FIELDS = [
  "name",
  "nameKana",
  "title",
  "isRepresentative",
  "email",
  "phone",
  "preferredContactMethod",
  "notes",
] as const satisfies readonly (keyof CompanyContact)[];

function currentContactValues(contact: CompanyContact): Record<string, unknown> {
  const current: Record<string, unknown> = { version: contact.version, updatedAt: contact.updatedAt };
  for (const field of CONTACT_FIELDS) current[field] = contact[field];
  return current;
}

/** What saving a contact answers: the contact and its version; `replayed` when a double submit found the first. */
export interface SavedContact {
  id: string;
  version: number;
  replayed: boolean;
}

/**
 * 担当者・代表者の登録と編集. Contact people are personal data (APPI): only someone who may read the company's
 * contacts may write them, so that nobody can add to a list they are not allowed to see. Adding carries the
 * form's one-time key: a double submit returns the first contact and adds nothing.
 */
export const saveContact = defineAction({
  name: "contact.save",
  permission: "contact:write",
  schema: saveContactSchema,
  handler: async ({ actor, tx, input, audit, declareUnchanged }): Promise<SavedContact> => {
    if (input.id === undefined && input.idempotencyKey) {
      const replayed = await findByIdempotencyKey(tx, actor.userId, input.idempotencyKey);
      if (replayed) {
        declareUnchanged();
        return replayed;
      }
    }

    await assertContactAccess(tx, actor, input.companyId);
    // Absent keys stay undefined, which drizzle leaves out of the SET: an edit changes only what it sent.
    const values = {
      name: input.name,
      nameKana: input.nameKana,
      title: input.title,
      isRepresentative: input.isRepresentative,
      email: input.email,
      phone: input.phone,
      preferredContactMethod: input.preferredContactMethod,
      notes: input.notes,
    };

    if (input.id === undefined) {
      const [created] = await tx
        .insert(companyContacts)
        .values({
          ...values,
          isRepresentative: input.isRepresentative ?? false,
          preferredContactMethod: input.preferredContactMethod ?? "any",
          companyId: input.companyId,
          createdByUserId: actor.userId,
          idempotencyKey: input.idempotencyKey,
        })
        // A concurrent second submit waits here for the first to commit, inserts nothing, and finds the first.
        .onConflictDoNothing()
        .returning();
      if (!created) {
        const first = input.idempotencyKey ? await findByIdempotencyKey(tx, actor.userId, input.idempotencyKey) : undefined;
        if (!first) throw new Error("contact insert conflicted, yet no contact has its idempotency key");
        declareUnchanged();
        return first;
      }
      await audit({ action: "contact.create", entityType: "company_contact", entityId: created.id, after: created, meta: { companyId: input.companyId } });
      return { id: created.id, version: created.version, replayed: false };
    }

    const [before] = await tx
      .select()
      .from(companyContacts)
      .where(and(eq(companyContacts.id, input.id), eq(companyContacts.companyId, input.companyId)))
      .for("update");
    if (!before) throw new NotFoundError("contact");
    if (before.version !== input.version) throw new ConflictError("errors.conflict", currentContactValues(before));
    const [after] = await tx
      .update(companyContacts)
      .set({ ...values, version: sql`${companyContacts.version} + 1`, updatedAt: sql`now()` })
      .where(and(eq(companyContacts.id, before.id), eq(companyContacts.version, before.version)))
      .returning();
    await audit({ action: "contact.update", entityType: "company_contact", entityId: before.id, before, after, meta: { companyId: input.companyId } });
    return { id: after!.id, version: after!.version, replayed: false };
  },
});

async function findByIdempotencyKey(tx: Tx, userId: string, key: string): Promise<SavedContact | undefined> {
  const [first] = await tx
    .select({ id: companyContacts.id, version: companyContacts.version })
    .from(companyContacts)
    .where(and(eq(companyContacts.createdByUserId, userId), eq(companyContacts.idempotencyKey, key)))
    .limit(1);
  return first ? { ...first, replayed: true } : undefined;
}

async function assertContactAccess(tx: Tx, actor: Actor, companyId: string): Promise<void> {
  const [company] = await tx
    .select({ id: companies.id })
    .from(companies)
    .where(and(eq(companies.id, companyId), companyScope(actor), contactAccessForCompany(actor, companies.id)));
  if (!company) throw new NotFoundError("company");
}
