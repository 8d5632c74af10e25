import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { Check, ChevronLeft, Minus } from "lucide-react";
import { getDb } from "@/db/client";
import { requirePermission } from "@/lib/auth/session";
import { formatDate, formatDateTime } from "@/lib/format/datetime";
import { isOverdue } from "@/lib/referrals/business-days";
import { getReferralForActor } from "@/lib/referrals/queries";
import { DetailList } from "@/components/app-shell/detail-list";
import { getUiLocale } from "@/components/app-shell/locale";
import { PageHeader } from "@/components/app-shell/page-header";
import { PartyBadge } from "@/components/app-shell/party-badge";
import { StageBadge } from "@/components/cases/stage-badge";
import { ReferralServiceLabel } from "@/components/referrals/referral-service-label";
import { ReferralStatusBadge } from "@/components/referrals/referral-status-badge";
import { Alert, AlertDescription } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardHeader, CardTitle } from "@/components/ui/card";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("referrals");
  return { title: t("title") };
}

export default async function ReferralPage({ params }: { params: Promise<{ id: string }> }) {
  const actor = await requirePermission("referral:read");
  const { id } = await params;
  const referral = await getReferralForActor(getDb(), actor, id);
  if (!referral) notFound();
  const [t, locale] = await Promise.all([getTranslations(), getUiLocale()]);
  const box = referral.fromOrg.id === actor.orgId ? "outbox" : "inbox";
  const recipient = referral.toOrg?.name ?? t("referrals.detail.externalRecipient", { name: referral.externalRecipient ?? "" });
  const consentMethod = t.has(`referrals.detail.consentMethods.${referral.consent.method}`)
    ? t(`referrals.detail.consentMethods.${referral.consent.method}`)
    : referral.consent.method;
  const scopes = [
    { key: "scopeBasicProfile", on: referral.consent.scopeBasicProfile },
    { key: "scopeConsultationSummary", on: referral.consent.scopeConsultationSummary },
    { key: "scopeConfidentialNotes", on: referral.consent.scopeConfidentialNotes },
  ] as const;

  return (
    <>
      <Button asChild variant="link" size="sm" className="mb-2 px-0">
        <Link href={`/referrals?box=${box}`}>
          <ChevronLeft aria-hidden />
          {t("common.backToList")}
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
            <span className="font-mono">{referral.code}</span>
            <ReferralStatusBadge status={referral.status} />
            {referral.urgency !== "normal" ? <Badge variant="destructive">{t(`urgency.${referral.urgency}`)}</Badge> : null}
            {isOverdue(referral) ? <Badge variant="destructive">{t("referrals.overdue")}</Badge> : null}
          </span>
        }
      />

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
                        {referral.toOrg ? <PartyBadge partyKind={referral.toOrg.partyKind} /> : null}
                      </span>
                    ),
                  },
                  { label: t("referrals.detail.sentBy"), value: referral.fromUser.name },
                  { label: t("referrals.columns.sentAt"), value: formatDateTime(referral.sentAt, locale) },
                  { label: t("referrals.columns.respondBy"), value: referral.respondBy ? formatDate(referral.respondBy, locale) : null },
                  { label: t("referrals.detail.handler"), value: referral.handler?.name ?? null },
                  ...(referral.followUpOn ? [{ label: t("referrals.detail.followUpOn"), value: formatDate(referral.followUpOn, locale) }] : []),
                ]}
              />
              <div>
                <h3 className="mb-1 text-xs text-muted-foreground">{t("referrals.detail.reason")}</h3>
                <p className="text-sm whitespace-pre-wrap">{referral.reason}</p>
              </div>
              {referral.handoverNotes ? (
                <div>
                  <h3 className="mb-1 text-xs text-muted-foreground">{t("referrals.detail.handoverNotes")}</h3>
                  <p className="text-sm whitespace-pre-wrap">{referral.handoverNotes}</p>
                </div>
              ) : null}
              {referral.declineReason ? (
                <div>
                  <h3 className="mb-1 text-xs text-muted-foreground">{t("referrals.detail.declineReason")}</h3>
                  <p className="text-sm whitespace-pre-wrap">{referral.declineReason}</p>
                </div>
              ) : null}
              {referral.withdrawReason ? (
                <div>
                  <h3 className="mb-1 text-xs text-muted-foreground">{t("referrals.detail.withdrawReason")}</h3>
                  <p className="text-sm whitespace-pre-wrap">{referral.withdrawReason}</p>
                </div>
              ) : null}
            </CardContent>
          </Card>

          {referral.outcomeFeedback ? (
            <Card className="border-success/40">
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
                <ol className="grid gap-3">
                  {referral.events.map((event) => (
                    <li key={event.id} className="border-l-2 border-primary/30 pl-3 text-sm">
                      <div className="flex flex-wrap items-center gap-2">
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
          <Card>
            <CardHeader>
              <CardTitle>{t("referrals.detail.company")}</CardTitle>
            </CardHeader>
            <CardContent className="grid gap-2 text-sm">
              {/* The profile comes only within the company's scope (for a receiver: what the consent covers). */}
              {referral.company.profile ? (
                <>
                  <Link href={`/companies/${referral.company.id}`} className="font-medium text-primary hover:underline">
                    {referral.company.name}
                  </Link>
                  <DetailList
                    className="sm:grid-cols-1"
                    items={[
                      { label: t("companies.detail.corporateNumber"), value: referral.company.profile.corporateNumber ?? t("common.none") },
                      {
                        label: t("companies.detail.location"),
                        value: [referral.company.profile.prefectureName, referral.company.profile.city].filter(Boolean).join(" "),
                      },
                      { label: t("companies.detail.industry"), value: referral.company.profile.industry },
                    ]}
                  />
                </>
              ) : (
                <>
                  <span className="font-medium">{referral.company.name}</span>
                  <p className="text-xs text-muted-foreground">{t("referrals.detail.companyHidden")}</p>
                </>
              )}
            </CardContent>
          </Card>

          {referral.case ? (
            <Card>
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
                <ul className="grid gap-1">
                  {scopes.map((scope) => (
                    <li key={scope.key} className={scope.on ? "flex items-center gap-2" : "flex items-center gap-2 text-muted-foreground line-through"}>
                      {scope.on ? <Check aria-hidden className="size-4 text-success" /> : <Minus aria-hidden className="size-4" />}
                      <span>{t(`referrals.detail.${scope.key}`)}</span>
                      <span className="sr-only">{scope.on ? t("referrals.detail.scopeIncluded") : t("referrals.detail.scopeExcluded")}</span>
                    </li>
                  ))}
                </ul>
              </div>
            </CardContent>
          </Card>
        </div>
      </div>
    </>
  );
}
