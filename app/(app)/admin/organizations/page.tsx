import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { getDb } from "@/db/client";
import { listOrganizationsForAdmin, listPartyKindsForAdmin } from "@/lib/admin/queries";
import { requirePermission } from "@/lib/auth/session";
import { listPrefectures, listRegionalBlocks } from "@/lib/dashboard/reference";
import { readPageOrStartOver } from "@/lib/pagination";
import { newIdempotencyKey } from "@/lib/validation/idempotency-key";
import { ListPagination } from "@/components/app-shell/list-pagination";
import { getUiLocale } from "@/components/app-shell/locale";
import { PageHeader } from "@/components/app-shell/page-header";
import { Badge } from "@/components/ui/badge";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { cursorParam, listHref, type SearchParams } from "../../_lib/search-params";
import { OrganizationActiveDialog } from "./_components/organization-active-dialog";
import { OrganizationDialog } from "./_components/organization-dialog";
import { PartyKindDialog } from "./_components/party-kind-dialog";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("nav");
  return { title: t("organizations") };
}

/**
 * 組織管理: the bodies of the network with their party kind, block and prefecture — create, edit, deactivate —
 * and the party kinds themselves, which are data: a new kind (中小企業庁) is added here, not in code. The
 * organizations come 50 a page (a national network has some 600), the position in the URL (?cursor=).
 */
export default async function AdminOrganizationsPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const actor = await requirePermission("organization:manage");
  const cursor = cursorParam((await searchParams).cursor);
  const db = getDb();
  const [t, locale, organizations, partyKinds, blocks, prefectures] = await Promise.all([
    getTranslations(),
    getUiLocale(),
    readPageOrStartOver(cursor, (at) => listOrganizationsForAdmin(db, actor, { cursor: at })),
    listPartyKindsForAdmin(db, actor),
    listRegionalBlocks(db),
    listPrefectures(db),
  ]);
  const pick = (ja: string | null, en: string | null) => (locale === "ja" ? ja : (en ?? ja));
  const options = {
    partyKinds: partyKinds.filter((k) => k.isActive).map((k) => ({ value: k.key, label: pick(k.nameJa, k.nameEn) ?? k.key })),
    blocks: blocks.map((b) => ({ value: b.key, label: pick(b.nameJa, b.nameEn) ?? b.key })),
    prefectures: prefectures.map((p) => ({ value: String(p.code), label: pick(p.nameJa, p.nameEn) ?? String(p.code), blockCode: p.blockCode })),
  };

  return (
    <>
      <PageHeader
        title={t("nav.organizations")}
        description={t("admin.organizations.description")}
        actions={<OrganizationDialog {...options} idempotencyKey={newIdempotencyKey()} />}
      />
      <div className="grid gap-6">
        <section aria-labelledby="organizations-total">
          <p id="organizations-total" className="mb-2 text-sm text-muted-foreground">
            {t("common.total", { count: organizations.total })}
          </p>
          <Table className="min-w-[60rem]" data-testid="admin-organizations">
            <TableHeader>
              <TableRow>
                <TableHead scope="col">{t("admin.organizations.name")}</TableHead>
                <TableHead scope="col">{t("admin.organizations.party")}</TableHead>
                <TableHead scope="col">{t("admin.organizations.block")}</TableHead>
                <TableHead scope="col">{t("admin.organizations.prefecture")}</TableHead>
                <TableHead scope="col" className="text-right">
                  {t("admin.organizations.users")}
                </TableHead>
                <TableHead scope="col">{t("admin.organizations.status")}</TableHead>
                <TableHead scope="col">{t("admin.organizations.actions")}</TableHead>
              </TableRow>
            </TableHeader>
            <TableBody>
              {organizations.items.map((org) => (
                <TableRow key={org.id} data-organization={org.nameJa}>
                  <TableCell>
                    <span className="font-medium">{org.nameJa}</span>
                    {org.nameEn ? <div className="text-xs text-muted-foreground">{org.nameEn}</div> : null}
                  </TableCell>
                  <TableCell>{org.isSystem ? t("parties.system") : (pick(org.partyNameJa, org.partyNameEn) ?? org.partyKindKey)}</TableCell>
                  <TableCell>{org.isSystem ? "—" : (pick(org.blockNameJa, org.blockNameEn) ?? t("admin.organizations.national"))}</TableCell>
                  <TableCell>{pick(org.prefectureNameJa, org.prefectureNameEn) ?? "—"}</TableCell>
                  <TableCell className="text-right tabular-nums">
                    {org.activeUsers} / {org.users}
                  </TableCell>
                  <TableCell>
                    {org.isActive ? <Badge variant="success">{t("admin.users.active")}</Badge> : <Badge variant="muted">{t("admin.users.inactive")}</Badge>}
                  </TableCell>
                  <TableCell>
                    {org.isSystem ? (
                      <span className="text-xs text-muted-foreground">{t("admin.organizations.systemFixed")}</span>
                    ) : (
                      <div className="flex flex-wrap gap-1.5">
                        <OrganizationDialog
                          {...options}
                          organization={{
                            id: org.id,
                            version: org.version,
                            nameJa: org.nameJa,
                            nameEn: org.nameEn,
                            partyKindKey: org.partyKindKey,
                            blockCode: org.blockCode,
                            prefectureCode: org.prefectureCode,
                          }}
                        />
                        <OrganizationActiveDialog organization={org} />
                      </div>
                    )}
                  </TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
          <ListPagination
            nextHref={organizations.nextCursor ? listHref("/admin/organizations", { cursor: organizations.nextCursor }) : undefined}
            firstHref={cursor ? "/admin/organizations" : undefined}
          />
        </section>

        <Card>
          <CardHeader className="flex-row flex-wrap items-start justify-between gap-2">
            <div className="grid gap-1">
              <CardTitle>{t("admin.partyKinds.title")}</CardTitle>
              <CardDescription>{t("admin.partyKinds.description")}</CardDescription>
            </div>
            <PartyKindDialog />
          </CardHeader>
          <CardContent>
            <Table data-testid="admin-party-kinds">
              <TableHeader>
                <TableRow>
                  <TableHead scope="col">{t("admin.partyKinds.key")}</TableHead>
                  <TableHead scope="col">{t("admin.partyKinds.nameJa")}</TableHead>
                  <TableHead scope="col">{t("admin.partyKinds.nameEn")}</TableHead>
                  <TableHead scope="col" className="text-right">
                    {t("admin.partyKinds.organizations")}
                  </TableHead>
                </TableRow>
              </TableHeader>
              <TableBody>
                {partyKinds.map((kind) => (
                  <TableRow key={kind.key}>
                    <TableCell className="font-mono text-xs">{kind.key}</TableCell>
                    <TableCell>{kind.nameJa}</TableCell>
                    <TableCell>{kind.nameEn}</TableCell>
                    <TableCell className="text-right tabular-nums">{kind.organizations}</TableCell>
                  </TableRow>
                ))}
              </TableBody>
            </Table>
          </CardContent>
        </Card>
      </div>
    </>
  );
}
