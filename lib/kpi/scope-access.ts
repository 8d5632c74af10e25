import { and, asc, desc, eq, gte, inArray, lte, or, sql, type SQL } from "drizzle-orm";
import type { Queryable } from "@/db/client";
import { modelRegions, prefectures, producerTeams } from "@/db/schema";
import type { Actor } from "@/lib/authz/actor";
import { can } from "@/lib/authz/can";
import { ForbiddenError, NotFoundError } from "@/lib/authz/errors";
import { listBlocks, resolveKpiScope, type KpiScopeRef, type ResolvedKpiScope } from "./scope";

/**
 * Who sees, sets and writes what for KPI scopes and producer teams — the one place these rules live
 * (docs/decisions/007-kpi-computation.md). KPI screens show aggregates, never case content; case content on
 * the team dashboard still goes through caseScope.
 *
 *   scope         sees (kpi:read)                                  sets targets (kpi:set)        PDCA (pdca:write)
 *   national      the national-level 経産局 body (特許庁)              its managers                  as targets
 *   block         経産局 staff of that block                          its 経産局 managers            as targets
 *   model region  経産局 staff of its block; its teams' members        its block's 経産局 managers    + producers of its teams
 *   team          経産局 staff of its block; the team's members         its block's 経産局 managers    + the team's producers
 *   organization  its own staff                                        its managers                  its managers
 *
 * A scope the actor may not see does not exist for them (not found); a visible scope they may not change is
 * forbidden. Administrators hold no kpi permission, so every scope is invisible to them: they see no case data.
 * A regional bureau sees its own block only (DOMAIN.md: "their regional block"; issue 6: "meti only its
 * block"), whatever the role: the whole country is the national level's.
 */

/** A 経産局 body without a block is the national level (特許庁); it oversees every block. */
function isNationalMeti(actor: Actor): boolean {
  return actor.partyKind === "meti" && actor.blockCode === null;
}

function isMetiOfBlock(actor: Actor, blockCode: string | null): boolean {
  return actor.partyKind === "meti" && (actor.blockCode === null || (blockCode !== null && actor.blockCode === blockCode));
}

function isTeamMember(actor: Actor, teamIds: readonly string[]): boolean {
  return teamIds.some((id) => actor.teamIds.includes(id));
}

/** May the actor see the KPIs, PDCA notes and report of this scope? */
export function isKpiScopeVisible(actor: Actor, scope: ResolvedKpiScope): boolean {
  if (!can(actor, "kpi:read")) return false;
  switch (scope.kind) {
    case "national":
      return isNationalMeti(actor);
    case "block":
      return isMetiOfBlock(actor, scope.blockCode);
    case "model_region":
      return isMetiOfBlock(actor, scope.blockCode) || isTeamMember(actor, scope.modelRegion?.teamIds ?? []);
    case "team":
      return isMetiOfBlock(actor, scope.blockCode) || isTeamMember(actor, scope.team ? [scope.team.id] : []);
    case "organization":
      return scope.organizationId === actor.orgId;
  }
}

/** May the actor set the scope's targets? Managers of the body that answers for the scope. */
export function canSetKpiTargets(actor: Actor, scope: ResolvedKpiScope): boolean {
  if (!can(actor, "kpi:set") || !isKpiScopeVisible(actor, scope)) return false;
  switch (scope.kind) {
    case "national":
      return isNationalMeti(actor);
    case "block":
    case "model_region":
    case "team":
      return isMetiOfBlock(actor, scope.blockCode);
    case "organization":
      return scope.organizationId === actor.orgId;
  }
}

/** May the actor write the scope's PDCA notes? Whoever sets its targets, and a producer for their own team. */
export function canWritePdcaNotes(actor: Actor, scope: ResolvedKpiScope): boolean {
  if (!can(actor, "pdca:write") || !isKpiScopeVisible(actor, scope)) return false;
  if (canSetKpiTargets(actor, scope)) return true;
  if (actor.role !== "producer") return false;
  if (scope.kind === "team") return isTeamMember(actor, scope.team ? [scope.team.id] : []);
  if (scope.kind === "model_region") return isTeamMember(actor, scope.modelRegion?.teamIds ?? []);
  return false;
}

/** The scope, when it exists and the actor may see it; null otherwise (the caller answers not found). */
export async function findVisibleKpiScope(db: Queryable, actor: Actor, scope: KpiScopeRef): Promise<ResolvedKpiScope | null> {
  if (!can(actor, "kpi:read")) return null;
  const resolved = await resolveKpiScope(db, scope);
  return resolved && isKpiScopeVisible(actor, resolved) ? resolved : null;
}

/** For actions: the visible scope, or NotFoundError. */
export async function loadVisibleKpiScope(db: Queryable, actor: Actor, scope: KpiScopeRef): Promise<ResolvedKpiScope> {
  const resolved = await findVisibleKpiScope(db, actor, scope);
  if (!resolved) throw new NotFoundError("kpi scope");
  return resolved;
}

/** For the target action: not visible → not found; visible but not the actor's to set → forbidden. */
export async function loadScopeForTargets(db: Queryable, actor: Actor, scope: KpiScopeRef): Promise<ResolvedKpiScope> {
  const resolved = await loadVisibleKpiScope(db, actor, scope);
  if (!canSetKpiTargets(actor, resolved)) throw new ForbiddenError("kpi:set");
  return resolved;
}

/** For the PDCA action: not visible → not found; visible but not the actor's to write → forbidden. */
export async function loadScopeForPdca(db: Queryable, actor: Actor, scope: KpiScopeRef): Promise<ResolvedKpiScope> {
  const resolved = await loadVisibleKpiScope(db, actor, scope);
  if (!canWritePdcaNotes(actor, resolved)) throw new ForbiddenError("pdca:write");
  return resolved;
}

/**
 * Producer teams the actor may open (team:read), as a WHERE condition over producer_teams: the team's members,
 * and 経産局 staff of the block its model region lies in. The same rule as isKpiScopeVisible for a team;
 * lib/kpi/scope-access.test.ts checks that the two agree.
 */
export function teamVisibility(actor: Actor): SQL {
  if (!can(actor, "team:read")) return sql`false`;
  const conditions: SQL[] = [];
  if (actor.teamIds.length > 0) conditions.push(inArray(producerTeams.id, actor.teamIds));
  if (actor.partyKind === "meti") {
    if (actor.blockCode === null) conditions.push(sql`true`);
    else {
      conditions.push(
        sql`exists (select 1 from ${modelRegions} inner join ${prefectures} on ${prefectures.code} = ${modelRegions.prefectureCode}
          where ${modelRegions.id} = ${producerTeams.modelRegionId} and ${prefectures.blockCode} = ${actor.blockCode})`,
      );
    }
  }
  return conditions.length > 0 ? or(...conditions)! : sql`false`;
}

/** One entry of the scope picker. */
export interface KpiScopeOption {
  kind: ResolvedKpiScope["kind"];
  ref: string;
  nameJa: string;
  nameEn: string;
}

/**
 * The scopes the actor may see for a fiscal year, for the scope picker: national, blocks, the model regions
 * running that year, that year's producer teams, and the actor's own organization. Every entry passes
 * isKpiScopeVisible; a scope that is not listed can still be opened by URL only if it is visible.
 */
export async function listKpiScopesForActor(db: Queryable, actor: Actor, fiscalYear: number): Promise<KpiScopeOption[]> {
  if (!can(actor, "kpi:read")) return [];
  const options: KpiScopeOption[] = [];
  const isMeti = actor.partyKind === "meti";
  if (isNationalMeti(actor)) options.push({ kind: "national", ref: "", nameJa: "全国", nameEn: "National" });
  if (isMeti) {
    const blocks = await listBlocks(db, actor.blockCode === null ? undefined : [actor.blockCode]);
    for (const b of blocks) options.push({ kind: "block", ref: b.code, nameJa: `${b.nameJa}ブロック`, nameEn: `${b.nameEn} block` });
  }

  const teams = await db
    .select({
      id: producerTeams.id,
      name: producerTeams.name,
      regionId: modelRegions.id,
      regionNameJa: modelRegions.nameJa,
      regionNameEn: modelRegions.nameEn,
    })
    .from(producerTeams)
    .innerJoin(modelRegions, eq(modelRegions.id, producerTeams.modelRegionId))
    .where(and(eq(producerTeams.fiscalYear, fiscalYear), teamVisibility(actor)))
    .orderBy(asc(modelRegions.prefectureCode), asc(modelRegions.nameJa));

  // Model regions: those of the visible teams, and for 経産局 every region of their block running that year.
  const regions = new Map<string, KpiScopeOption>();
  for (const team of teams) regions.set(team.regionId, { kind: "model_region", ref: team.regionId, nameJa: team.regionNameJa, nameEn: team.regionNameEn });
  if (isMeti) {
    const blockRegions = await db
      .select({ id: modelRegions.id, nameJa: modelRegions.nameJa, nameEn: modelRegions.nameEn })
      .from(modelRegions)
      .innerJoin(prefectures, eq(prefectures.code, modelRegions.prefectureCode))
      .where(
        and(
          lte(modelRegions.firstFiscalYear, fiscalYear),
          gte(modelRegions.lastFiscalYear, fiscalYear),
          actor.blockCode === null ? undefined : eq(prefectures.blockCode, actor.blockCode),
        ),
      )
      .orderBy(asc(modelRegions.prefectureCode), desc(modelRegions.kind));
    for (const r of blockRegions) if (!regions.has(r.id)) regions.set(r.id, { kind: "model_region", ref: r.id, nameJa: r.nameJa, nameEn: r.nameEn });
  }
  options.push(...regions.values());
  for (const team of teams) options.push({ kind: "team", ref: team.id, nameJa: team.name, nameEn: team.name });

  const own = await resolveKpiScope(db, { kind: "organization", ref: actor.orgId });
  if (own && isKpiScopeVisible(actor, own)) options.push({ kind: "organization", ref: own.ref, nameJa: own.nameJa, nameEn: own.nameEn });
  return options;
}

/**
 * The scope a KPI screen opens on when none is asked for: a producer's own team, a 経産局 user's block (or the
 * nation for the national level), everyone else their organization.
 */
export function defaultKpiScope(actor: Actor, options: readonly KpiScopeOption[]): KpiScopeOption | undefined {
  const prefer = (kind: KpiScopeOption["kind"]) => options.find((o) => o.kind === kind);
  if (actor.role === "producer") {
    const ownTeam = options.find((o) => o.kind === "team" && actor.teamIds.includes(o.ref));
    if (ownTeam) return ownTeam;
  }
  if (actor.partyKind === "meti") return (actor.blockCode === null ? prefer("national") : prefer("block")) ?? options[0];
  return prefer("organization") ?? options[0];
}
