import { and, eq, inArray } from "drizzle-orm";
import type { Tx } from "@/db/client";
import { caseMembers, caseStageChanges, caseThemes, cases, companies, themes, type Case } from "@/db/schema";
import { defineAction } from "@/lib/authz/action";
import { DomainValidationError, NotFoundError } from "@/lib/authz/errors";
import { companyScope } from "@/lib/authz/scopes";
import { todayInJst } from "@/lib/format/fiscal-year";
import { findUnavailableUserIds } from "./case-access";
import { formatCaseCode, nextCaseSequence } from "./codes";
import { openCaseSchema } from "./schema";

export interface OpenedCase {
  id: string;
  code: string;
  version: number;
  /** True when this was a second submit of the same form: the first case is returned, nothing was opened. */
  replayed: boolean;
}

/** Losing the race for a code this many times in a row means something else is wrong. */
const MAX_CODE_ATTEMPTS = 20;

/**
 * 案件の開始: a case opened from a company the actor may see, owned by the actor's organization, in
 * 掘り起こし (discovery). The lead defaults to the actor and is always a member; a producer team may be named
 * only by one of its members, since it gives the whole team access to the case.
 */
export const openCase = defineAction({
  name: "case.open",
  permission: "case:create",
  schema: openCaseSchema,
  handler: async ({ actor, tx, input, audit, declareUnchanged }): Promise<OpenedCase> => {
    const replayed = await findByIdempotencyKey(tx, actor.userId, input.idempotencyKey);
    if (replayed) {
      declareUnchanged();
      return { id: replayed.id, code: replayed.code, version: replayed.version, replayed: true };
    }

    const [company] = await tx
      .select({ id: companies.id })
      .from(companies)
      .where(and(eq(companies.id, input.companyId), companyScope(actor)));
    if (!company) throw new NotFoundError("company");

    const leadUserId = input.leadUserId ?? actor.userId;
    const memberIds = [...new Set([leadUserId, ...input.memberIds])];
    const fieldErrors: Record<string, string[]> = {};
    const unavailable = await findUnavailableUserIds(tx, memberIds);
    if (unavailable.includes(leadUserId)) fieldErrors.leadUserId = ["validation.user.unavailable"];
    if (unavailable.some((id) => id !== leadUserId)) fieldErrors.memberIds = ["validation.user.unavailable"];
    if (input.producerTeamId && !actor.teamIds.includes(input.producerTeamId)) {
      fieldErrors.producerTeamId = ["validation.case.notTeamMember"];
    }
    if (!(await allThemesExist(tx, input.themes))) fieldErrors.themes = ["validation.case.unknownTheme"];
    if (Object.keys(fieldErrors).length > 0) throw new DomainValidationError(fieldErrors);

    const openedOn = todayInJst();
    let opened: Case | undefined;
    for (let attempt = 0; attempt < MAX_CODE_ATTEMPTS && !opened; attempt += 1) {
      const code = formatCaseCode(openedOn, await nextCaseSequence(tx, openedOn));
      [opened] = await tx
        .insert(cases)
        .values({
          code,
          companyId: company.id,
          title: input.title,
          summary: input.summary ?? null,
          source: input.source ?? null,
          stage: "discovery",
          ownerOrgId: actor.orgId,
          producerTeamId: input.producerTeamId ?? null,
          leadUserId,
          openedOn,
          createdByUserId: actor.userId,
          idempotencyKey: input.idempotencyKey,
        })
        // A racing transaction took the code (or this form's key): nothing is inserted, and we look again.
        .onConflictDoNothing()
        .returning();
      if (!opened) {
        const first = await findByIdempotencyKey(tx, actor.userId, input.idempotencyKey);
        if (first) {
          declareUnchanged();
          return { id: first.id, code: first.code, version: first.version, replayed: true };
        }
      }
    }
    if (!opened) throw new Error(`no free case code after ${MAX_CODE_ATTEMPTS} attempts`);

    await tx.insert(caseMembers).values(memberIds.map((userId) => ({ caseId: opened.id, userId })));
    if (input.themes.length > 0) {
      await tx.insert(caseThemes).values(input.themes.map((themeKey) => ({ caseId: opened.id, themeKey })));
    }
    await tx.insert(caseStageChanges).values({ caseId: opened.id, fromStage: null, toStage: "discovery", changedByUserId: actor.userId });

    await audit({
      action: "case.open",
      entityType: "case",
      entityId: opened.id,
      after: { ...opened, themes: input.themes, memberIds },
    });
    return { id: opened.id, code: opened.code, version: opened.version, replayed: false };
  },
});

async function findByIdempotencyKey(tx: Tx, userId: string, key: string): Promise<Case | undefined> {
  const [row] = await tx
    .select()
    .from(cases)
    .where(and(eq(cases.createdByUserId, userId), eq(cases.idempotencyKey, key)))
    .limit(1);
  return row;
}

/** Themes are data (the list can grow), so a key is checked against the table rather than an enum. */
export async function allThemesExist(tx: Tx, keys: readonly string[]): Promise<boolean> {
  if (keys.length === 0) return true;
  const found = await tx.select({ key: themes.key }).from(themes).where(inArray(themes.key, [...keys]));
  return found.length === new Set(keys).size;
}
