import { getTranslations } from "next-intl/server";
import type { PrefectureCaseCounts } from "@/lib/cases/prefecture-counts";
import { ALL_STAGES } from "@/lib/cases/stage";
import type { Locale } from "@/lib/i18n/config";
import { StageCountGrid } from "@/components/cases/stage-count-grid";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";

/**
 * Beside a prefecture-filtered case list, for 経産局: all of the prefecture's cases in their block (or the
 * country) as counts by stage. Numbers only, never linked: their list holds only the cases they are members of.
 */
export async function PrefectureCountsCard({ counts, locale }: { counts: PrefectureCaseCounts; locale: Locale }) {
  const t = await getTranslations("cases.prefectureCounts");
  const nameOf = (option: { nameJa: string; nameEn: string }) => (locale === "ja" ? option.nameJa : option.nameEn);
  const prefecture = nameOf(counts.prefecture);
  const area = counts.scope.kind === "block" ? t("block", { block: nameOf(counts.scope) }) : t("national");
  return (
    <Card className="mb-4" data-testid="prefecture-case-counts" data-prefecture={counts.prefecture.code}>
      <CardHeader>
        <CardTitle>
          {t("title", { prefecture, area })}
          {counts.inScope ? (
            <span className="ml-2 text-sm font-normal text-muted-foreground" data-testid="prefecture-case-total">
              {t("total", { count: counts.total })}
            </span>
          ) : null}
        </CardTitle>
        <CardDescription>{counts.inScope ? t("description", { prefecture }) : t("outOfScope", { prefecture, area })}</CardDescription>
      </CardHeader>
      {counts.inScope ? (
        <CardContent>
          <StageCountGrid counts={counts.casesByStage} stages={ALL_STAGES} />
        </CardContent>
      ) : null}
    </Card>
  );
}
