import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { Info } from "lucide-react";
import { getDb } from "@/db/client";
import { referralStatus } from "@/db/schema";
import type { Actor } from "@/lib/authz/actor";
import { getMetiOverview } from "@/lib/dashboard/queries";
import { ALL_STAGES } from "@/lib/cases/stage";
import { formatDate } from "@/lib/format/datetime";
import { fiscalYearLabel } from "@/lib/format/fiscal-year";
import { getUiLocale } from "@/components/app-shell/locale";
import { PageHeader } from "@/components/app-shell/page-header";
import { StageBadge } from "@/components/cases/stage-badge";
import { Alert, AlertDescription } from "@/components/ui/alert";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { StageCountGrid } from "./stage-count-grid";

/** 経産局: the block in numbers — cases by stage, the referral flow between parties, the producer teams. */
export async function MetiHome({ actor }: { actor: Actor }) {
  const [t, locale, overview] = await Promise.all([getTranslations(), getUiLocale(), getMetiOverview(getDb(), actor)]);
  const partyName = (key: string | null) => {
    const k = key ?? "external";
    return t.has(`parties.${k}`) ? t(`parties.${k}`) : k;
  };
  const subtitle =
    overview.scope.kind === "block"
      ? t("home.meti.subtitleBlock", { block: locale === "ja" ? overview.scope.nameJa : overview.scope.nameEn })
      : t("home.meti.subtitleNational");
  const stageTotal = Object.values(overview.casesByStage).reduce((a, b) => a + b, 0);

  return (
    <section data-testid="home-meti" aria-labelledby="home-title" className="grid gap-6">
      <PageHeader className="mb-0" titleId="home-title" title={t("home.meti.title")} description={subtitle} />
      <Alert variant="info">
        <Info aria-hidden />
        <AlertDescription>{t("home.meti.countsOnly")}</AlertDescription>
      </Alert>

      <Card>
        <CardHeader>
          <CardTitle>
            {t("home.meti.casesByStage")}
            <span className="ml-2 text-sm font-normal text-muted-foreground">
              {t("home.total")} {stageTotal}
            </span>
          </CardTitle>
        </CardHeader>
        <CardContent>
          <StageCountGrid counts={overview.casesByStage} stages={ALL_STAGES} />
        </CardContent>
      </Card>

      <div className="grid gap-4 xl:grid-cols-2">
        <Card>
          <CardHeader>
            <CardTitle>{t("home.meti.referralsTitle")}</CardTitle>
            <CardDescription>{t("home.meti.referralsDescription")}</CardDescription>
          </CardHeader>
          <CardContent>
            <Table>
              <TableHeader>
                <TableRow>
                  <TableHead scope="col">{t("referrals.columns.status")}</TableHead>
                  <TableHead scope="col" className="text-right">
                    {t("home.meti.sentFromBlock")}
                  </TableHead>
                  <TableHead scope="col" className="text-right">
                    {t("home.meti.receivedInBlock")}
                  </TableHead>
                </TableRow>
              </TableHeader>
              <TableBody>
                {referralStatus.enumValues.map((status) => (
                  <TableRow key={status}>
                    <TableCell>{t(`referralStatus.${status}`)}</TableCell>
                    <TableCell className="text-right">{overview.referralsSent[status]}</TableCell>
                    <TableCell className="text-right">{overview.referralsReceived[status]}</TableCell>
                  </TableRow>
                ))}
              </TableBody>
            </Table>
          </CardContent>
        </Card>
        <Card>
          <CardHeader>
            <CardTitle>{t("home.meti.flowTitle")}</CardTitle>
          </CardHeader>
          <CardContent>
            {overview.flow.length === 0 ? (
              <p className="text-sm text-muted-foreground">{t("home.noItems")}</p>
            ) : (
              <Table>
                <TableHeader>
                  <TableRow>
                    <TableHead scope="col">{t("home.meti.flowFrom")}</TableHead>
                    <TableHead scope="col">{t("home.meti.flowTo")}</TableHead>
                    <TableHead scope="col" className="text-right">
                      {t("home.meti.flowCount")}
                    </TableHead>
                  </TableRow>
                </TableHeader>
                <TableBody>
                  {overview.flow.map((row) => (
                    <TableRow key={`${row.fromParty}-${row.toParty}`}>
                      <TableCell>{partyName(row.fromParty)}</TableCell>
                      <TableCell>{partyName(row.toParty)}</TableCell>
                      <TableCell className="text-right">{row.count}</TableCell>
                    </TableRow>
                  ))}
                </TableBody>
              </Table>
            )}
          </CardContent>
        </Card>
      </div>

      <Card>
        <CardHeader>
          <CardTitle>{t("home.meti.producerTeams")}</CardTitle>
        </CardHeader>
        <CardContent>
          {overview.producerTeams.length === 0 ? (
            <p className="text-sm text-muted-foreground">{t("home.meti.noTeams")}</p>
          ) : (
            <Table className="min-w-[36rem]">
              <TableHeader>
                <TableRow>
                  <TableHead scope="col">{t("home.meti.producerTeams")}</TableHead>
                  <TableHead scope="col">{t("home.meti.teamRegion")}</TableHead>
                  <TableHead scope="col">{t("home.meti.teamFiscalYear")}</TableHead>
                  <TableHead scope="col" className="text-right">
                    {t("home.meti.teamMembers")}
                  </TableHead>
                  <TableHead scope="col" className="text-right">
                    {t("home.meti.teamCases")}
                  </TableHead>
                </TableRow>
              </TableHeader>
              <TableBody>
                {overview.producerTeams.map((team) => (
                  <TableRow key={team.id}>
                    <TableCell className="font-medium">{team.name}</TableCell>
                    <TableCell>{locale === "ja" ? team.modelRegionNameJa : team.modelRegionNameEn}</TableCell>
                    <TableCell>{fiscalYearLabel(team.fiscalYear, locale)}</TableCell>
                    <TableCell className="text-right">{team.memberCount}</TableCell>
                    <TableCell className="text-right">{team.caseCount}</TableCell>
                  </TableRow>
                ))}
              </TableBody>
            </Table>
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
