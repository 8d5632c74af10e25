import { getTranslations } from "next-intl/server";
import { Eye } from "lucide-react";
import type { KpiScopeOption } from "@/lib/kpi/scope-access";
import { scopeOptionValue, type KpiScopeRef } from "@/lib/kpi/scope";
import { fiscalYearLabel } from "@/lib/format/fiscal-year";
import type { Locale } from "@/lib/i18n/config";
import { Button } from "@/components/ui/button";
import { Label } from "@/components/ui/label";
import { Select } from "@/components/ui/select";

interface ScopePickerProps {
  action: string;
  fiscalYears: readonly number[];
  fiscalYear: number;
  /** Scopes to choose from; omitted on pages with a fixed scope (the team dashboard). */
  scopes?: readonly KpiScopeOption[];
  scope?: KpiScopeRef;
  locale: Locale;
}

/**
 * Fiscal year and scope as a plain GET form: the choice lives in the URL, works without JavaScript and can
 * be bookmarked for the next network meeting. Scopes are grouped by kind.
 */
export async function ScopePicker({ action, fiscalYears, fiscalYear, scopes, scope, locale }: ScopePickerProps) {
  const t = await getTranslations("kpi");
  const kinds = scopes ? [...new Set(scopes.map((s) => s.kind))] : [];
  return (
    <form method="get" action={action} className="flex flex-wrap items-end gap-3" data-print="hide">
      <div className="grid w-44 gap-1.5">
        <Label htmlFor="kpi-fy">{t("filters.fiscalYear")}</Label>
        <Select id="kpi-fy" name="fy" defaultValue={String(fiscalYear)}>
          {fiscalYears.map((fy) => (
            <option key={fy} value={fy}>
              {fiscalYearLabel(fy, locale)}
            </option>
          ))}
        </Select>
      </div>
      {scopes && scopes.length > 0 ? (
        <div className="grid min-w-64 gap-1.5">
          <Label htmlFor="kpi-scope">{t("filters.scope")}</Label>
          <Select id="kpi-scope" name="scope" defaultValue={scope ? scopeOptionValue(scope) : undefined}>
            {kinds.map((kind) => (
              <optgroup key={kind} label={t(`scopeKinds.${kind}`)}>
                {scopes
                  .filter((s) => s.kind === kind)
                  .map((s) => (
                    <option key={scopeOptionValue(s)} value={scopeOptionValue(s)}>
                      {locale === "ja" ? s.nameJa : s.nameEn}
                    </option>
                  ))}
              </optgroup>
            ))}
          </Select>
        </div>
      ) : null}
      <Button type="submit" variant="secondary">
        <Eye aria-hidden />
        {t("filters.show")}
      </Button>
    </form>
  );
}
