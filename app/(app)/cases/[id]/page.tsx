import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { ChevronLeft, LockKeyhole } from "lucide-react";
import { getDb } from "@/db/client";
import { requirePermission } from "@/lib/auth/session";
import { getCaseForActor } from "@/lib/cases/queries";
import { formatDate, formatDateTime, formatShortDate } from "@/lib/format/datetime";
import { DetailList } from "@/components/app-shell/detail-list";
import { DueBadge } from "@/components/app-shell/due-badge";
import { getUiLocale } from "@/components/app-shell/locale";
import { PageHeader } from "@/components/app-shell/page-header";
import { PartyBadge } from "@/components/app-shell/party-badge";
import { StageBadge } from "@/components/cases/stage-badge";
import { ConsentsAndProvisions } from "@/components/referrals/consents-and-provisions";
import { Alert, AlertDescription } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardHeader, CardTitle } from "@/components/ui/card";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("cases");
  return { title: t("title") };
}

export default async function CasePage({ params }: { params: Promise<{ id: string }> }) {
  const actor = await requirePermission("case:read");
  const { id } = await params;
  // Returns null outside the actor's scope; reading confidential notes is audited inside.
  const detail = await getCaseForActor(getDb(), actor, id);
  if (!detail) notFound();
  const [t, locale] = await Promise.all([getTranslations(), getUiLocale()]);

  return (
    <>
      <Button asChild variant="link" size="sm" className="mb-2 px-0">
        <Link href="/cases">
          <ChevronLeft aria-hidden />
          {t("common.backToList")}
        </Link>
      </Button>
      <PageHeader
        title={detail.title}
        description={
          <span className="flex flex-wrap items-center gap-2">
            <span className="font-mono">{detail.code}</span>
            <StageBadge stage={detail.stage} />
          </span>
        }
      />

      <div className="grid gap-4 xl:grid-cols-3">
        <div className="grid content-start gap-4 xl:col-span-2">
          <Card>
            <CardHeader>
              <CardTitle>{t("cases.detail.summary")}</CardTitle>
            </CardHeader>
            <CardContent className="grid gap-4">
              <p className="text-sm whitespace-pre-wrap">{detail.summary ?? <span className="text-muted-foreground">{t("cases.detail.noSummary")}</span>}</p>
              <DetailList
                items={[
                  { label: t("cases.detail.owner"), value: detail.ownerOrg.name },
                  { label: t("cases.detail.lead"), value: detail.lead.name },
                  { label: t("cases.detail.team"), value: detail.producerTeam?.name ?? t("common.none") },
                  { label: t("cases.detail.openedOn"), value: formatDate(detail.openedOn, locale) },
                  ...(detail.closedOn ? [{ label: t("cases.detail.closedOn"), value: formatDate(detail.closedOn, locale) }] : []),
                  ...(detail.source ? [{ label: t("cases.detail.source"), value: detail.source }] : []),
                ]}
              />
              <div>
                <h3 className="mb-1.5 text-xs text-muted-foreground">{t("cases.detail.themes")}</h3>
                {detail.themes.length === 0 ? (
                  <p className="text-sm text-muted-foreground">{t("cases.detail.noThemes")}</p>
                ) : (
                  <ul className="flex flex-wrap gap-1.5">
                    {detail.themes.map((theme) => (
                      <li key={theme.key}>
                        <Badge variant="secondary">{locale === "ja" ? theme.nameJa : theme.nameEn}</Badge>
                      </li>
                    ))}
                  </ul>
                )}
              </div>
            </CardContent>
          </Card>

          <Card>
            <CardHeader>
              <CardTitle>{t("cases.detail.nextActions")}</CardTitle>
            </CardHeader>
            <CardContent>
              {detail.openNextActions.length === 0 ? (
                <p className="text-sm text-muted-foreground">{t("cases.detail.noNextActions")}</p>
              ) : (
                <Table>
                  <TableHeader>
                    <TableRow>
                      <TableHead scope="col">{t("home.inpit.action")}</TableHead>
                      <TableHead scope="col">{t("cases.detail.assignee")}</TableHead>
                      <TableHead scope="col">{t("cases.detail.due")}</TableHead>
                    </TableRow>
                  </TableHeader>
                  <TableBody>
                    {detail.openNextActions.map((action) => (
                      <TableRow key={action.id}>
                        <TableCell className="font-medium">{action.title}</TableCell>
                        <TableCell>{action.assignee.name}</TableCell>
                        <TableCell className="whitespace-nowrap">
                          <span className="mr-2">{formatShortDate(action.dueOn, locale)}</span>
                          <DueBadge dueOn={action.dueOn} locale={locale} />
                        </TableCell>
                      </TableRow>
                    ))}
                  </TableBody>
                </Table>
              )}
            </CardContent>
          </Card>

          <Card>
            <CardHeader>
              <CardTitle>{t("cases.detail.activities")}</CardTitle>
            </CardHeader>
            <CardContent>
              {detail.recentActivities.length === 0 ? (
                <p className="text-sm text-muted-foreground">{t("cases.detail.noActivities")}</p>
              ) : (
                <ol className="grid gap-4">
                  {detail.recentActivities.map((activity) => (
                    <li key={activity.id} className="border-l-2 border-primary/30 pl-3">
                      <div className="flex flex-wrap items-center gap-2 text-xs text-muted-foreground">
                        <Badge variant="outline">{t(`activityKinds.${activity.kind}`)}</Badge>
                        <time dateTime={activity.occurredAt.toISOString()}>{formatDateTime(activity.occurredAt, locale)}</time>
                        {activity.durationMinutes ? <span>{t("cases.detail.duration", { minutes: activity.durationMinutes })}</span> : null}
                        <span>
                          {activity.organization.name} · {activity.createdBy.name}
                        </span>
                      </div>
                      <p className="mt-1 text-sm whitespace-pre-wrap">{activity.summary}</p>
                      {activity.participants.length > 0 || activity.externalParticipants ? (
                        <p className="mt-1 text-xs text-muted-foreground">
                          {[...activity.participants.map((p) => p.name), activity.externalParticipants].filter(Boolean).join("、")}
                        </p>
                      ) : null}
                    </li>
                  ))}
                </ol>
              )}
            </CardContent>
          </Card>

          <ConsentsAndProvisions actor={actor} company={detail.company} caseId={detail.id} />
        </div>

        <div className="grid content-start gap-4">
          <Card>
            <CardHeader>
              <CardTitle>{t("cases.detail.company")}</CardTitle>
            </CardHeader>
            <CardContent className="grid gap-2 text-sm">
              <Link href={`/companies/${detail.company.id}`} className="font-medium text-primary hover:underline">
                {detail.company.name}
              </Link>
              {detail.company.isProvisional ? <Badge variant="warning">{t("companies.provisional")}</Badge> : null}
              <DetailList
                className="sm:grid-cols-1"
                items={[
                  { label: t("companies.detail.corporateNumber"), value: detail.company.corporateNumber ?? t("common.none") },
                  { label: t("companies.detail.location"), value: [detail.company.prefectureName, detail.company.city].filter(Boolean).join(" ") },
                  { label: t("companies.detail.industry"), value: detail.company.industry },
                ]}
              />
            </CardContent>
          </Card>

          <Card>
            <CardHeader>
              <CardTitle>{t("cases.detail.members")}</CardTitle>
            </CardHeader>
            <CardContent>
              <ul className="grid gap-2 text-sm">
                {detail.members.map((member) => (
                  <li key={member.userId} className="flex flex-wrap items-center gap-2">
                    <span className="font-medium">{member.name}</span>
                    {member.isLead ? <Badge variant="secondary">{t("cases.detail.lead")}</Badge> : null}
                    <PartyBadge partyKind={member.partyKind} />
                    <span className="w-full text-xs text-muted-foreground">{member.orgName}</span>
                  </li>
                ))}
              </ul>
            </CardContent>
          </Card>

          {/* 秘匿: present only for those who may read the notes (the case's members); the read was audited. */}
          {detail.confidentialNotes ? (
            <Card className="border-warning/50" data-testid="confidential-notes">
              <CardHeader>
                <CardTitle className="flex items-center gap-2">
                  <LockKeyhole aria-hidden className="size-4 text-warning" />
                  {t("cases.detail.confidential")}
                </CardTitle>
              </CardHeader>
              <CardContent className="grid gap-3">
                <Alert variant="warning">
                  <AlertDescription>{t("cases.detail.confidentialNotice")}</AlertDescription>
                </Alert>
                {detail.confidentialNotes.length === 0 ? (
                  <p className="text-sm text-muted-foreground">{t("cases.detail.noConfidentialNotes")}</p>
                ) : (
                  <ul className="grid gap-3">
                    {detail.confidentialNotes.map((note) => (
                      <li key={note.id} className="rounded-md border bg-warning-surface/40 p-3">
                        <p className="text-sm whitespace-pre-wrap">{note.body}</p>
                        <p className="mt-1 text-xs text-muted-foreground">
                          {note.author.name} · {formatDateTime(note.createdAt, locale)}
                        </p>
                      </li>
                    ))}
                  </ul>
                )}
              </CardContent>
            </Card>
          ) : null}
        </div>
      </div>
    </>
  );
}
