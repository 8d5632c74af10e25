import type { Metadata } from "next";
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { getDb } from "@/db/client";
import { requirePermission } from "@/lib/auth/session";
import { fiscalYearLabel, todayInJst } from "@/lib/format/fiscal-year";
import { parseFiscalYearParam, selectableFiscalYears } from "@/lib/kpi/period";
import { findTeamsForActor } from "@/lib/teams/queries";
import { getUiLocale } from "@/components/app-shell/locale";
import { PageHeader } from "@/components/app-shell/page-header";
import { ScopePicker } from "@/components/kpi/scope-picker";
import { Card, CardContent } from "@/components/ui/card";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { firstParam, listHref, type SearchParams } from "../_lib/search-params";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("teams");
  return { title: t("title") };
}

/** /teams?fy= — the producer teams the actor may open (their own; 経産局: those of the block), by fiscal year. */
export default async function TeamsPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const actor = await requirePermission("team:read");
  const params = await searchParams;
  const today = todayInJst();
  const fiscalYear = parseFiscalYearParam(firstParam(params.fy), today);
  const [t, locale, teams] = await Promise.all([getTranslations(), getUiLocale(), findTeamsForActor(getDb(), actor, { fiscalYear })]);

  return (
    <>
      <PageHeader title={t("teams.title")} description={t("teams.description")} />
      <Card className="mb-4 py-3">
        <CardContent>
          <ScopePicker action="/teams" fiscalYears={selectableFiscalYears(today)} fiscalYear={fiscalYear} locale={locale} />
        </CardContent>
      </Card>
      {teams.length === 0 ? (
        <p className="rounded-lg border bg-card px-4 py-8 text-center text-sm text-muted-foreground">{t("teams.empty")}</p>
      ) : (
        <div className="rounded-lg border bg-card">
          <Table className="min-w-[44rem]" data-testid="teams-table">
            <TableHeader>
              <TableRow>
                <TableHead scope="col">{t("teams.columns.name")}</TableHead>
                <TableHead scope="col">{t("teams.columns.region")}</TableHead>
                <TableHead scope="col">{t("teams.columns.fiscalYear")}</TableHead>
                <TableHead scope="col">{t("teams.columns.lead")}</TableHead>
                <TableHead scope="col" className="text-right">
                  {t("teams.columns.members")}
                </TableHead>
                <TableHead scope="col" className="text-right">
                  {t("teams.columns.cases")}
                </TableHead>
                <TableHead scope="col" className="text-right">
                  {t("teams.columns.openCases")}
                </TableHead>
              </TableRow>
            </TableHeader>
            <TableBody>
              {teams.map((team) => (
                <TableRow key={team.id}>
                  <TableCell>
                    <Link href={listHref(`/teams/${team.id}`, { fy: team.fiscalYear })} className="font-medium text-primary hover:underline">
                      {team.name}
                    </Link>
                  </TableCell>
                  <TableCell>{locale === "ja" ? team.modelRegion.nameJa : team.modelRegion.nameEn}</TableCell>
                  <TableCell className="whitespace-nowrap">{fiscalYearLabel(team.fiscalYear, locale)}</TableCell>
                  <TableCell className="whitespace-nowrap">{team.lead.name}</TableCell>
                  <TableCell className="text-right tabular-nums">{team.memberCount}</TableCell>
                  <TableCell className="text-right tabular-nums">{team.caseCount}</TableCell>
                  <TableCell className="text-right tabular-nums">{team.openCaseCount}</TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </div>
      )}
    </>
  );
}
