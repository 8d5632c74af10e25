import Link from "next/link";
import { useTranslations } from "next-intl";
import { Mail, Phone, Plus } from "lucide-react";
import type { CompanyDetail } from "@/lib/companies/queries";
import { formatDate, formatShortDate } from "@/lib/format/datetime";
import type { Locale } from "@/lib/i18n/config";
import { DetailList } from "@/components/app-shell/detail-list";
import { SectionPagination, type SectionHref } from "@/components/app-shell/section-pagination";
import { StageBadge } from "@/components/cases/stage-badge";
import type { ServerFormAction } from "@/components/cases/use-action-form";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardHeader, CardTitle } from "@/components/ui/card";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { ContactDialog } from "./contact-dialog";
import { IpRightDialog } from "./ip-right-dialog";

/**
 * The sections of the company page, each a card of its own so that the page stays a list of sections that
 * other features (referrals, consents) can add to without touching these. The lists are one section page each
 * (getCompanyForActor); `paging` is where the section is and how to link to its other rows.
 */

/** A list section's position (its query parameter) and the links to its other positions. */
export interface SectionPaging {
  cursor: string | undefined;
  href: SectionHref;
}

const sectionHeader = "flex-row items-center justify-between gap-2 space-y-0";

export function CompanyProfileSection({ company, locale }: { company: CompanyDetail; locale: Locale }) {
  const t = useTranslations();
  return (
    <Card>
      <CardHeader>
        <CardTitle id="company-profile">{t("companies.detail.profile")}</CardTitle>
      </CardHeader>
      <CardContent>
        <DetailList
          items={[
            {
              label: t("companies.detail.corporateNumber"),
              value: company.corporateNumber ? <span className="font-mono tabular-nums">{company.corporateNumber}</span> : t("common.none"),
            },
            { label: t("companies.detail.location"), value: [company.prefectureName, company.city, company.address].filter(Boolean).join(" ") },
            { label: t("companies.detail.industry"), value: company.industry },
            {
              label: t("companies.detail.employees"),
              value: company.employeeCount === null ? null : t("common.people", { count: company.employeeCount.toLocaleString("ja-JP") }),
            },
            {
              label: t("companies.detail.capital"),
              value: company.capitalYen === null ? null : t("common.yen", { amount: company.capitalYen.toLocaleString("ja-JP") }),
            },
            { label: t("companies.detail.foundedOn"), value: company.foundedOn ? formatDate(company.foundedOn, locale) : null },
            {
              label: t("companies.detail.website"),
              // Only http(s) addresses become links: a stored "javascript:" must never be clickable.
              value:
                company.website && /^https?:\/\//i.test(company.website) ? (
                  <a href={company.website} target="_blank" rel="noopener noreferrer" className="text-primary hover:underline">
                    {company.website}
                  </a>
                ) : (
                  company.website
                ),
            },
            { label: t("companies.detail.registeredBy"), value: company.createdByOrg?.name ?? null },
            { label: t("companies.detail.updatedAt"), value: formatDate(company.updatedAt, locale) },
          ]}
        />
      </CardContent>
    </Card>
  );
}

export function CompanyCasesSection({
  company,
  locale,
  canOpenCase,
  paging,
}: {
  company: CompanyDetail;
  locale: Locale;
  canOpenCase: boolean;
  paging: SectionPaging;
}) {
  const t = useTranslations();
  return (
    <Card data-testid="company-cases">
      <CardHeader className={sectionHeader}>
        <CardTitle id="company-cases">{t("companies.detail.cases")}</CardTitle>
        {canOpenCase ? (
          <Button asChild size="sm">
            <Link href={`/cases/new?companyId=${company.id}`}>
              <Plus aria-hidden />
              {t("companies.detail.openCase")}
            </Link>
          </Button>
        ) : null}
      </CardHeader>
      <CardContent>
        {company.cases.length === 0 ? (
          <p className="text-sm text-muted-foreground">{t("companies.detail.noCases")}</p>
        ) : (
          <Table>
            <TableHeader>
              <TableRow>
                <TableHead scope="col">{t("cases.columns.title")}</TableHead>
                <TableHead scope="col">{t("cases.columns.stage")}</TableHead>
                <TableHead scope="col">{t("cases.columns.owner")}</TableHead>
                <TableHead scope="col">{t("cases.columns.updated")}</TableHead>
              </TableRow>
            </TableHeader>
            <TableBody>
              {company.cases.map((item) => (
                <TableRow key={item.id}>
                  <TableCell>
                    <Link href={`/cases/${item.id}`} className="font-medium text-primary hover:underline">
                      {item.title}
                    </Link>
                    <div className="font-mono text-xs text-muted-foreground">{item.code}</div>
                  </TableCell>
                  <TableCell>
                    <StageBadge stage={item.stage} />
                  </TableCell>
                  <TableCell className="text-xs">{item.ownerOrgName}</TableCell>
                  <TableCell className="whitespace-nowrap">{formatShortDate(item.updatedAt, locale)}</TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        )}
        <SectionPagination {...company.sections.cases} {...paging} />
      </CardContent>
    </Card>
  );
}

interface ContactsSectionProps {
  company: CompanyDetail;
  paging: SectionPaging;
  canWrite: boolean;
  saveContactAction: ServerFormAction<{ id: string; version: number }>;
  /** The add dialog's one-time key, rendered by the page (newIdempotencyKey()). */
  idempotencyKey: string;
}

/** Contact people are personal data: the query leaves them out entirely (undefined) for those who may not see them. */
export function CompanyContactsSection({ company, paging, canWrite, saveContactAction, idempotencyKey }: ContactsSectionProps) {
  const t = useTranslations();
  if (!company.contacts || !company.sections.contacts) return null;
  return (
    <Card data-testid="company-contacts">
      <CardHeader className={sectionHeader}>
        <CardTitle id="company-contacts">{t("companies.detail.contacts")}</CardTitle>
        {canWrite ? <ContactDialog companyId={company.id} action={saveContactAction} idempotencyKey={idempotencyKey} /> : null}
      </CardHeader>
      <CardContent>
        {company.contacts.length === 0 ? (
          <p className="text-sm text-muted-foreground">{t("companies.detail.noContacts")}</p>
        ) : (
          <ul className="divide-y">
            {company.contacts.map((contact) => (
              <li key={contact.id} className="flex items-start justify-between gap-2 py-2 text-sm first:pt-0 last:pb-0">
                <div className="min-w-0">
                  <div className="flex flex-wrap items-center gap-2">
                    <span className="font-medium">{contact.name}</span>
                    {contact.nameKana ? <span className="text-xs text-muted-foreground">{contact.nameKana}</span> : null}
                    {contact.title ? <span className="text-muted-foreground">{contact.title}</span> : null}
                    {contact.isRepresentative ? <Badge variant="secondary">{t("companies.detail.representative")}</Badge> : null}
                    <Badge variant={contact.preferredContactMethod === "none" ? "destructive" : "outline"}>
                      {t("companies.detail.contactBy", { method: t(`companies.contactMethods.${contact.preferredContactMethod}`) })}
                    </Badge>
                  </div>
                  <div className="mt-0.5 flex flex-wrap gap-x-4 text-xs text-muted-foreground">
                    {contact.email ? (
                      <a href={`mailto:${contact.email}`} className="inline-flex items-center gap-1 hover:underline">
                        <Mail aria-hidden className="size-3" />
                        {contact.email}
                      </a>
                    ) : null}
                    {contact.phone ? (
                      <a href={`tel:${contact.phone}`} className="inline-flex items-center gap-1 hover:underline">
                        <Phone aria-hidden className="size-3" />
                        {contact.phone}
                      </a>
                    ) : null}
                  </div>
                  {contact.notes ? <p className="mt-1 text-xs whitespace-pre-wrap">{contact.notes}</p> : null}
                </div>
                {canWrite ? <ContactDialog companyId={company.id} action={saveContactAction} contact={contact} /> : null}
              </li>
            ))}
          </ul>
        )}
        <SectionPagination {...company.sections.contacts} {...paging} />
      </CardContent>
    </Card>
  );
}

interface IpRightsSectionProps {
  company: CompanyDetail;
  paging: SectionPaging;
  locale: Locale;
  canWrite: boolean;
  saveIpRightAction: ServerFormAction<{ id: string; version: number }>;
  /** The add dialog's one-time key, rendered by the page (newIdempotencyKey()). */
  idempotencyKey: string;
}

export function CompanyIpRightsSection({ company, locale, paging, canWrite, saveIpRightAction, idempotencyKey }: IpRightsSectionProps) {
  const t = useTranslations();
  const label = (group: "ipKinds" | "ipStatus", key: string) => (t.has(`companies.${group}.${key}`) ? t(`companies.${group}.${key}`) : key);
  return (
    <Card data-testid="company-ip-rights">
      <CardHeader className={sectionHeader}>
        <CardTitle id="company-ip-rights">{t("companies.detail.ipRights")}</CardTitle>
        {canWrite ? <IpRightDialog companyId={company.id} action={saveIpRightAction} idempotencyKey={idempotencyKey} /> : null}
      </CardHeader>
      <CardContent>
        {company.ipRights.length === 0 ? (
          <p className="text-sm text-muted-foreground">{t("companies.detail.noIpRights")}</p>
        ) : (
          <Table>
            <TableHeader>
              <TableRow>
                <TableHead scope="col">{t("companies.detail.ipColumns.kind")}</TableHead>
                <TableHead scope="col">{t("companies.detail.ipColumns.title")}</TableHead>
                <TableHead scope="col">{t("companies.detail.ipColumns.number")}</TableHead>
                <TableHead scope="col">{t("companies.detail.ipColumns.status")}</TableHead>
                <TableHead scope="col">{t("companies.detail.ipColumns.date")}</TableHead>
                {canWrite ? (
                  <TableHead scope="col">
                    <span className="sr-only">{t("companies.detail.ipColumns.edit")}</span>
                  </TableHead>
                ) : null}
              </TableRow>
            </TableHeader>
            <TableBody>
              {company.ipRights.map((right) => (
                <TableRow key={right.id}>
                  <TableCell className="whitespace-nowrap">{label("ipKinds", right.kind)}</TableCell>
                  <TableCell className="font-medium">{right.title}</TableCell>
                  <TableCell className="font-mono text-xs">
                    {right.registrationNumber ? <div>{right.registrationNumber}</div> : null}
                    {right.applicationNumber ? <div className="text-muted-foreground">{right.applicationNumber}</div> : null}
                    {!right.registrationNumber && !right.applicationNumber ? "—" : null}
                  </TableCell>
                  <TableCell>
                    <Badge variant={right.status === "preparing" ? "warning" : right.status === "registered" ? "success" : "outline"}>
                      {label("ipStatus", right.status)}
                    </Badge>
                  </TableCell>
                  <TableCell className="text-xs whitespace-nowrap">
                    {right.registeredOn ? formatDate(right.registeredOn, locale) : right.filedOn ? formatDate(right.filedOn, locale) : "—"}
                  </TableCell>
                  {canWrite ? (
                    <TableCell className="w-10 text-right">
                      <IpRightDialog companyId={company.id} action={saveIpRightAction} right={right} />
                    </TableCell>
                  ) : null}
                </TableRow>
              ))}
            </TableBody>
          </Table>
        )}
        <SectionPagination {...company.sections.ipRights} {...paging} />
      </CardContent>
    </Card>
  );
}
