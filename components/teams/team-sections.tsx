import Link from "next/link";
import { getTranslations } from "next-intl/server";
import type { TeamDashboard } from "@/lib/teams/queries";
import { formatDate, formatShortDate } from "@/lib/format/datetime";
import type { Locale } from "@/lib/i18n/config";
import { DueBadge } from "@/components/app-shell/due-badge";
import { PartyBadge } from "@/components/app-shell/party-badge";
import { SectionPagination, type SectionHref } from "@/components/app-shell/section-pagination";
import { StageBadge } from "@/components/cases/stage-badge";
import { Badge } from "@/components/ui/badge";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";

/**
 * The sections of the producer team dashboard (/teams/[id]). Counts cover the whole team; lists that name a
 * case or a company come from lib/teams/queries.ts already filtered by caseScope.
 */

export async function TeamMembersCard({ dashboard }: { dashboard: TeamDashboard }) {
  const t = await getTranslations();
  return (
    <Card>
      <CardHeader>
        <CardTitle>{t("teams.dashboard.members")}</CardTitle>
        <CardDescription>{t("teams.dashboard.membersDescription")}</CardDescription>
      </CardHeader>
      <CardContent>
        <ul className="grid gap-2" data-testid="team-members">
          {dashboard.team.members.map((member) => (
            <li key={member.userId} className="flex flex-wrap items-center gap-2 text-sm">
              <span className="font-medium">{member.name}</span>
              {member.teamRole === "lead" ? <Badge variant="default">{t("teams.dashboard.lead")}</Badge> : null}
              <PartyBadge partyKind={member.partyKind} />
              <span className="text-xs text-muted-foreground">{member.orgName}</span>
            </li>
          ))}
        </ul>
      </CardContent>
    </Card>
  );
}

export async function TeamReferralsCard({ dashboard }: { dashboard: TeamDashboard }) {
  const t = await getTranslations();
  const rows = dashboard.referrals.filter((r) => r.total > 0);
  const sum = (key: "sent" | "received" | "total") => rows.reduce((n, r) => n + r[key], 0);
  return (
    <Card>
      <CardHeader>
        <CardTitle>{t("teams.dashboard.referrals")}</CardTitle>
        <CardDescription>{t("teams.dashboard.referralsDescription")}</CardDescription>
      </CardHeader>
      <CardContent>
        <Table data-testid="team-referrals">
          <TableHeader>
            <TableRow>
              <TableHead scope="col">{t("teams.dashboard.status")}</TableHead>
              <TableHead scope="col" className="text-right">
                {t("teams.dashboard.sent")}
              </TableHead>
              <TableHead scope="col" className="text-right">
                {t("teams.dashboard.received")}
              </TableHead>
              <TableHead scope="col" className="text-right">
                {t("teams.dashboard.total")}
              </TableHead>
            </TableRow>
          </TableHeader>
          <TableBody>
            {rows.map((row) => (
              <TableRow key={row.status}>
                <TableHead scope="row" className="font-normal text-foreground">
                  {t(`referralStatus.${row.status}`)}
                </TableHead>
                <TableCell className="text-right tabular-nums">{row.sent}</TableCell>
                <TableCell className="text-right tabular-nums">{row.received}</TableCell>
                <TableCell className="text-right tabular-nums">{row.total}</TableCell>
              </TableRow>
            ))}
            <TableRow className="font-semibold">
              <TableHead scope="row" className="text-foreground">
                {t("teams.dashboard.total")}
              </TableHead>
              <TableCell className="text-right tabular-nums">{sum("sent")}</TableCell>
              <TableCell className="text-right tabular-nums">{sum("received")}</TableCell>
              <TableCell className="text-right tabular-nums">{sum("total")}</TableCell>
            </TableRow>
          </TableBody>
        </Table>
      </CardContent>
    </Card>
  );
}

export async function TeamOverdueCard({ dashboard, locale, now }: { dashboard: TeamDashboard; locale: Locale; now?: Date }) {
  const t = await getTranslations();
  const { total, items } = dashboard.overdueActions;
  return (
    <Card>
      <CardHeader>
        <CardTitle>
          {t("teams.dashboard.overdue")}
          <span className="ml-2 text-sm font-normal text-muted-foreground">{t("teams.dashboard.overdueCount", { count: total })}</span>
        </CardTitle>
      </CardHeader>
      <CardContent className="grid gap-2">
        {total === 0 ? (
          <p className="text-sm text-muted-foreground">{t("teams.dashboard.overdueNone")}</p>
        ) : (
          <Table data-testid="team-overdue">
            <TableHeader>
              <TableRow>
                <TableHead scope="col">{t("teams.dashboard.dueOn")}</TableHead>
                <TableHead scope="col">{t("teams.dashboard.case")}</TableHead>
                <TableHead scope="col">{t("teams.dashboard.assignee")}</TableHead>
              </TableRow>
            </TableHeader>
            <TableBody>
              {items.map((item) => (
                <TableRow key={item.id}>
                  <TableCell className="whitespace-nowrap">
                    {formatShortDate(item.dueOn, locale)} <DueBadge dueOn={item.dueOn} locale={locale} now={now} />
                  </TableCell>
                  <TableCell>
                    <span className="block">{item.title}</span>
                    <Link href={`/cases/${item.caseId}`} className="text-xs text-primary hover:underline">
                      {item.caseCode} {item.caseTitle}
                    </Link>
                  </TableCell>
                  <TableCell className="whitespace-nowrap">{item.assigneeName}</TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        )}
        {total > items.length && items.length < 50 ? (
          <p className="text-xs text-muted-foreground">{t("teams.dashboard.overdueHidden", { count: total - items.length })}</p>
        ) : null}
      </CardContent>
    </Card>
  );
}

export async function TeamOutcomesCard({ dashboard, locale }: { dashboard: TeamDashboard; locale: Locale }) {
  const t = await getTranslations();
  const kinds = Object.entries(dashboard.outcomes.byKind).filter(([, n]) => n > 0);
  return (
    <Card>
      <CardHeader>
        <CardTitle>{t("teams.dashboard.outcomes")}</CardTitle>
        <CardDescription>{t("teams.dashboard.outcomesDescription")}</CardDescription>
      </CardHeader>
      <CardContent className="grid gap-3">
        {dashboard.outcomes.total === 0 ? (
          <p className="text-sm text-muted-foreground">{t("teams.dashboard.outcomesNone")}</p>
        ) : (
          <>
            <ul className="flex flex-wrap gap-2" data-testid="team-outcome-kinds">
              {kinds.map(([kind, n]) => (
                <li key={kind}>
                  <Badge variant="outline">
                    {t(`teams.dashboard.outcomeKinds.${kind}`)} <span className="tabular-nums">{n}</span>
                  </Badge>
                </li>
              ))}
            </ul>
            {dashboard.outcomes.items.length > 0 ? (
              <Table>
                <TableHeader>
                  <TableRow>
                    <TableHead scope="col">{t("teams.dashboard.achievedOn")}</TableHead>
                    <TableHead scope="col">{t("teams.dashboard.kind")}</TableHead>
                    <TableHead scope="col">{t("teams.dashboard.detail")}</TableHead>
                  </TableRow>
                </TableHeader>
                <TableBody>
                  {dashboard.outcomes.items.map((item) => (
                    <TableRow key={item.id}>
                      <TableCell className="whitespace-nowrap">{formatDate(item.achievedOn, locale)}</TableCell>
                      <TableCell className="whitespace-nowrap">{t(`teams.dashboard.outcomeKinds.${item.kind}`)}</TableCell>
                      <TableCell>
                        <Link href={`/cases/${item.caseId}`} className="text-primary hover:underline">
                          {item.companyName}
                        </Link>
                        <span className="block text-xs text-muted-foreground">
                          {item.description}
                          {item.applicationNumber ? ` (${item.applicationNumber})` : ""}
                        </span>
                      </TableCell>
                    </TableRow>
                  ))}
                </TableBody>
              </Table>
            ) : null}
          </>
        )}
      </CardContent>
    </Card>
  );
}

export async function TeamCasesCard({
  dashboard,
  locale,
  cursor,
  href,
}: {
  dashboard: TeamDashboard;
  locale: Locale;
  /** The section's keyset position (?cases=) and the links to its other positions. */
  cursor: string | undefined;
  href: SectionHref;
}) {
  const t = await getTranslations();
  return (
    <Card>
      <CardHeader>
        <CardTitle id="team-cases">{t("teams.dashboard.companies")}</CardTitle>
        <CardDescription>{t("teams.dashboard.companiesDescription")}</CardDescription>
      </CardHeader>
      <CardContent className="grid gap-2">
        {dashboard.cases.length === 0 ? (
          <p className="text-sm text-muted-foreground">{t("teams.dashboard.companiesNone")}</p>
        ) : (
          <Table className="min-w-[44rem]" data-testid="team-cases">
            <TableHeader>
              <TableRow>
                <TableHead scope="col">{t("teams.dashboard.company")}</TableHead>
                <TableHead scope="col">{t("teams.dashboard.case")}</TableHead>
                <TableHead scope="col">{t("teams.dashboard.stage")}</TableHead>
                <TableHead scope="col">{t("teams.columns.lead")}</TableHead>
                <TableHead scope="col">{t("teams.dashboard.lastActivity")}</TableHead>
                <TableHead scope="col">{t("teams.dashboard.nextAction")}</TableHead>
              </TableRow>
            </TableHeader>
            <TableBody>
              {dashboard.cases.map((item) => (
                <TableRow key={item.id}>
                  <TableCell className="font-medium">{item.companyName}</TableCell>
                  <TableCell>
                    <Link href={`/cases/${item.id}`} className="text-primary hover:underline">
                      {item.title}
                    </Link>
                    <span className="block font-mono text-xs text-muted-foreground">{item.code}</span>
                  </TableCell>
                  <TableCell>
                    <StageBadge stage={item.stage} />
                  </TableCell>
                  <TableCell className="whitespace-nowrap">{item.leadName}</TableCell>
                  <TableCell className="whitespace-nowrap">{item.lastActivityAt ? formatShortDate(item.lastActivityAt, locale) : "—"}</TableCell>
                  <TableCell className="whitespace-nowrap">{item.nextActionDueOn ? <DueBadge dueOn={item.nextActionDueOn} locale={locale} /> : "—"}</TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        )}
        <SectionPagination {...dashboard.casesSection} cursor={cursor} href={href} />
        {dashboard.hiddenCaseCount > 0 ? (
          <p className="text-xs text-muted-foreground">{t("teams.dashboard.companiesHidden", { count: dashboard.hiddenCaseCount })}</p>
        ) : null}
      </CardContent>
    </Card>
  );
}
