import { and, desc, eq } from "drizzle-orm";
import { pdcaNotes, type PdcaNote } from "@/db/schema";
import { defineAction } from "@/lib/authz/action";
import { ConflictError, DomainValidationError } from "@/lib/authz/errors";
import { savePdcaNoteSchema } from "./schema";
import { loadScopeForPdca } from "./scope-access";

function textOf(row: Pick<PdcaNote, "plan" | "do" | "check" | "act">) {
  return { plan: row.plan, do: row.do, check: row.check, act: row.act };
}

/**
 * PDCA note of a scope and quarter: every save appends a new revision (the history is never rewritten, as the
 * network meeting may refer to what a note said then). The form sends the revision it showed; if someone saved
 * a newer one meanwhile, the save is refused with the current text rather than silently stacked on top of it.
 * Re-sending the text that is already the newest revision (a double submit) changes nothing.
 */
export const savePdcaNote = defineAction({
  name: "kpi.save_pdca_note",
  permission: "pdca:write",
  schema: savePdcaNoteSchema,
  handler: async ({ actor, tx, input, audit, declareUnchanged }) => {
    const scope = await loadScopeForPdca(tx, actor, { kind: input.scopeKind, ref: input.scopeRef });
    const text = { plan: input.plan ?? "", do: input.do ?? "", check: input.check ?? "", act: input.act ?? "" };
    if (Object.values(text).every((v) => v === "")) throw new DomainValidationError({ plan: ["kpi.validation.pdcaEmpty"] });

    const key = and(
      eq(pdcaNotes.fiscalYear, input.fiscalYear),
      eq(pdcaNotes.scopeKind, scope.kind),
      eq(pdcaNotes.scopeRef, scope.ref),
      eq(pdcaNotes.quarter, input.quarter),
    );
    const [latest] = await tx.select().from(pdcaNotes).where(key).orderBy(desc(pdcaNotes.revision)).limit(1);
    const latestRevision = latest?.revision ?? 0;

    if (latest && JSON.stringify(textOf(latest)) === JSON.stringify(text) && latest.authorUserId === actor.userId) {
      declareUnchanged();
      return { id: latest.id, revision: latest.revision };
    }
    if (latestRevision !== input.baseRevision) {
      throw new ConflictError("errors.conflict", latest ? { ...textOf(latest), revision: latest.revision } : { revision: 0 });
    }

    // Two saves on the same base race for the same revision number; the unique index lets one of them in.
    const [created] = await tx
      .insert(pdcaNotes)
      .values({
        fiscalYear: input.fiscalYear,
        quarter: input.quarter,
        scopeKind: scope.kind,
        scopeRef: scope.ref,
        revision: latestRevision + 1,
        ...text,
        authorUserId: actor.userId,
      })
      .onConflictDoNothing()
      .returning();
    if (!created) throw new ConflictError("errors.conflict", { revision: latestRevision + 1 });

    await audit({
      action: "pdca_note.save",
      entityType: "pdca_note",
      entityId: created.id,
      before: latest ? { revision: latest.revision, ...textOf(latest) } : null,
      after: { revision: created.revision, ...text },
      meta: { fiscalYear: input.fiscalYear, quarter: input.quarter, scopeKind: scope.kind, scopeRef: scope.ref },
    });
    return { id: created.id, revision: created.revision };
  },
});
