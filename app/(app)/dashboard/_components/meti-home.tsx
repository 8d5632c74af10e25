import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { Info } from "lucide-react";
import { getDb } from "@/db/client";
import { referralStatus } from "@/db/schema";
import type { Actor } from "@/lib/authz/actor";
import { getMetiOverview, type NamedOption } from "@/lib/dashboard/queries";
import { ALL_STAGES, OPEN_STAGES } from "@/lib/cases/stage";
import { formatDate, formatShortDate } from "@/lib/format/datetime";
import { fiscalYearLabel, fiscalYearOf, todayInJst } from "@/lib/format/fiscal-year";
import { getPrefectureMapForActor } from "@/lib/kpi/prefecture-map";
import { getUiLocale } from "@/components/app-shell/locale";
import { PageHeader } from "@/components/app-shell/page-header";
import { StatCard } from "@/components/app-shell/stat-card";
import { StageBadge } from "@/components/cases/stage-badge";
import { StageCountGrid } from "@/components/cases/stage-count-grid";
import { PrefectureTileMap } from "@/components/charts/prefecture-tile-map";
import { Alert, AlertDescription } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { CountTable } from "./count-table";

/**
 * 経産局・特許庁: their regional block in numbers — cases by stage and theme per prefecture, the model regions
 * and their producer teams, the flow of referrals between the parties and who owes an answer. Counts only:
 * case details are reachable only where the user is a member (their team's cases, listed last).
 */
export async function MetiHome({ actor }: { actor: Actor }) {
  const db = getDb();
  const fiscalYear = fiscalYearOf(todayInJst());
  const [t, locale, overview, tileMap] = await Promise.all([
    getTranslations(),
    getUiLocale(),
    getMetiOverview(db, actor),
    getPrefectureMapForActor(db, actor, fiscalYear),
  ]);
  const nameOf = (option: { nameJa: string; nameEn: string }) => (locale === "ja" ? option.nameJa : option.nameEn);
  const partyName = (key: string | null, kinds: readonly NamedOption[]) => {
    if (key === null) return t("parties.external");
    const kind = kinds.find((k) => k.key === key);
    // Party kinds are data: a kind added later is named from the table, the four founders by their short name.
    return t.has(`parties.${key}`) ? t(`parties.${key}`) : kind ? nameOf(kind) : key;
  };
  const subtitle =
    overview.scope.kind === "block"
      ? t("home.meti.subtitleBlock", { block: nameOf(overview.scope) })
      : t("home.meti.subtitleNational");
  const stageTotal = Object.values(overview.casesByStage).reduce((a, b) => a + b, 0);
  const openTotal = OPEN_STAGES.reduce((n, s) => n + overview.casesByStage[s], 0);
  const flowTotal = overview.flow.reduce((n, r) => n + r.count, 0);
  const teamCount = overview.modelRegions.reduce((n, r) => n + r.teams.length, 0);

  /** One row per prefecture of the scope, the cells keyed by stage or theme. */
  const prefectureRows = (cells: readonly { prefectureCode: number; key: string; count: number }[]) =>
    overview.prefectures.map((p) => {
      const values: Record<string, number> = {};
      for (const cell of cells) if (cell.prefectureCode === p.code) values[cell.key] = cell.count;
      return { key: String(p.code), label: nameOf(p), values };
    });

  // The flow as a from → to matrix over the party kinds (and "outside Renkei" as a receiver).
  const flowParties = overview.partyKinds.filter((k) => overview.flow.some((f) => f.fromParty === k.key || f.toParty === k.key));
  const flowColumns = [
    ...flowParties.map((k) => ({ key: k.key, label: partyName(k.key, overview.partyKinds) })),
    ...(overview.flow.some((f) => f.toParty === null) ? [{ key: "external", label: t("parties.external") }] : []),
  ];
  const flowRows = flowParties.map((k) => {
    const values: Record<string, number> = {};
    for (const f of overview.flow) if (f.fromParty === k.key) values[f.toParty ?? "external"] = f.count;
    return { key: k.key, label: partyName(k.key, overview.partyKinds), values };
  });

  return (
    <section data-testid="home-meti" aria-labelledby="home-title" className="grid grid-cols-1 gap-6">
      <PageHeader
        className="mb-0"
        titleId="home-title"
        title={t("home.meti.title")}
        description={
          <>
            {subtitle}
            <span className="ml-2" data-testid="meti-fiscal-year">
              {fiscalYearLabel(fiscalYear, locale)}
            </span>
          </>
        }
      />
      <Alert variant="info">
        <Info aria-hidden />
        <AlertDescription>{t("home.meti.countsOnly")}</AlertDescription>
      </Alert>

      <div className="grid grid-cols-2 gap-3 md:grid-cols-4">
        <StatCard label={t("dashboard.meti.casesTotal")} value={stageTotal} testId="stat-block-cases" />
        <StatCard label={t("dashboard.meti.casesOpen")} value={openTotal} />
        <StatCard label={t("dashboard.meti.referralsTotal")} value={flowTotal} />
        <StatCard
          label={t("dashboard.meti.overdueReferrals")}
          value={overview.overdueReferrals.total}
          tone="alert"
          testId="stat-block-overdue"
        />
      </div>

      <div className="grid grid-cols-1 gap-4 xl:grid-cols-[minmax(0,1fr)_minmax(0,1fr)]">
        <Card>
          <CardContent>
            {tileMap ? (
              <PrefectureTileMap
                values={tileMap.prefectures}
                locale={locale}
                title={t("dashboard.meti.tileMapTitle", { year: fiscalYearLabel(fiscalYear, locale) })}
                description={t("dashboard.meti.tileMapDescription")}
              />
            ) : (
              <p className="text-sm text-muted-foreground">{t("dashboard.meti.tileMapUnavailable")}</p>
            )}
          </CardContent>
        </Card>
        <Card>
          <CardHeader>
            <CardTitle>
              {t("home.meti.casesByStage")}
              <span className="ml-2 text-sm font-normal text-muted-foreground">
                {t("home.total")} {stageTotal}
              </span>
            </CardTitle>
          </CardHeader>
          <CardContent className="grid grid-cols-1 gap-4">
            <StageCountGrid counts={overview.casesByStage} stages={ALL_STAGES} />
            <CountTable
              caption={t("dashboard.meti.byPrefectureStage")}
              rowHeader={t("dashboard.meti.prefecture")}
              columns={ALL_STAGES.map((s) => ({ key: s, label: t(`stages.${s}`) }))}
              rows={prefectureRows(overview.casesByPrefectureStage.map((c) => ({ ...c, key: c.stage })))}
              totals={{ label: t("home.total") }}
              testId="table-prefecture-stage"
            />
          </CardContent>
        </Card>
      </div>

      <Card>
        <CardHeader>
          <CardTitle>{t("dashboard.meti.byPrefectureTheme")}</CardTitle>
          <CardDescription>{t("dashboard.meti.byPrefectureThemeDescription")}</CardDescription>
        </CardHeader>
        <CardContent>
          <CountTable
            caption={t("dashboard.meti.byPrefectureTheme")}
            rowHeader={t("dashboard.meti.prefecture")}
            columns={overview.themes.map((theme) => ({ key: theme.key, label: nameOf(theme) }))}
            rows={prefectureRows(overview.casesByPrefectureTheme.map((c) => ({ ...c, key: c.themeKey })))}
            testId="table-prefecture-theme"
          />
        </CardContent>
      </Card>

      <div className="grid grid-cols-1 gap-4 xl:grid-cols-2">
        <Card>
          <CardHeader>
            <CardTitle>{t("dashboard.meti.flowMatrix")}</CardTitle>
            <CardDescription>{t("dashboard.meti.flowMatrixDescription")}</CardDescription>
          </CardHeader>
          <CardContent>
            {flowRows.length === 0 ? (
              <p className="text-sm text-muted-foreground">{t("home.noItems")}</p>
            ) : (
              <CountTable
                caption={t("dashboard.meti.flowMatrix")}
                rowHeader={t("dashboard.meti.flowFromTo")}
                columns={flowColumns}
                rows={flowRows}
                totals={{ label: t("home.total") }}
                testId="table-referral-flow"
              />
            )}
          </CardContent>
        </Card>
        <Card>
          <CardHeader>
            <CardTitle>{t("home.meti.referralsTitle")}</CardTitle>
            <CardDescription>{t("home.meti.referralsDescription")}</CardDescription>
          </CardHeader>
          <CardContent>
            <CountTable
              caption={t("home.meti.referralsTitle")}
              rowHeader={t("referrals.columns.status")}
              columns={[
                { key: "sent", label: t("home.meti.sentFromBlock") },
                { key: "received", label: t("home.meti.receivedInBlock") },
              ]}
              rows={referralStatus.enumValues.map((status) => ({
                key: status,
                label: t(`referralStatus.${status}`),
                values: { sent: overview.referralsSent[status], received: overview.referralsReceived[status] },
              }))}
            />
          </CardContent>
        </Card>
      </div>

      <Card>
        <CardHeader>
          <CardTitle>{t("dashboard.meti.overdueTitle")}</CardTitle>
          <CardDescription>{t("dashboard.meti.overdueDescription")}</CardDescription>
        </CardHeader>
        <CardContent>
          {overview.overdueReferrals.byRecipient.length === 0 ? (
            <p className="text-sm text-muted-foreground">{t("dashboard.meti.noOverdue")}</p>
          ) : (
            <Table className="min-w-[32rem]" data-testid="table-overdue-by-recipient">
              <TableHeader>
                <TableRow>
                  <TableHead scope="col">{t("dashboard.meti.recipient")}</TableHead>
                  <TableHead scope="col">{t("dashboard.meti.party")}</TableHead>
                  <TableHead scope="col" className="text-right">
                    {t("dashboard.meti.overdueCount")}
                  </TableHead>
                  <TableHead scope="col">{t("dashboard.meti.oldestRespondBy")}</TableHead>
                </TableRow>
              </TableHeader>
              <TableBody>
                {overview.overdueReferrals.byRecipient.map((row) => (
                  <TableRow key={row.orgId}>
                    <TableCell className="font-medium">{row.orgName}</TableCell>
                    <TableCell>{partyName(row.partyKind, overview.partyKinds)}</TableCell>
                    <TableCell className="text-right font-semibold text-destructive tabular-nums">{row.count}</TableCell>
                    <TableCell className="whitespace-nowrap">{formatShortDate(row.oldestRespondBy, locale)}</TableCell>
                  </TableRow>
                ))}
              </TableBody>
            </Table>
          )}
          {overview.overdueReferrals.recipients > overview.overdueReferrals.byRecipient.length ? (
            <p className="mt-2 text-xs text-muted-foreground" data-testid="overdue-more-recipients">
              {t("dashboard.meti.overdueMoreRecipients", {
                shown: overview.overdueReferrals.byRecipient.length,
                count: overview.overdueReferrals.recipients,
              })}
            </p>
          ) : null}
        </CardContent>
      </Card>

      <Card>
        <CardHeader>
          <CardTitle>
            {t("dashboard.meti.modelRegions")}
            <span className="ml-2 text-sm font-normal text-muted-foreground">
              {t("dashboard.meti.teamsCount", { count: teamCount })}
            </span>
          </CardTitle>
          <CardDescription>{t("dashboard.meti.modelRegionsDescription")}</CardDescription>
        </CardHeader>
        <CardContent className="grid grid-cols-1 gap-4">
          {overview.modelRegions.length === 0 ? (
            <p className="text-sm text-muted-foreground">{t("home.meti.noTeams")}</p>
          ) : (
            overview.modelRegions.map((region) => (
              <div key={region.id} className="rounded-md border p-3" data-testid="model-region">
                <h3 className="flex flex-wrap items-center gap-2 text-sm font-semibold">
                  {nameOf(region)}
                  <Badge variant={region.current ? "info" : "muted"}>
                    {t("dashboard.meti.regionYears", {
                      from: fiscalYearLabel(region.firstFiscalYear, locale),
                      to: fiscalYearLabel(region.lastFiscalYear, locale),
                    })}
                  </Badge>
                </h3>
                {region.teams.length === 0 ? (
                  <p className="mt-2 text-sm text-muted-foreground">{t("dashboard.meti.noTeamForRegion")}</p>
                ) : (
                  <Table className="mt-2 min-w-[36rem]">
                    <TableHeader>
                      <TableRow>
                        <TableHead scope="col">{t("home.meti.producerTeams")}</TableHead>
                        <TableHead scope="col">{t("home.meti.teamFiscalYear")}</TableHead>
                        <TableHead scope="col">{t("dashboard.meti.teamLead")}</TableHead>
                        <TableHead scope="col" className="text-right">
                          {t("home.meti.teamMembers")}
                        </TableHead>
                        <TableHead scope="col" className="text-right">
                          {t("home.meti.teamCases")}
                        </TableHead>
                      </TableRow>
                    </TableHeader>
                    <TableBody>
                      {region.teams.map((team) => (
                        <TableRow key={team.id}>
                          <TableCell>
                            <Link href={`/teams/${team.id}`} className="font-medium text-primary hover:underline">
                              {team.name}
                            </Link>
                          </TableCell>
                          <TableCell>{fiscalYearLabel(team.fiscalYear, locale)}</TableCell>
                          <TableCell>{team.leadName}</TableCell>
                          <TableCell className="text-right tabular-nums">{team.memberCount}</TableCell>
                          <TableCell className="text-right tabular-nums">{team.caseCount}</TableCell>
                        </TableRow>
                      ))}
                    </TableBody>
                  </Table>
                )}
              </div>
            ))
          )}
        </CardContent>
      </Card>

      {overview.teamCases.length > 0 ? (
        <Card>
          <CardHeader>
            <CardTitle>{t("home.meti.myTeamCases")}</CardTitle>
          </CardHeader>
          <CardContent>
            <Table className="min-w-[36rem]">
              <TableHeader>
                <TableRow>
                  <TableHead scope="col">{t("cases.columns.code")}</TableHead>
                  <TableHead scope="col">{t("cases.columns.title")}</TableHead>
                  <TableHead scope="col">{t("cases.columns.company")}</TableHead>
                  <TableHead scope="col">{t("cases.columns.stage")}</TableHead>
                  <TableHead scope="col">{t("cases.columns.updated")}</TableHead>
                </TableRow>
              </TableHeader>
              <TableBody>
                {overview.teamCases.map((item) => (
                  <TableRow key={item.id}>
                    <TableCell className="font-mono text-xs">{item.code}</TableCell>
                    <TableCell>
                      <Link href={`/cases/${item.id}`} className="font-medium text-primary hover:underline">
                        {item.title}
                      </Link>
                    </TableCell>
                    <TableCell>{item.companyName}</TableCell>
                    <TableCell>
                      <StageBadge stage={item.stage} />
                    </TableCell>
                    <TableCell className="whitespace-nowrap">{formatDate(item.updatedAt, locale)}</TableCell>
                  </TableRow>
                ))}
              </TableBody>
            </Table>
          </CardContent>
        </Card>
      ) : null}
    </section>
  );
}
