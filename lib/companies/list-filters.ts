import type { FindCompaniesOptions } from "./queries";

/** The company list's filters as they travel in a URL: the list page, its exports and its links share them. */
export type CompanyListFilters = Omit<FindCompaniesOptions, "cursor" | "limit">;

type ParamSource = URLSearchParams | Record<string, string | string[] | undefined>;

function read(source: ParamSource, name: string, maxLength = 100): string | undefined {
  const raw = source instanceof URLSearchParams ? source.get(name) : [source[name]].flat()[0];
  const trimmed = raw?.trim();
  return trimmed ? trimmed.slice(0, maxLength) : undefined;
}

/**
 * Reads the filters leniently: a value that cannot be a filter (prefecture 99, a block code with spaces) is
 * ignored rather than an error, since these URLs are typed, bookmarked and edited by hand. The scope is never a
 * filter: whatever the URL says, the query shows only what the actor may find.
 */
export function parseCompanyListFilters(source: ParamSource): CompanyListFilters {
  const filters: CompanyListFilters = {};
  const q = read(source, "q");
  if (q) filters.q = q;
  const prefecture = Number(read(source, "prefecture"));
  if (Number.isInteger(prefecture) && prefecture >= 1 && prefecture <= 47) filters.prefecture = prefecture;
  const block = read(source, "block", 32);
  if (block && /^[a-z_]+$/.test(block)) filters.block = block;
  const industry = read(source, "industry");
  if (industry) filters.industry = industry;
  if (read(source, "open") === "1") filters.hasOpenCase = true;
  return filters;
}

/** The filters back as URL parameters, in a stable order. */
export function companyListParams(filters: CompanyListFilters): Record<string, string | undefined> {
  return {
    q: filters.q,
    block: filters.block,
    prefecture: filters.prefecture === undefined ? undefined : String(filters.prefecture),
    industry: filters.industry,
    open: filters.hasOpenCase ? "1" : undefined,
  };
}
