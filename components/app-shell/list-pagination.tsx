import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { ChevronRight, ChevronsLeft } from "lucide-react";
import { Button } from "@/components/ui/button";

/**
 * Keyset pagination: lists continue after the last row shown ("next page"), so there are no page numbers;
 * a list opened on a later page offers the way back to the first.
 */
export async function ListPagination({ nextHref, firstHref }: { nextHref?: string; firstHref?: string }) {
  if (!nextHref && !firstHref) return null;
  const t = await getTranslations("common");
  return (
    <nav aria-label={t("pagination")} className="mt-4 flex items-center justify-between gap-2">
      {firstHref ? (
        <Button asChild variant="ghost" size="sm">
          <Link href={firstHref}>
            <ChevronsLeft aria-hidden />
            {t("firstPage")}
          </Link>
        </Button>
      ) : (
        <span />
      )}
      {nextHref ? (
        <Button asChild variant="outline" size="sm">
          <Link href={nextHref} rel="next">
            {t("nextPage")}
            <ChevronRight aria-hidden />
          </Link>
        </Button>
      ) : null}
    </nav>
  );
}
