import { and, eq, sql } from "drizzle-orm";
import type { Tx } from "@/db/client";
import { organizations, partyKinds, prefectures, regionalBlocks, type Organization } from "@/db/schema";
import { defineAction } from "@/lib/authz/action";
import { ConflictError, DomainValidationError, NotFoundError } from "@/lib/authz/errors";
import { saveOrganizationSchema, type SaveOrganizationInput } from "./schema";

/** An organization as the audit log and a stale form's conflict show it. */
export function auditViewOfOrganization(org: Organization) {
  return {
    id: org.id,
    nameJa: org.nameJa,
    nameEn: org.nameEn,
    partyKindKey: org.partyKindKey,
    blockCode: org.blockCode,
    prefectureCode: org.prefectureCode,
    isActive: org.isActive,
    version: org.version,
  };
}

/**
 * The party kind, block and prefecture as they will be stored: the kind must exist and be in use; a
 * prefecture decides the block (and must agree with a block that was chosen); without either the body is
 * national (特許庁, or a national office of a party).
 */
async function resolvePlacement(tx: Tx, input: SaveOrganizationInput) {
  const fieldErrors: Record<string, string[]> = {};
  const [kind] = await tx
    .select({ key: partyKinds.key })
    .from(partyKinds)
    .where(and(eq(partyKinds.key, input.partyKindKey), eq(partyKinds.isActive, true)));
  if (!kind) fieldErrors.partyKindKey = ["validation.choose"];

  let blockCode = input.blockCode ?? null;
  if (blockCode) {
    const [block] = await tx.select({ code: regionalBlocks.code }).from(regionalBlocks).where(eq(regionalBlocks.code, blockCode));
    if (!block) fieldErrors.blockCode = ["validation.choose"];
  }
  const prefectureCode = input.prefectureCode ?? null;
  if (prefectureCode !== null) {
    const [prefecture] = await tx.select({ blockCode: prefectures.blockCode }).from(prefectures).where(eq(prefectures.code, prefectureCode));
    if (!prefecture) fieldErrors.prefectureCode = ["validation.prefecture"];
    else if (blockCode && blockCode !== prefecture.blockCode) fieldErrors.prefectureCode = ["admin.validation.prefectureOutsideBlock"];
    else blockCode = prefecture.blockCode;
  }
  if (Object.keys(fieldErrors).length > 0) throw new DomainValidationError(fieldErrors);
  return { partyKindKey: input.partyKindKey, blockCode, prefectureCode };
}

/** What saving an organization answers; `replayed` when a double-submitted registration found the first. */
export interface SavedOrganization {
  id: string;
  version: number;
  replayed: boolean;
}

/**
 * 組織の登録と編集: name, party kind, regional block, prefecture. The system organization of the
 * administrators is not edited here (it has no party, and the scopes rely on that). Edits carry the version
 * they read; a stale one is refused with the organization as it is now. Registering carries the form's
 * one-time key: a double submit returns the first organization and creates nothing.
 */
export const saveOrganization = defineAction({
  name: "organization.save",
  permission: "organization:manage",
  schema: saveOrganizationSchema,
  handler: async ({ actor, tx, input, audit, declareUnchanged }): Promise<SavedOrganization> => {
    if (input.id === undefined && input.idempotencyKey) {
      const replayed = await findByIdempotencyKey(tx, actor.userId, input.idempotencyKey);
      if (replayed) {
        declareUnchanged();
        return replayed;
      }
    }

    const placement = await resolvePlacement(tx, input);
    const values = { nameJa: input.nameJa, nameEn: input.nameEn ?? null, ...placement };

    if (input.id === undefined) {
      const [created] = await tx
        .insert(organizations)
        .values({ ...values, createdByUserId: actor.userId, idempotencyKey: input.idempotencyKey })
        // A concurrent second submit waits here for the first to commit, inserts nothing, and finds the first.
        .onConflictDoNothing()
        .returning();
      if (!created) {
        const first = input.idempotencyKey ? await findByIdempotencyKey(tx, actor.userId, input.idempotencyKey) : undefined;
        if (!first) throw new Error("organization insert conflicted, yet no organization has its idempotency key");
        declareUnchanged();
        return first;
      }
      await audit({ action: "organization.create", entityType: "organization", entityId: created.id, after: auditViewOfOrganization(created) });
      return { id: created.id, version: created.version, replayed: false };
    }

    const [before] = await tx.select().from(organizations).where(eq(organizations.id, input.id)).for("update");
    if (!before || before.isSystem) throw new NotFoundError("organization");
    if (before.version !== input.version) throw new ConflictError("errors.conflict", auditViewOfOrganization(before));
    const [after] = await tx
      .update(organizations)
      .set({ ...values, version: sql`${organizations.version} + 1`, updatedAt: sql`now()` })
      .where(and(eq(organizations.id, before.id), eq(organizations.version, before.version)))
      .returning();
    await audit({
      action: "organization.update",
      entityType: "organization",
      entityId: before.id,
      before: auditViewOfOrganization(before),
      after: auditViewOfOrganization(after!),
    });
    return { id: after!.id, version: after!.version, replayed: false };
  },
});

async function findByIdempotencyKey(tx: Tx, userId: string, key: string): Promise<SavedOrganization | undefined> {
  const [first] = await tx
    .select({ id: organizations.id, version: organizations.version })
    .from(organizations)
    .where(and(eq(organizations.createdByUserId, userId), eq(organizations.idempotencyKey, key)))
    .limit(1);
  return first ? { ...first, replayed: true } : undefined;
}
