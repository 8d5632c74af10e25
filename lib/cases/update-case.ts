import { and, asc, eq, sql } from "drizzle-orm";
import type { Tx } from "@/db/client";
import { caseThemes, cases, type Case } from "@/db/schema";
import { defineAction } from "@/lib/authz/action";
import { ConflictError, DomainValidationError } from "@/lib/authz/errors";
import { loadCaseForEdit } from "./case-access";
import { allThemesExist } from "./open-case";
import { updateCaseSchema } from "./schema";

export async function themeKeysOf(tx: Tx, caseId: string): Promise<string[]> {
  const rows = await tx
    .select({ key: caseThemes.themeKey })
    .from(caseThemes)
    .where(eq(caseThemes.caseId, caseId))
    .orderBy(asc(caseThemes.themeKey));
  return rows.map((r) => r.key);
}

/** What a stale edit shows as "now": the fields the edit form holds, and the version to edit against. */
export async function currentCaseValues(tx: Tx, row: Case): Promise<Record<string, unknown>> {
  return {
    title: row.title,
    summary: row.summary,
    source: row.source,
    themes: await themeKeysOf(tx, row.id),
    stage: row.stage,
    version: row.version,
    updatedAt: row.updatedAt,
  };
}

/**
 * 案件の編集: title, summary, themes, source. Optimistic concurrency: an edit made against an older version is
 * refused with the current values, never written over someone else's change.
 */
export const updateCase = defineAction({
  name: "case.update",
  permission: "case:update",
  schema: updateCaseSchema,
  handler: async ({ actor, tx, input, audit }) => {
    const before = await loadCaseForEdit(tx, actor, input.id);
    const beforeValues = await currentCaseValues(tx, before);
    if (before.version !== input.version) throw new ConflictError("errors.conflict", beforeValues);
    if (input.themes && !(await allThemesExist(tx, input.themes))) {
      throw new DomainValidationError({ themes: ["validation.case.unknownTheme"] });
    }

    const [after] = await tx
      .update(cases)
      .set({
        title: input.title,
        summary: input.summary,
        source: input.source,
        version: sql`${cases.version} + 1`,
        updatedAt: sql`now()`,
      })
      .where(and(eq(cases.id, before.id), eq(cases.version, input.version)))
      .returning();
    if (!after) throw new ConflictError("errors.conflict", beforeValues);

    if (input.themes) {
      await tx.delete(caseThemes).where(eq(caseThemes.caseId, before.id));
      if (input.themes.length > 0) {
        await tx.insert(caseThemes).values(input.themes.map((themeKey) => ({ caseId: before.id, themeKey })));
      }
    }

    await audit({
      action: "case.update",
      entityType: "case",
      entityId: before.id,
      before: beforeValues,
      after: await currentCaseValues(tx, after),
    });
    return { id: after.id, version: after.version };
  },
});
