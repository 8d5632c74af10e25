import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { ArrowRight, ChevronLeft, CircleCheckBig, Eye, Forward, Siren } from "lucide-react";
import { getDb } from "@/db/client";
import { LIVE_REFERRAL_STATUSES, OPEN_REFERRAL_STATUSES } from "@/lib/authz/scopes";
import { requirePermission } from "@/lib/auth/session";
import { can } from "@/lib/authz/can";
import { formatDate, formatDateTime } from "@/lib/format/datetime";
import { findHandlerCandidates } from "@/lib/referrals/form-options";
import { getReferralForActor } from "@/lib/referrals/queries";
import { availableTransitions, type ReferralSide } from "@/lib/referrals/state-machine";
import { DetailList } from "@/components/app-shell/detail-list";
import { getUiLocale } from "@/components/app-shell/locale";
import { PageHeader } from "@/components/app-shell/page-header";
import { PartyBadge } from "@/components/app-shell/party-badge";
import { StageBadge } from "@/components/cases/stage-badge";
import { ConsentScopeList } from "@/components/consents/consent-scope-list";
import { newReferralHref } from "@/components/referrals/new-referral-href";
import { ReferralActions } from "@/components/referrals/referral-actions";
import { ReferralOverdueBadge } from "@/components/referrals/referral-overdue-badge";
import { ReferralServiceLabel } from "@/components/referrals/referral-service-label";
import { ReferralStatusBadge } from "@/components/referrals/referral-status-badge";
import { Alert, AlertDescription, AlertTitle } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardHeader, CardTitle } from "@/components/ui/card";
import type { ReferralStatus } from "@/db/schema";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("referrals");
  return { title: t("title") };
}

const isIn = (list: readonly ReferralStatus[], status: ReferralStatus) => list.includes(status);

/**
 * The referral record (連携依頼): what was asked, of whom, on which consent, and everything that happened to
 * it. Both sides read it; each gets the buttons its side may press now (availableTransitions — the actions
 * check the same rule). What the receiver sees of the company follows the referral (lib/authz/scopes.ts):
 * while pending the basic profile, while live what the consent covers (the case through its own scope),
 * once closed only this record.
 */
export default async function ReferralPage({ params }: { params: Promise<{ id: string }> }) {
  const actor = await requirePermission("referral:read");
  const { id } = await params;
  const db = getDb();
  const referral = await getReferralForActor(db, actor, id);
  if (!referral) notFound();
  const [t, locale] = await Promise.all([getTranslations(), getUiLocale()]);
  const side: ReferralSide = referral.fromOrg.id === actor.orgId ? "sender" : "receiver";
  const box = side === "sender" ? "outbox" : "inbox";
  const isLive = isIn(LIVE_REFERRAL_STATUSES, referral.status);
  const mayAct = can(actor, side === "sender" ? "referral:withdraw" : "referral:respond");
  const transitions = mayAct ? availableTransitions(referral.status, side, actor.role === "manager") : [];
  const mayAssign = side === "receiver" && isLive && can(actor, "referral:respond");
  const handlers = transitions.includes("accept") || mayAssign ? await findHandlerCandidates(db, actor) : [];
  // Referring onward is for the receiver that has taken the company on (the 石川 desk passing it to 弁理士会).
  const mayReferOnward = side === "receiver" && isLive && can(actor, "referral:send") && Boolean(referral.company.profile);
  const recipient = referral.toOrg?.name ?? t("referrals.detail.externalRecipient", { name: referral.externalRecipient ?? "" });
  const consentMethod = t.has(`consents.methods.${referral.consent.method}`) ? t(`consents.methods.${referral.consent.method}`) : referral.consent.method;
  const profile = referral.company.profile;
  const accessKey =
    side === "sender"
      ? "sender"
      : isIn(LIVE_REFERRAL_STATUSES, referral.status)
        ? "live"
        : isIn(OPEN_REFERRAL_STATUSES, referral.status)
          ? "pending"
          : "closed";

  return (
    <>
      <Button asChild variant="link" size="sm" className="mb-2 px-0">
        <Link href={`/referrals?box=${box}`}>
          <ChevronLeft aria-hidden />
          {t(`referrals.backTo.${box}`)}
        </Link>
      </Button>
      <PageHeader
        title={
          <>
            <ReferralServiceLabel service={referral.service} /> — {referral.company.name}
          </>
        }
        description={
          <span className="flex flex-wrap items-center gap-2">
            <span className="font-mono" data-testid="referral-code">
              {referral.code}
            </span>
            <span data-testid="referral-status">
              <ReferralStatusBadge status={referral.status} />
            </span>
            {referral.urgency !== "normal" ? (
              <Badge variant="destructive">
                <Siren aria-hidden />
                {t(`urgency.${referral.urgency}`)}
              </Badge>
            ) : null}
            <ReferralOverdueBadge referral={referral} locale={locale} />
          </span>
        }
      />

      {side === "sender" && referral.status === "completed" && referral.outcomeFeedback ? (
        <Alert variant="success" className="mb-4" data-testid="loop-closed">
          <CircleCheckBig aria-hidden />
          <AlertTitle>{t("referrals.detail.loopClosed", { org: recipient })}</AlertTitle>
          <AlertDescription>
            <p className="whitespace-pre-wrap">{referral.outcomeFeedback}</p>
          </AlertDescription>
        </Alert>
      ) : null}

      {transitions.length > 0 || mayAssign || mayReferOnward ? (
        <Card className="mb-4" data-testid="referral-next-steps">
          <CardHeader>
            <CardTitle>{t("referrals.detail.nextSteps")}</CardTitle>
          </CardHeader>
          <CardContent className="flex flex-wrap items-center gap-2">
            <ReferralActions
              referral={{ id: referral.id, code: referral.code, version: referral.version }}
              transitions={transitions}
              mayAssign={mayAssign}
              handlers={handlers}
              currentHandlerId={referral.handler?.id ?? null}
            />
            {mayReferOnward ? (
              <Button asChild variant="outline">
                <Link href={newReferralHref({ companyId: referral.company.id, caseId: referral.case?.id })}>
                  <Forward aria-hidden />
                  {t("referrals.detail.referOnward")}
                </Link>
              </Button>
            ) : null}
          </CardContent>
        </Card>
      ) : null}

      <div className="grid gap-4 xl:grid-cols-3">
        <div className="grid content-start gap-4 xl:col-span-2">
          <Card>
            <CardHeader>
              <CardTitle>{t("referrals.detail.overview")}</CardTitle>
            </CardHeader>
            <CardContent className="grid gap-4">
              <DetailList
                items={[
                  {
                    label: t("referrals.detail.from"),
                    value: (
                      <span className="flex flex-wrap items-center gap-2">
                        {referral.fromOrg.name}
                        <PartyBadge partyKind={referral.fromOrg.partyKind} />
                      </span>
                    ),
                  },
                  {
                    label: t("referrals.detail.to"),
                    value: (
                      <span className="flex flex-wrap items-center gap-2">
                        {recipient}
                        {referral.toOrg ? <PartyBadge partyKind={referral.toOrg.partyKind} /> : <PartyBadge partyKind="external" />}
                      </span>
                    ),
                  },
                  { label: t("referrals.detail.sentBy"), value: referral.fromUser.name },
                  { label: t("referrals.columns.sentAt"), value: formatDateTime(referral.sentAt, locale) },
                  ...(referral.respondBy
                    ? [
                        {
                          label: t("referrals.columns.respondBy"),
                          value: (
                            <span className="flex flex-wrap items-center gap-2">
                              {formatDate(referral.respondBy, locale)}
                              <ReferralOverdueBadge referral={referral} locale={locale} />
                            </span>
                          ),
                        },
                      ]
                    : []),
                  ...(referral.followUpOn ? [{ label: t("referrals.detail.followUpOn"), value: formatDate(referral.followUpOn, locale) }] : []),
                  ...(referral.toOrg
                    ? [
                        { label: t("referrals.detail.respondedBy"), value: referral.respondedBy?.name ?? null },
                        {
                          label: t("referrals.detail.handler"),
                          value: <span data-testid="referral-handler">{referral.handler?.name ?? t("referrals.detail.handlerNone")}</span>,
                        },
                      ]
                    : []),
                ]}
              />
              <div>
                <h3 className="mb-1 text-xs text-muted-foreground">{t("referrals.detail.reason")}</h3>
                <p className="text-sm whitespace-pre-wrap">{referral.reason}</p>
              </div>
              <div className="rounded-md border border-primary/20 bg-info-surface/60 p-3">
                <h3 className="mb-1 text-xs font-medium text-primary">{t("referrals.detail.handoverNotes")}</h3>
                <p className="text-sm whitespace-pre-wrap">
                  {referral.handoverNotes ?? <span className="text-muted-foreground">{t("referrals.detail.noHandoverNotes")}</span>}
                </p>
              </div>
              {referral.declineReason ? (
                <div>
                  <h3 className="mb-1 text-xs text-muted-foreground">{t("referrals.detail.declineReason")}</h3>
                  <p className="text-sm whitespace-pre-wrap">{referral.declineReason}</p>
                </div>
              ) : null}
              {referral.withdrawReason ? (
                <div>
                  <h3 className="mb-1 text-xs text-muted-foreground">
                    {t(referral.status === "revoked" ? "referrals.detail.revokeReason" : "referrals.detail.withdrawReason")}
                  </h3>
                  <p className="text-sm whitespace-pre-wrap">{referral.withdrawReason}</p>
                </div>
              ) : null}
            </CardContent>
          </Card>

          {referral.outcomeFeedback ? (
            <Card className="border-success/40" data-testid="referral-outcome">
              <CardHeader>
                <CardTitle>{t("referrals.detail.outcomeFeedback")}</CardTitle>
              </CardHeader>
              <CardContent>
                <p className="text-sm whitespace-pre-wrap">{referral.outcomeFeedback}</p>
                {referral.completedAt ? <p className="mt-2 text-xs text-muted-foreground">{formatDateTime(referral.completedAt, locale)}</p> : null}
              </CardContent>
            </Card>
          ) : null}

          <Card>
            <CardHeader>
              <CardTitle>{t("referrals.detail.history")}</CardTitle>
            </CardHeader>
            <CardContent>
              {referral.events.length === 0 ? (
                <p className="text-sm text-muted-foreground">{t("referrals.detail.noHistory")}</p>
              ) : (
                <ol className="grid gap-3" data-testid="referral-timeline">
                  {referral.events.map((event) => (
                    <li key={event.id} className="border-l-2 border-primary/30 pl-3 text-sm">
                      <div className="flex flex-wrap items-center gap-2">
                        {event.fromStatus ? (
                          <>
                            <ReferralStatusBadge status={event.fromStatus} />
                            <ArrowRight aria-label={t("referrals.detail.became")} className="size-3 text-muted-foreground" />
                          </>
                        ) : null}
                        <ReferralStatusBadge status={event.toStatus} />
                        <time dateTime={event.at.toISOString()} className="text-xs text-muted-foreground">
                          {formatDateTime(event.at, locale)}
                        </time>
                        {event.actor ? <span className="text-xs text-muted-foreground">{event.actor.name}</span> : null}
                      </div>
                      {event.note ? <p className="mt-1 whitespace-pre-wrap">{event.note}</p> : null}
                    </li>
                  ))}
                </ol>
              )}
            </CardContent>
          </Card>
        </div>

        <div className="grid content-start gap-4">
          <Alert variant="info" data-testid="referral-access">
            <Eye aria-hidden />
            <AlertTitle>{t("referrals.access.title")}</AlertTitle>
            <AlertDescription>{t(`referrals.access.${accessKey}`)}</AlertDescription>
          </Alert>

          <Card>
            <CardHeader>
              <CardTitle>{t("referrals.detail.company")}</CardTitle>
            </CardHeader>
            <CardContent className="grid gap-2 text-sm">
              {/* The profile comes only within the company's scope (for a receiver: what the consent covers). */}
              {profile ? (
                <>
                  <Link href={`/companies/${referral.company.id}`} className="font-medium text-primary hover:underline">
                    {referral.company.name}
                  </Link>
                  <DetailList
                    className="sm:grid-cols-1"
                    items={[
                      { label: t("companies.detail.corporateNumber"), value: profile.corporateNumber ?? t("common.none") },
                      { label: t("companies.detail.location"), value: [profile.prefectureName, profile.city].filter(Boolean).join(" ") },
                      { label: t("companies.detail.industry"), value: profile.industry },
                      {
                        label: t("companies.detail.employees"),
                        value: profile.employeeCount === null ? null : t("common.people", { count: profile.employeeCount.toLocaleString("ja-JP") }),
                      },
                    ]}
                  />
                </>
              ) : (
                <>
                  <span className="font-medium">{referral.company.name}</span>
                  <p className="text-xs text-muted-foreground">
                    {t(accessKey === "closed" ? "referrals.detail.companyHiddenClosed" : "referrals.detail.companyHidden")}
                  </p>
                </>
              )}
            </CardContent>
          </Card>

          {referral.case ? (
            <Card data-testid="referral-case">
              <CardHeader>
                <CardTitle>{t("referrals.detail.case")}</CardTitle>
              </CardHeader>
              <CardContent className="grid gap-1 text-sm">
                <Link href={`/cases/${referral.case.id}`} className="font-medium text-primary hover:underline">
                  {referral.case.title}
                </Link>
                <span className="flex items-center gap-2">
                  <span className="font-mono text-xs text-muted-foreground">{referral.case.code}</span>
                  <StageBadge stage={referral.case.stage} />
                </span>
              </CardContent>
            </Card>
          ) : null}

          <Card>
            <CardHeader>
              <CardTitle>{t("referrals.detail.consent")}</CardTitle>
            </CardHeader>
            <CardContent className="grid gap-3 text-sm">
              {referral.consent.revokedAt ? (
                <Alert variant="warning">
                  <AlertDescription>{t("referrals.detail.consentRevoked")}</AlertDescription>
                </Alert>
              ) : null}
              <DetailList
                className="sm:grid-cols-1"
                items={[
                  { label: t("referrals.detail.consentObtainedOn"), value: formatDate(referral.consent.obtainedOn, locale) },
                  { label: t("referrals.detail.consentMethod"), value: consentMethod },
                ]}
              />
              <div>
                <h3 className="mb-1 text-xs text-muted-foreground">{t("referrals.detail.consentScope")}</h3>
                <ConsentScopeList scopes={referral.consent} />
              </div>
            </CardContent>
          </Card>
        </div>
      </div>
    </>
  );
}
