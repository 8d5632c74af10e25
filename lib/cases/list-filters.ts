import { z } from "zod";
import type { CaseStage } from "@/db/schema";
import type { FindCasesOptions } from "./queries";
import { ALL_STAGES } from "./stage";

/** The case list's filters as they travel in a URL: the list, the board, their exports and links share them. */
export type CaseListFilters = Omit<FindCasesOptions, "cursor" | "limit">;

/**
 * A prefecture filter as it arrives in a query string: a JIS X 0401 code, 1 (北海道) to 47 (沖縄県). The list
 * page ignores anything else; the JSON API answers 400 for it.
 */
export const prefectureParam = z
  .string()
  .regex(/^\d{1,2}$/)
  .transform(Number)
  .pipe(z.number().int().min(1).max(47));

type ParamSource = URLSearchParams | Record<string, string | string[] | undefined>;

function read(source: ParamSource, name: string, maxLength = 100): string | undefined {
  const raw = source instanceof URLSearchParams ? source.get(name) : [source[name]].flat()[0];
  const trimmed = raw?.trim();
  return trimmed ? trimmed.slice(0, maxLength) : undefined;
}

/**
 * Reads the filters leniently: an unknown stage, a malformed theme key or prefecture 99 is ignored rather than
 * an error, since these URLs are bookmarked and edited by hand. The scope is never a filter: the query shows
 * only what the actor may open, whatever the URL says.
 */
export function parseCaseListFilters(source: ParamSource): CaseListFilters {
  const filters: CaseListFilters = {};
  const stage = read(source, "stage");
  if (stage && (ALL_STAGES as readonly string[]).includes(stage)) filters.stage = stage as CaseStage;
  const q = read(source, "q");
  if (q) filters.q = q;
  const theme = read(source, "theme", 64);
  if (theme && /^[a-z0-9_]+$/.test(theme)) filters.theme = theme;
  if (read(source, "mine") === "1") filters.mine = true;
  const prefecture = prefectureParam.safeParse(read(source, "prefecture", 8));
  if (prefecture.success) filters.prefecture = prefecture.data;
  return filters;
}

/** The filters back as URL parameters, in a stable order. */
export function caseListParams(filters: CaseListFilters): Record<string, string | undefined> {
  return {
    q: filters.q,
    stage: filters.stage,
    theme: filters.theme,
    prefecture: filters.prefecture === undefined ? undefined : String(filters.prefecture),
    mine: filters.mine ? "1" : undefined,
  };
}
