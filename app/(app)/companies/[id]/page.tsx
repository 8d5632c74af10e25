import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { ChevronLeft } from "lucide-react";
import { getDb } from "@/db/client";
import type { CaseStage } from "@/db/schema";
import { requirePermission } from "@/lib/auth/session";
import { getCompanyForActor } from "@/lib/companies/queries";
import { formatDate } from "@/lib/format/datetime";
import { DetailList } from "@/components/app-shell/detail-list";
import { getUiLocale } from "@/components/app-shell/locale";
import { PageHeader } from "@/components/app-shell/page-header";
import { StageBadge } from "@/components/cases/stage-badge";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardHeader, CardTitle } from "@/components/ui/card";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("companies");
  return { title: t("title") };
}

export default async function CompanyPage({ params }: { params: Promise<{ id: string }> }) {
  const actor = await requirePermission("company:read");
  const { id } = await params;
  const company = await getCompanyForActor(getDb(), actor, id);
  // Outside the actor's scope and nonexistent look the same.
  if (!company) notFound();
  const [t, locale] = await Promise.all([getTranslations(), getUiLocale()]);
  const label = (group: "ipKinds" | "ipStatus", key: string) => (t.has(`companies.${group}.${key}`) ? t(`companies.${group}.${key}`) : key);

  return (
    <>
      <Button asChild variant="link" size="sm" className="mb-2 px-0">
        <Link href="/companies">
          <ChevronLeft aria-hidden />
          {t("common.backToList")}
        </Link>
      </Button>
      <PageHeader
        title={
          <>
            {company.name}
            {company.isProvisional ? (
              <Badge variant="warning" className="ml-3 align-middle">
                {t("companies.provisional")}
              </Badge>
            ) : null}
          </>
        }
        description={company.nameKana ?? undefined}
      />
      <div className="grid gap-4 xl:grid-cols-2">
        <Card>
          <CardHeader>
            <CardTitle>{t("companies.detail.profile")}</CardTitle>
          </CardHeader>
          <CardContent>
            <DetailList
              items={[
                { label: t("companies.detail.corporateNumber"), value: company.corporateNumber ? <span className="font-mono">{company.corporateNumber}</span> : t("common.none") },
                { label: t("companies.detail.location"), value: [company.prefectureName, company.city, company.address].filter(Boolean).join(" ") },
                { label: t("companies.detail.industry"), value: company.industry },
                { label: t("companies.detail.employees"), value: company.employeeCount === null ? null : t("common.people", { count: company.employeeCount.toLocaleString("ja-JP") }) },
                { label: t("companies.detail.capital"), value: company.capitalYen === null ? null : t("common.yen", { amount: company.capitalYen.toLocaleString("ja-JP") }) },
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
              ]}
            />
          </CardContent>
        </Card>
        <Card>
          <CardHeader>
            <CardTitle>{t("companies.detail.cases")}</CardTitle>
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
                        <StageBadge stage={item.stage as CaseStage} />
                      </TableCell>
                      <TableCell>{item.ownerOrgName}</TableCell>
                    </TableRow>
                  ))}
                </TableBody>
              </Table>
            )}
          </CardContent>
        </Card>
        <Card>
          <CardHeader>
            <CardTitle>{t("companies.detail.ipRights")}</CardTitle>
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
                  </TableRow>
                </TableHeader>
                <TableBody>
                  {company.ipRights.map((right) => (
                    <TableRow key={right.id}>
                      <TableCell className="whitespace-nowrap">{label("ipKinds", right.kind)}</TableCell>
                      <TableCell className="font-medium">{right.title}</TableCell>
                      <TableCell className="font-mono text-xs">{right.registrationNumber ?? right.applicationNumber ?? "—"}</TableCell>
                      <TableCell>
                        <Badge variant="outline">{label("ipStatus", right.status)}</Badge>
                      </TableCell>
                    </TableRow>
                  ))}
                </TableBody>
              </Table>
            )}
          </CardContent>
        </Card>
        {/* Contacts are personal data: the query leaves them out entirely for those who may not see them. */}
        {company.contacts ? (
          <Card>
            <CardHeader>
              <CardTitle>{t("companies.detail.contacts")}</CardTitle>
            </CardHeader>
            <CardContent>
              {company.contacts.length === 0 ? (
                <p className="text-sm text-muted-foreground">{t("companies.detail.noContacts")}</p>
              ) : (
                <ul className="grid gap-3">
                  {company.contacts.map((contact) => (
                    <li key={contact.id} className="text-sm">
                      <span className="font-medium">{contact.name}</span>
                      {contact.title ? <span className="ml-2 text-muted-foreground">{contact.title}</span> : null}
                      {contact.isRepresentative ? (
                        <Badge variant="secondary" className="ml-2">
                          {t("companies.detail.representative")}
                        </Badge>
                      ) : null}
                      <div className="text-xs text-muted-foreground">{[contact.email, contact.phone].filter(Boolean).join(" / ")}</div>
                    </li>
                  ))}
                </ul>
              )}
            </CardContent>
          </Card>
        ) : null}
      </div>
    </>
  );
}
