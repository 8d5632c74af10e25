import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { Building2, ChevronLeft, Search } from "lucide-react";
import { getDb } from "@/db/client";
import { requirePermission } from "@/lib/auth/session";
import { can } from "@/lib/authz/can";
import { findCompaniesForActor, getCompanyForActor } from "@/lib/companies/queries";
import { formatDate } from "@/lib/format/datetime";
import { todayInJst } from "@/lib/format/fiscal-year";
import { MAX_PAGE_SIZE } from "@/lib/pagination";
import { findCaseRefForActor, findConsentsForCompany, listPartyKinds } from "@/lib/referrals/form-options";
import { isReferralService } from "@/lib/referrals/services";
import { suggestRecipients } from "@/lib/referrals/suggest-recipients";
import { newIdempotencyKey } from "@/lib/validation/idempotency-key";
import { getUiLocale } from "@/components/app-shell/locale";
import { PageHeader } from "@/components/app-shell/page-header";
import { newReferralHref } from "@/components/referrals/new-referral-href";
import { SendReferralForm } from "@/components/referrals/send-referral-form";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { firstParam, type SearchParams } from "../../_lib/search-params";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("referrals.new");
  return { title: t("title") };
}

/**
 * 連携依頼の作成: `/referrals/new?companyId=…&caseId=…&toParty=…&service=…&toOrgId=…`, every parameter optional
 * so that other screens can link here prefilled (the company and case pages, a received referral's "refer
 * onward", the 商工会議所 home). Without a company it first asks which one. A company or case the actor may not
 * see is not found, like everywhere else.
 */
export default async function NewReferralPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const actor = await requirePermission("referral:send");
  const params = await searchParams;
  const db = getDb();
  const [t, locale] = await Promise.all([getTranslations(), getUiLocale()]);
  const prefill = {
    toParty: firstParam(params.toParty, 40),
    toOrgId: firstParam(params.toOrgId, 64),
    service: ((s) => (isReferralService(s) ? s : undefined))(firstParam(params.service, 40)),
  };

  const caseIdParam = firstParam(params.caseId, 64);
  const fromCase = caseIdParam ? await findCaseRefForActor(db, actor, caseIdParam) : null;
  if (caseIdParam && !fromCase) notFound();
  const companyId = firstParam(params.companyId, 64) ?? fromCase?.companyId;

  const header = (
    <>
      <Button asChild variant="link" size="sm" className="mb-2 px-0">
        <Link href="/referrals?box=outbox">
          <ChevronLeft aria-hidden />
          {t("referrals.new.backToOutbox")}
        </Link>
      </Button>
      <PageHeader title={t("referrals.new.title")} description={t("referrals.new.description")} />
    </>
  );

  if (!companyId) {
    const q = firstParam(params.q, 100);
    const found = q ? await findCompaniesForActor(db, actor, { q, limit: 20 }) : null;
    return (
      <>
        {header}
        <Card className="max-w-3xl">
          <CardHeader>
            <CardTitle>{t("referrals.new.pickCompany")}</CardTitle>
            <CardDescription>{t("referrals.new.pickCompanyHint")}</CardDescription>
          </CardHeader>
          <CardContent className="grid gap-4">
            <form method="get" role="search" className="flex items-end gap-2">
              {Object.entries(prefill).map(([key, value]) => (value ? <input key={key} type="hidden" name={key} value={value} /> : null))}
              <div className="grid flex-1 gap-1.5">
                <Label htmlFor="referral-company-q">{t("referrals.new.companySearch")}</Label>
                <Input id="referral-company-q" name="q" type="search" defaultValue={q} maxLength={100} autoComplete="off" />
              </div>
              <Button type="submit" variant="secondary">
                <Search aria-hidden />
                {t("common.search")}
              </Button>
            </form>
            {found ? (
              found.items.length === 0 ? (
                <p className="text-sm text-muted-foreground">{t("referrals.new.noCompanies")}</p>
              ) : (
                <ul className="grid gap-1.5" aria-label={t("referrals.new.companyResults")}>
                  {found.items.map((company) => (
                    <li key={company.id}>
                      <Link
                        href={newReferralHref({ ...prefill, companyId: company.id })}
                        className="flex items-center gap-3 rounded-md border px-3 py-2 text-sm hover:border-primary/40 hover:bg-accent/40"
                      >
                        <Building2 aria-hidden className="size-4 text-muted-foreground" />
                        <span className="font-medium">{company.name}</span>
                        <span className="text-xs text-muted-foreground">
                          {company.prefectureName} {company.city}
                        </span>
                        {company.isProvisional ? <Badge variant="warning">{t("companies.provisional")}</Badge> : null}
                      </Link>
                    </li>
                  ))}
                </ul>
              )
            ) : null}
          </CardContent>
        </Card>
      </>
    );
  }

  const company = await getCompanyForActor(db, actor, companyId);
  if (!company) notFound();
  // A case of another company is not this referral's case: the form starts from the company alone.
  const initialCaseId = fromCase && fromCase.companyId === company.id ? fromCase.id : undefined;
  // The company's most recently updated cases (a section page of getCompanyForActor), and the case the referral
  // starts from even when it is not among them.
  const caseChoices = company.cases.map((c) => ({ id: c.id, code: c.code, title: c.title }));
  if (fromCase && initialCaseId && !caseChoices.some((c) => c.id === initialCaseId)) {
    caseChoices.unshift({ id: fromCase.id, code: fromCase.code, title: fromCase.title });
  }
  const [consents, recipients, partyKinds] = await Promise.all([
    // The newest 200 consents: a form's choices, bounded like every list (a company has a handful).
    findConsentsForCompany(db, actor, company.id, { limit: MAX_PAGE_SIZE }),
    suggestRecipients(db, actor, { companyId: company.id }),
    listPartyKinds(db),
  ]);
  if (!consents || !recipients) notFound();
  const method = (key: string) => (t.has(`consents.methods.${key}`) ? t(`consents.methods.${key}`) : key);

  return (
    <>
      {header}
      <SendReferralForm
        company={{ id: company.id, name: company.name, location: [company.prefectureName, company.city].filter(Boolean).join(" ") }}
        cases={caseChoices}
        initialCaseId={initialCaseId}
        consents={consents.items.map((consent) => ({
          id: consent.id,
          summary: `${formatDate(consent.obtainedOn, locale)} · ${method(consent.method)}`,
          scopeBasicProfile: consent.scopeBasicProfile,
          scopeConsultationSummary: consent.scopeConsultationSummary,
          scopeConfidentialNotes: consent.scopeConfidentialNotes,
          recordedByOrgName: consent.recordedBy.orgName,
          revoked: consent.revokedAt !== null,
        }))}
        recipients={recipients.map((r) => ({
          id: r.id,
          name: locale === "en" && r.nameEn ? r.nameEn : r.name,
          partyKind: r.partyKind,
          proximity: r.proximity,
        }))}
        parties={partyKinds
          // A party with no organization to send to (only the actor's own, say) is no choice at all.
          .filter((p) => recipients.some((r) => r.partyKind === p.key))
          .map((p) => ({ key: p.key, name: locale === "en" ? p.nameEn : p.nameJa }))}
        prefill={prefill}
        today={todayInJst()}
        mayRecordConsent={can(actor, "consent:record")}
        idempotencyKey={newIdempotencyKey()}
        consentIdempotencyKey={newIdempotencyKey()}
      />
    </>
  );
}
