import { z } from "zod";
import { kpiMetric, kpiScopeKind } from "@/db/schema";
import { choice, optionalText, requiredInteger, requiredText } from "@/lib/validation/form-fields";
import { FIRST_KPI_FISCAL_YEAR } from "./period";

/**
 * Input of the KPI actions, as forms post it. Rules that need the metric or today's date (whole numbers for
 * counts, at most 100 %, no target for a year beyond next) are checked by the actions, with messages under
 * `kpi.validation.` in lib/i18n/messages.
 */

/** The scope's key: "" for the national scope, a block code or an id otherwise (checked by resolving it). */
const scopeRef = z.preprocess((v) => (v === undefined || v === null ? "" : v), z.string().trim().max(64));

const fiscalYear = requiredInteger(FIRST_KPI_FISCAL_YEAR, 2100);

export const setKpiTargetSchema = z.object({
  fiscalYear,
  scopeKind: choice(kpiScopeKind.enumValues),
  scopeRef,
  metric: choice(kpiMetric.enumValues),
  /** As typed (1,200 / １２００ / 66.5); parsed against the metric by parseTargetValue in ./targets.ts. */
  targetValue: requiredText(32),
  /** The version of the target the form showed; 0 when there was none yet. */
  version: requiredInteger(0, 2_147_483_647, "validation.version"),
});
export type SetKpiTargetInput = z.output<typeof setKpiTargetSchema>;

export const savePdcaNoteSchema = z.object({
  fiscalYear,
  scopeKind: choice(kpiScopeKind.enumValues),
  scopeRef,
  quarter: requiredInteger(1, 4),
  /** The revision the form showed; 0 when the quarter had no note yet. */
  baseRevision: requiredInteger(0, 2_147_483_647, "validation.version"),
  plan: optionalText(4000),
  do: optionalText(4000),
  check: optionalText(4000),
  act: optionalText(4000),
});
export type SavePdcaNoteInput = z.output<typeof savePdcaNoteSchema>;
