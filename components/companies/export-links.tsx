import { useTranslations } from "next-intl";
import { Download } from "lucide-react";
import { Button } from "@/components/ui/button";

/** Query parameters of a list, without the page position: an export holds the whole filtered list. */
function exportHref(path: string, format: "xlsx" | "csv", params: Record<string, string | undefined>): string {
  const query = new URLSearchParams({ format });
  for (const [key, value] of Object.entries(params)) if (value) query.set(key, value);
  return `${path}?${query.toString()}`;
}

/**
 * Download links for a list as it is filtered now: .xlsx, and CSV with a BOM for Japanese Excel. The files are
 * built on the server from the same scoped query, so they hold only what the list shows this user.
 */
export function ExportLinks({ path, params }: { path: string; params: Record<string, string | undefined> }) {
  const t = useTranslations("exports");
  return (
    <div role="group" aria-label={t("groupLabel")} className="flex items-center gap-1">
      <Button asChild variant="outline" size="sm">
        <a href={exportHref(path, "xlsx", params)} download>
          <Download aria-hidden />
          {t("xlsx")}
        </a>
      </Button>
      <Button asChild variant="outline" size="sm">
        <a href={exportHref(path, "csv", params)} download>
          <Download aria-hidden />
          {t("csv")}
        </a>
      </Button>
    </div>
  );
}
