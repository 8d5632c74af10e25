import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { ChevronRight, Send } from "lucide-react";
import { getDb } from "@/db/client";
import type { Actor } from "@/lib/authz/actor";
import { can } from "@/lib/authz/can";
import { formatDate, formatShortDate } from "@/lib/format/datetime";
import { todayInJst } from "@/lib/format/fiscal-year";
import { readPageOrStartOver } from "@/lib/pagination";
import { findConsentsForCompany } from "@/lib/referrals/form-options";
import { findProvisionsForCompany } from "@/lib/referrals/provisions";
import { newIdempotencyKey } from "@/lib/validation/idempotency-key";
import { getUiLocale } from "@/components/app-shell/locale";
import { SectionPagination, type SectionHref } from "@/components/app-shell/section-pagination";
import { ConsentScopeList } from "@/components/consents/consent-scope-list";
import { RecordConsentDialog } from "@/components/consents/record-consent-dialog";
import { RevokeConsentDialog } from "@/components/consents/revoke-consent-dialog";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { newReferralHref } from "./new-referral-href";
import { ProvisionTable } from "./provision-table";

/** How many provisions the card shows; the rest are on /companies/[id]/provisions. */
export const PROVISIONS_PREVIEW_SIZE = 10;
/** How many consents the card shows at a time; the section pages through the rest. */
export const CONSENTS_SECTION_SIZE = 10;

interface ConsentsAndProvisionsProps {
  actor: Actor;
  company: { id: string; name: string };
  /** On a case page: the send button starts the referral from this case. */
  caseId?: string;
  /** The consents section's keyset position (its query parameter) and the links to its other positions. */
  consentsCursor?: string;
  consentsHref: SectionHref;
  className?: string;
}

/**
 * The company's consents and its record of provision (提供記録, APPI) for the company and case pages, with
 * 「同意を記録」, 「撤回を記録」 (on the consents the actor's organization recorded) and 「連携依頼を送る」. The
 * provisions the actor's organization took part in are shown newest first, with the consent each rested on —
 * and only those: which bodies another organization referred the company to is that organization's business
 * (referralScope), and the section says so. A busy company has hundreds: the card shows the newest
 * PROVISIONS_PREVIEW_SIZE and links to the whole record; the consents page through CONSENTS_SECTION_SIZE at a
 * time. Renders nothing for an actor outside the company's scope.
 */
export async function ConsentsAndProvisions({ actor, company, caseId, consentsCursor, consentsHref, className }: ConsentsAndProvisionsProps) {
  const db = getDb();
  const [consentPage, provisions, t, locale] = await Promise.all([
    readPageOrStartOver(consentsCursor, (cursor) => findConsentsForCompany(db, actor, company.id, { cursor, limit: CONSENTS_SECTION_SIZE })),
    findProvisionsForCompany(db, actor, company.id, { limit: PROVISIONS_PREVIEW_SIZE }),
    getTranslations(),
    getUiLocale(),
  ]);
  if (!consentPage || !provisions) return null;
  const consents = consentPage.items;
  const mayRecord = can(actor, "consent:record");
  const maySend = can(actor, "referral:send");
  const method = (key: string) => (t.has(`consents.methods.${key}`) ? t(`consents.methods.${key}`) : key);
  // Convenience only: the revoke action checks the same rule on the server (consentRevocationScope).
  const mayRevoke = (consent: { recordedBy: { orgId: string }; revokedAt: Date | null }) =>
    mayRecord && consent.revokedAt === null && consent.recordedBy.orgId === actor.orgId;
  const anyRevocable = consents.some(mayRevoke);

  return (
    <Card data-testid="consents-and-provisions" className={className}>
      <CardHeader className="flex-row flex-wrap items-start justify-between gap-3">
        <div className="grid gap-1">
          <CardTitle>{t("consents.sectionTitle")}</CardTitle>
          <CardDescription>{t("consents.sectionDescription")}</CardDescription>
        </div>
        {mayRecord || maySend ? (
          <div className="flex flex-wrap gap-2">
            {mayRecord ? <RecordConsentDialog companyId={company.id} companyName={company.name} today={todayInJst()} idempotencyKey={newIdempotencyKey()} /> : null}
            {maySend ? (
              <Button asChild size="sm">
                <Link href={newReferralHref({ companyId: company.id, caseId })}>
                  <Send aria-hidden />
                  {t("referrals.sendReferral")}
                </Link>
              </Button>
            ) : null}
          </div>
        ) : null}
      </CardHeader>
      <CardContent className="grid gap-6">
        <section id="consents" aria-labelledby="consents-heading" className="grid gap-2">
          <h3 id="consents-heading" className="text-sm font-semibold">
            {t("consents.listTitle")}
          </h3>
          {consents.length === 0 ? (
            <p className="text-sm text-muted-foreground">{t("consents.empty")}</p>
          ) : (
            <Table>
              <TableHeader>
                <TableRow>
                  <TableHead scope="col">{t("consents.fields.obtainedOn")}</TableHead>
                  <TableHead scope="col">{t("consents.fields.method")}</TableHead>
                  <TableHead scope="col">{t("consents.fields.scope")}</TableHead>
                  <TableHead scope="col">{t("consents.recordedBy")}</TableHead>
                  {anyRevocable ? (
                    <TableHead scope="col">
                      <span className="sr-only">{t("consents.actionsColumn")}</span>
                    </TableHead>
                  ) : null}
                </TableRow>
              </TableHeader>
              <TableBody>
                {consents.map((consent) => (
                  <TableRow key={consent.id} data-testid="consent-row" data-revoked={consent.revokedAt ? true : undefined}>
                    <TableCell className="whitespace-nowrap">
                      {formatDate(consent.obtainedOn, locale)}
                      {consent.revokedAt ? (
                        <>
                          <Badge variant="muted" className="ml-2">
                            {t("consents.revoked")}
                          </Badge>
                          <div className="text-xs text-muted-foreground" data-testid="consent-revoked-on">
                            {t("consents.revokedOn", { date: formatShortDate(consent.revokedAt, locale) })}
                          </div>
                        </>
                      ) : null}
                    </TableCell>
                    <TableCell className="whitespace-nowrap">
                      {method(consent.method)}
                      {consent.givenBy ? <div className="text-xs text-muted-foreground">{consent.givenBy}</div> : null}
                    </TableCell>
                    <TableCell>
                      <ConsentScopeList scopes={consent} inline />
                    </TableCell>
                    <TableCell className="text-xs">
                      {consent.recordedBy.orgName}
                      <div className="text-muted-foreground">{consent.recordedBy.userName}</div>
                    </TableCell>
                    {anyRevocable ? (
                      <TableCell className="text-right">
                        {mayRevoke(consent) ? (
                          <RevokeConsentDialog
                            consentId={consent.id}
                            companyName={company.name}
                            obtainedOnText={formatDate(consent.obtainedOn, locale)}
                          />
                        ) : null}
                      </TableCell>
                    ) : null}
                  </TableRow>
                ))}
              </TableBody>
            </Table>
          )}
          <SectionPagination total={consentPage.total} nextCursor={consentPage.nextCursor} cursor={consentsCursor} href={consentsHref} />
        </section>

        <section aria-labelledby="provisions-heading" className="grid gap-2">
          <h3 id="provisions-heading" className="text-sm font-semibold">
            {t("referrals.provisions.title")}
          </h3>
          <p className="text-xs text-muted-foreground">{t("referrals.provisions.description")}</p>
          <p className="text-xs text-muted-foreground" data-testid="provisions-scope-note">
            {t("referrals.provisions.scopeNote")}
          </p>
          {provisions.items.length === 0 ? (
            <p className="text-sm text-muted-foreground">{t("referrals.provisions.empty")}</p>
          ) : (
            <ProvisionTable provisions={provisions.items} locale={locale} />
          )}
          {provisions.nextCursor ? (
            <div className="flex flex-wrap items-center justify-between gap-2">
              <p className="text-xs text-muted-foreground">
                {t("referrals.provisions.showingNewest", { shown: provisions.items.length, total: provisions.total })}
              </p>
              <Button asChild variant="outline" size="sm">
                <Link href={`/companies/${company.id}/provisions`} data-testid="all-provisions">
                  {t("referrals.provisions.seeAll", { count: provisions.total })}
                  <ChevronRight aria-hidden />
                </Link>
              </Button>
            </div>
          ) : null}
        </section>
      </CardContent>
    </Card>
  );
}
