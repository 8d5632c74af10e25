import { getTranslations } from "next-intl/server";
import { ListPagination } from "./list-pagination";

/** The page's URL with one section at `cursor` (its first rows when undefined), the other sections kept where they are. */
export type SectionHref = (cursor: string | undefined) => string;

/**
 * The links of one section of a detail page (a company's contact people, a case's outcomes): each section keeps
 * its keyset position in its own query parameter, and the link jumps back to the section (`#anchor`).
 */
export function sectionHref(path: string, positions: Record<string, string | undefined>, key: string, anchor: string): SectionHref {
  return (cursor) => {
    const query = new URLSearchParams();
    for (const [name, value] of Object.entries({ ...positions, [key]: cursor })) if (value) query.set(name, value);
    const text = query.toString();
    return `${text ? `${path}?${text}` : path}#${anchor}`;
  };
}

/**
 * Keyset paging inside a section: 「全N件」, the rows after the last one shown, and the way back to the first
 * ones. Nothing when the section holds all its rows on its first page.
 */
export async function SectionPagination({
  total,
  nextCursor,
  cursor,
  href,
}: {
  total: number;
  nextCursor: string | null;
  cursor: string | undefined;
  href: SectionHref;
}) {
  if (!nextCursor && !cursor) return null;
  const t = await getTranslations("common");
  return (
    <div className="grid gap-1">
      <p className="mt-2 text-xs text-muted-foreground" data-testid="section-total">
        {t("total", { count: total })}
      </p>
      <ListPagination nextHref={nextCursor ? href(nextCursor) : undefined} firstHref={cursor ? href(undefined) : undefined} />
    </div>
  );
}
