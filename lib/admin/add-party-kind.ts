import { sql } from "drizzle-orm";
import { partyKinds } from "@/db/schema";
import { defineAction } from "@/lib/authz/action";
import { DomainValidationError } from "@/lib/authz/errors";
import { addPartyKindSchema } from "./schema";

/**
 * 機関区分の追加 — the SME Agency (中小企業庁, `smea`) joined the network in December 2024 and more bodies may
 * follow, so party kinds are data (DOMAIN.md). A new kind gets its role's permissions unchanged (PARTY_DENIED
 * lists none for it), the general home and menu, and its organizations can be created at once.
 */
export const addPartyKind = defineAction({
  name: "party_kind.add",
  permission: "organization:manage",
  schema: addPartyKindSchema,
  handler: async ({ tx, input, audit }) => {
    const [created] = await tx
      .insert(partyKinds)
      .values({
        key: input.key,
        nameJa: input.nameJa,
        nameEn: input.nameEn,
        sortOrder: sql`(select coalesce(max(${partyKinds.sortOrder}), 0) + 1 from ${partyKinds})`,
      })
      .onConflictDoNothing()
      .returning();
    if (!created) throw new DomainValidationError({ key: ["admin.validation.partyKindTaken"] });
    await audit({ action: "party_kind.add", entityType: "party_kind", entityId: created.key, after: created });
    return { key: created.key };
  },
});
