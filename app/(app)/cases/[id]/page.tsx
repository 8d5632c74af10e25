import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { ChevronLeft, CirclePause, Pencil } from "lucide-react";
import { getDb } from "@/db/client";
import { requirePermission } from "@/lib/auth/session";
import { can } from "@/lib/authz/can";
import { findSelectableUsersForActor, getCaseForActor } from "@/lib/cases/queries";
import { formatDate, formatDateTime } from "@/lib/format/datetime";
import { todayInJst } from "@/lib/format/fiscal-year";
import { newIdempotencyKey } from "@/lib/validation/idempotency-key";
import { ActivityTimeline } from "@/components/activities/activity-timeline";
import { dueOf } from "@/components/activities/due-of";
import { NextActionList } from "@/components/activities/next-action-list";
import { jstNowLocal } from "@/components/activities/jst-now";
import { QuickLogForm } from "@/components/activities/quick-log-form";
import { DetailList } from "@/components/app-shell/detail-list";
import { getUiLocale } from "@/components/app-shell/locale";
import { PageHeader } from "@/components/app-shell/page-header";
import { PartyBadge } from "@/components/app-shell/party-badge";
import { sectionHref, SectionPagination } from "@/components/app-shell/section-pagination";
import { ConfidentialSection } from "@/components/cases/confidential-section";
import { MembersDialog } from "@/components/cases/members-dialog";
import { OutcomeDialog } from "@/components/cases/outcome-dialog";
import { StageBadge } from "@/components/cases/stage-badge";
import { StageControls } from "@/components/cases/stage-controls";
import { ConsentsAndProvisions } from "@/components/referrals/consents-and-provisions";
import { Alert, AlertDescription } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardHeader, CardTitle } from "@/components/ui/card";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { cursorParam, type SearchParams } from "../../_lib/search-params";
import { completeNextActionAction } from "../../my-day/actions";
import { addConfidentialNoteAction, changeCaseStageAction, logActivityAction, recordOutcomeAction, setCaseMembersAction } from "../actions";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("cases");
  return { title: t("title") };
}

/**
 * 案件の詳細. The quick activity log is at the top (what coordinators do most), then next actions, the timeline
 * and outcomes, then the company's consents and record of provision with 「連携依頼を送る」 from this case;
 * beside them the summary, the company, the members and — for those who may read them — the confidential
 * notes, whose read getCaseForActor has just recorded. Every section is its own card, and no list in them is
 * unbounded: the timeline, next actions, outcomes and consents page on with their own query parameters.
 */
export default async function CasePage({ params, searchParams }: { params: Promise<{ id: string }>; searchParams: Promise<SearchParams> }) {
  const actor = await requirePermission("case:read");
  const [{ id }, query] = await Promise.all([params, searchParams]);
  // Each list section keeps its own keyset position in the URL: ?activities= pages back through older activities.
  const positions = {
    activities: cursorParam(query.activities),
    nextActions: cursorParam(query.nextActions),
    outcomes: cursorParam(query.outcomes),
    consents: cursorParam(query.consents),
  };
  const db = getDb();
  // Null outside the actor's scope; reading confidential notes is audited inside.
  const detail = await getCaseForActor(db, actor, id, { cursors: positions });
  if (!detail) notFound();
  const path = `/cases/${detail.id}`;
  const href = (key: keyof typeof positions, anchor: string) => sectionHref(path, positions, key, anchor);
  const [t, locale, candidates] = await Promise.all([
    getTranslations(),
    getUiLocale(),
    detail.mayEdit ? findSelectableUsersForActor(db, actor) : Promise.resolve([]),
  ]);
  const isMember = detail.members.some((m) => m.userId === actor.userId);
  const caseRef = { id: detail.id, title: detail.title, stage: detail.stage, version: detail.version };
  const members = detail.members.map((m) => ({ id: m.userId, name: m.name }));
  const outcomeKind = (kind: string) => (t.has(`cases.outcomes.kinds.${kind}`) ? t(`cases.outcomes.kinds.${kind}`) : kind);

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
            <Link href={`/companies/${detail.company.id}`} className="text-primary hover:underline">
              {detail.company.name}
            </Link>
          </span>
        }
        actions={
          detail.mayEdit ? (
            <>
              <StageControls caseRef={caseRef} action={changeCaseStageAction} />
              <Button asChild variant="outline">
                <Link href={`/cases/${detail.id}/edit`}>
                  <Pencil aria-hidden />
                  {t("cases.detail.edit")}
                </Link>
              </Button>
            </>
          ) : null
        }
      />
      {detail.stage === "paused" && detail.pausedReason ? (
        <Alert variant="info" className="mb-4">
          <CirclePause aria-hidden />
          <AlertDescription>{t("cases.detail.pausedBecause", { reason: detail.pausedReason })}</AlertDescription>
        </Alert>
      ) : null}

      <div className="grid gap-4 xl:grid-cols-3">
        <div className="grid min-w-0 content-start gap-4 xl:col-span-2">
          {can(actor, "activity:create") ? (
            <Card>
              <CardHeader>
                <CardTitle>{t("activities.quickLog.title")}</CardTitle>
              </CardHeader>
              <CardContent>
                {detail.stage === "closed" ? (
                  <p className="text-sm text-muted-foreground">{t("activities.quickLog.closedCase")}</p>
                ) : (
                  <QuickLogForm
                    caseId={detail.id}
                    members={members}
                    me={{ id: actor.userId, name: actor.name }}
                    renderedAt={jstNowLocal()}
                    idempotencyKey={newIdempotencyKey()}
                    action={logActivityAction}
                  />
                )}
              </CardContent>
            </Card>
          ) : null}

          <Card>
            <CardHeader>
              <CardTitle id="case-next-actions">{t("activities.nextActions.title")}</CardTitle>
            </CardHeader>
            <CardContent>
              <NextActionList
                complete={completeNextActionAction}
                groups={[
                  {
                    key: "case",
                    title: t("activities.nextActions.title"),
                    tone: "plain",
                    empty: t("activities.nextActions.empty"),
                    rows: detail.openNextActions.map((action) => ({
                      id: action.id,
                      title: action.title,
                      dueOn: action.dueOn,
                      due: dueOf(action.dueOn, locale),
                      assignee: action.assignee,
                      mayComplete: can(actor, "next-action:complete") && (action.assignee.id === actor.userId || isMember),
                    })),
                  },
                ]}
              />
              <SectionPagination {...detail.sections.nextActions} cursor={positions.nextActions} href={href("nextActions", "case-next-actions")} />
            </CardContent>
          </Card>

          <Card data-testid="case-timeline">
            <CardHeader>
              <CardTitle id="case-timeline">{t("activities.timeline.title")}</CardTitle>
            </CardHeader>
            <CardContent>
              <ActivityTimeline activities={detail.recentActivities} locale={locale} />
              <SectionPagination {...detail.sections.activities} cursor={positions.activities} href={href("activities", "case-timeline")} />
            </CardContent>
          </Card>

          <Card>
            <CardHeader className="flex-row items-center justify-between gap-2">
              <CardTitle id="case-outcomes">{t("cases.outcomes.title")}</CardTitle>
              {detail.mayEdit ? <OutcomeDialog caseId={detail.id} today={todayInJst()} idempotencyKey={newIdempotencyKey()} action={recordOutcomeAction} /> : null}
            </CardHeader>
            <CardContent>
              {detail.outcomes.length === 0 ? (
                <p className="text-sm text-muted-foreground">{t("cases.outcomes.empty")}</p>
              ) : (
                <Table>
                  <TableHeader>
                    <TableRow>
                      <TableHead scope="col">{t("cases.outcomes.fields.achievedOn")}</TableHead>
                      <TableHead scope="col">{t("cases.outcomes.fields.kind")}</TableHead>
                      <TableHead scope="col">{t("cases.outcomes.fields.description")}</TableHead>
                      <TableHead scope="col">{t("cases.outcomes.number")}</TableHead>
                    </TableRow>
                  </TableHeader>
                  <TableBody>
                    {detail.outcomes.map((outcome) => (
                      <TableRow key={outcome.id}>
                        <TableCell className="whitespace-nowrap">{formatDate(outcome.achievedOn, locale)}</TableCell>
                        <TableCell className="whitespace-nowrap">
                          {outcomeKind(outcome.kind)}
                          {outcome.ipKind ? <div className="text-xs text-muted-foreground">{t(`companies.ipKinds.${outcome.ipKind}`)}</div> : null}
                        </TableCell>
                        <TableCell>{outcome.description}</TableCell>
                        <TableCell className="font-mono text-xs">
                          {outcome.registrationNumber ??
                            outcome.applicationNumber ??
                            (outcome.amountYen !== null ? t("cases.outcomes.amount", { amount: outcome.amountYen.toLocaleString("ja-JP") }) : "—")}
                        </TableCell>
                      </TableRow>
                    ))}
                  </TableBody>
                </Table>
              )}
              <SectionPagination {...detail.sections.outcomes} cursor={positions.outcomes} href={href("outcomes", "case-outcomes")} />
            </CardContent>
          </Card>

          {/* A referral sent from here names this case; the section shows the send button to those who may send. */}
          {can(actor, "referral:read") ? (
            <ConsentsAndProvisions
              actor={actor}
              company={detail.company}
              caseId={detail.id}
              consentsCursor={positions.consents}
              consentsHref={href("consents", "consents")}
            />
          ) : null}
        </div>

        <div className="grid min-w-0 content-start gap-4">
          <Card>
            <CardHeader>
              <CardTitle>{t("cases.detail.summary")}</CardTitle>
            </CardHeader>
            <CardContent className="grid gap-4">
              <p className="text-sm whitespace-pre-wrap">{detail.summary ?? <span className="text-muted-foreground">{t("cases.detail.noSummary")}</span>}</p>
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
              <DetailList
                items={[
                  { label: t("cases.detail.owner"), value: detail.ownerOrg.name },
                  { label: t("cases.detail.team"), value: detail.producerTeam?.name ?? t("common.none") },
                  { label: t("cases.detail.openedOn"), value: formatDate(detail.openedOn, locale) },
                  ...(detail.closedOn ? [{ label: t("cases.detail.closedOn"), value: formatDate(detail.closedOn, locale) }] : []),
                  { label: t("cases.detail.source"), value: detail.source },
                  { label: t("cases.detail.updatedAt"), value: formatDateTime(detail.updatedAt, locale) },
                ]}
              />
            </CardContent>
          </Card>

          <Card>
            <CardHeader>
              <CardTitle>{t("cases.detail.company")}</CardTitle>
            </CardHeader>
            <CardContent className="grid gap-2 text-sm">
              <div className="flex flex-wrap items-center gap-2">
                <Link href={`/companies/${detail.company.id}`} className="font-medium text-primary hover:underline">
                  {detail.company.name}
                </Link>
                {detail.company.isProvisional ? <Badge variant="warning">{t("companies.provisional")}</Badge> : null}
              </div>
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
            <CardHeader className="flex-row items-center justify-between gap-2">
              <CardTitle>{t("cases.detail.members")}</CardTitle>
              {detail.mayEdit ? (
                <MembersDialog
                  caseId={detail.id}
                  version={detail.version}
                  leadUserId={detail.lead.id}
                  members={detail.members}
                  candidates={candidates}
                  action={setCaseMembersAction}
                />
              ) : null}
            </CardHeader>
            <CardContent>
              <ul className="grid gap-2 text-sm" data-testid="case-members">
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

          {/* 秘匿: present only for those who may read the notes; getCaseForActor recorded this read. */}
          {detail.confidentialNotes ? (
            <ConfidentialSection
              caseId={detail.id}
              canWrite={isMember && can(actor, "confidential:write")}
              idempotencyKey={newIdempotencyKey()}
              action={addConfidentialNoteAction}
              notes={detail.confidentialNotes.map((note) => ({
                id: note.id,
                body: note.body,
                authorName: note.author.name,
                createdLabel: formatDateTime(note.createdAt, locale),
              }))}
            />
          ) : null}
        </div>
      </div>
    </>
  );
}
