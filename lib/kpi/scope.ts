import { and, asc, eq, inArray } from "drizzle-orm";
import type { Queryable } from "@/db/client";
import {
  kpiScopeKind,
  modelRegions,
  organizations,
  prefectures,
  producerTeamMembers,
  producerTeams,
  regionalBlocks,
  type KpiScopeKind,
} from "@/db/schema";
import { isUuid } from "@/lib/pagination";

/**
 * A KPI scope as it travels in URLs and forms: its kind and its key — the block code, the model region /
 * producer team / organization id, and "" for the national scope (kpi_targets.scope_ref, pdca_notes.scope_ref).
 */
export interface KpiScopeRef {
  kind: KpiScopeKind;
  ref: string;
}

export const KPI_SCOPE_KINDS = kpiScopeKind.enumValues;

/** A scope with what the access rules and the screens need to know about it. */
export interface ResolvedKpiScope extends KpiScopeRef {
  nameJa: string;
  nameEn: string;
  /** The regional block the scope lies in: of the model region's prefecture for regions and teams. */
  blockCode: string | null;
  /** For model regions and producer teams. */
  modelRegion: { id: string; prefectureCode: number; cityName: string | null; teamIds: string[] } | null;
  /** For producer teams. */
  team: { id: string; fiscalYear: number; memberUserIds: string[] } | null;
  /** For organizations. */
  organizationId: string | null;
}

/** The value of a scope in the picker's select: `kind:ref`. */
export function scopeOptionValue(scope: KpiScopeRef): string {
  return `${scope.kind}:${scope.ref}`;
}

/** The national scope has no key; in a URL path it is written `all` (/reports/national/all). */
export const NATIONAL_PATH_REF = "all";

export function scopePathRef(scope: KpiScopeRef): string {
  return scope.kind === "national" ? NATIONAL_PATH_REF : scope.ref;
}

/**
 * Reads `kind` and `ref` from query or path parameters; undefined when they do not name a scope. The scope
 * picker, a plain GET form with one select, sends both in one value (`scope=team:<id>`), which is read too.
 */
export function parseKpiScopeRef(kindParam: string | undefined, refParam: string | undefined): KpiScopeRef | undefined {
  const [kind, ref] = kindParam?.includes(":") ? (kindParam.split(":", 2) as [string, string]) : [kindParam, refParam];
  if (!kind || !(KPI_SCOPE_KINDS as readonly string[]).includes(kind)) return undefined;
  const scopeKind = kind as KpiScopeKind;
  if (scopeKind === "national") return { kind: "national", ref: "" };
  if (!ref) return undefined;
  if (scopeKind === "block") return /^[a-z]{2,20}$/.test(ref) ? { kind: "block", ref } : undefined;
  return isUuid(ref) ? { kind: scopeKind, ref: ref.toLowerCase() } : undefined;
}

/**
 * Loads a scope's record, or null when it does not exist. Not an access check: callers go through
 * findVisibleKpiScope (./scope-access.ts), which adds the actor's rules.
 */
export async function resolveKpiScope(db: Queryable, scope: KpiScopeRef): Promise<ResolvedKpiScope | null> {
  const base = { kind: scope.kind, ref: scope.ref, modelRegion: null, team: null, organizationId: null };
  switch (scope.kind) {
    case "national":
      if (scope.ref !== "") return null;
      return { ...base, nameJa: "全国", nameEn: "National", blockCode: null };
    case "block": {
      const [block] = await db
        .select({ code: regionalBlocks.code, nameJa: regionalBlocks.nameJa, nameEn: regionalBlocks.nameEn })
        .from(regionalBlocks)
        .where(eq(regionalBlocks.code, scope.ref));
      return block ? { ...base, nameJa: `${block.nameJa}ブロック`, nameEn: `${block.nameEn} block`, blockCode: block.code } : null;
    }
    case "model_region": {
      if (!isUuid(scope.ref)) return null;
      const [region] = await db
        .select({
          id: modelRegions.id,
          nameJa: modelRegions.nameJa,
          nameEn: modelRegions.nameEn,
          prefectureCode: modelRegions.prefectureCode,
          cityName: modelRegions.cityName,
          blockCode: prefectures.blockCode,
        })
        .from(modelRegions)
        .innerJoin(prefectures, eq(prefectures.code, modelRegions.prefectureCode))
        .where(eq(modelRegions.id, scope.ref));
      if (!region) return null;
      const teams = await db.select({ id: producerTeams.id }).from(producerTeams).where(eq(producerTeams.modelRegionId, region.id));
      return {
        ...base,
        nameJa: region.nameJa,
        nameEn: region.nameEn,
        blockCode: region.blockCode,
        modelRegion: { id: region.id, prefectureCode: region.prefectureCode, cityName: region.cityName, teamIds: teams.map((t) => t.id) },
      };
    }
    case "team": {
      if (!isUuid(scope.ref)) return null;
      const [team] = await db
        .select({
          id: producerTeams.id,
          name: producerTeams.name,
          fiscalYear: producerTeams.fiscalYear,
          regionId: modelRegions.id,
          prefectureCode: modelRegions.prefectureCode,
          cityName: modelRegions.cityName,
          blockCode: prefectures.blockCode,
        })
        .from(producerTeams)
        .innerJoin(modelRegions, eq(modelRegions.id, producerTeams.modelRegionId))
        .innerJoin(prefectures, eq(prefectures.code, modelRegions.prefectureCode))
        .where(eq(producerTeams.id, scope.ref));
      if (!team) return null;
      const [members, siblings] = await Promise.all([
        db.select({ userId: producerTeamMembers.userId }).from(producerTeamMembers).where(eq(producerTeamMembers.teamId, team.id)),
        db.select({ id: producerTeams.id }).from(producerTeams).where(eq(producerTeams.modelRegionId, team.regionId)),
      ]);
      return {
        ...base,
        // Team names are written in Japanese by the bureau; English screens show the same name.
        nameJa: team.name,
        nameEn: team.name,
        blockCode: team.blockCode,
        modelRegion: { id: team.regionId, prefectureCode: team.prefectureCode, cityName: team.cityName, teamIds: siblings.map((s) => s.id) },
        team: { id: team.id, fiscalYear: team.fiscalYear, memberUserIds: members.map((m) => m.userId) },
      };
    }
    case "organization": {
      if (!isUuid(scope.ref)) return null;
      const [org] = await db
        .select({ id: organizations.id, nameJa: organizations.nameJa, nameEn: organizations.nameEn, blockCode: organizations.blockCode })
        .from(organizations)
        .where(and(eq(organizations.id, scope.ref), eq(organizations.isSystem, false)));
      return org ? { ...base, nameJa: org.nameJa, nameEn: org.nameEn ?? org.nameJa, blockCode: org.blockCode, organizationId: org.id } : null;
    }
  }
}

/** Names of several blocks at once, for scope pickers. */
export async function listBlocks(db: Queryable, codes?: string[]) {
  return db
    .select({ code: regionalBlocks.code, nameJa: regionalBlocks.nameJa, nameEn: regionalBlocks.nameEn })
    .from(regionalBlocks)
    .where(codes ? inArray(regionalBlocks.code, codes.length ? codes : [""]) : undefined)
    .orderBy(asc(regionalBlocks.sortOrder));
}
