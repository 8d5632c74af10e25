import type { Metadata } from "next";
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { EyeOff } from "lucide-react";
import { getDb } from "@/db/client";
import { auditFilterParams, findAuditRowsForActor, listAuditFilterOptions, parseAuditFilters, type AuditChange } from "@/lib/audit/queries";
import { requirePermission } from "@/lib/auth/session";
import { formatDateTime } from "@/lib/format/datetime";
import { ListPagination } from "@/components/app-shell/list-pagination";
import { getUiLocale } from "@/components/app-shell/locale";
import { PageHeader } from "@/components/app-shell/page-header";
import { ExportLinks } from "@/components/companies/export-links";
import { Alert, AlertDescription } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card, CardContent } from "@/components/ui/card";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { Select } from "@/components/ui/select";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { firstParam, listHref, type SearchParams } from "../_lib/search-params";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("nav");
  return { title: t("auditLog") };
}

/** A value of a before/after, short enough for a table cell; the export has it in full. */
function shortValue(value: unknown): string {
  if (value === null || value === undefined || value === "") return "—";
  const text = typeof value === "string" ? value : JSON.stringify(value);
  return text.length > 80 ? `${text.slice(0, 79)}…` : text;
}

function ChangeList({ changes, hidden }: { changes: AuditChange[]; hidden: boolean }) {
  if (changes.length === 0) return <span className="text-muted-foreground">—</span>;
  return (
    <ul className="grid gap-0.5 text-xs">
      {changes.slice(0, 8).map((change) => (
        <li key={change.field} className="break-all">
          <span className="font-mono font-medium">{change.field}</span>
          {hidden ? null : (
            <>
              {": "}
              <span className="text-muted-foreground line-through decoration-muted-foreground/50">{shortValue(change.before)}</span>
              {" → "}
              <span>{shortValue(change.after)}</span>
            </>
          )}
        </li>
      ))}
      {changes.length > 8 ? <li className="text-muted-foreground">…</li> : null}
    </ul>
  );
}

/**
 * 監査ログ: who did what, from which organization, when, to which record, and what changed — a manager's own
 * organization, an administrator everything (without the content of cases). Filters by user, record and date
 * travel in the URL; pages continue after the last row shown; the same filters export to Excel or CSV.
 */
export default async function AuditPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const actor = await requirePermission("audit:read");
  const params = await searchParams;
  const filters = parseAuditFilters(params);
  const cursor = firstParam(params.cursor, 20);
  const db = getDb();
  const [t, locale, page, options] = await Promise.all([
    getTranslations(),
    getUiLocale(),
    findAuditRowsForActor(db, actor, { ...filters, cursor }),
    listAuditFilterOptions(db, actor),
  ]);
  const filterParams = auditFilterParams(filters);
  const filtered = Object.keys(filterParams).length > 0;

  return (
    <>
      <PageHeader
        title={t("nav.auditLog")}
        description={actor.role === "admin" ? t("audit.descriptionAdmin") : t("audit.descriptionManager", { organization: actor.orgName })}
        actions={<ExportLinks path="/audit/export" params={filterParams} />}
      />
      {actor.role === "admin" ? (
        <Alert variant="info" className="mb-4">
          <EyeOff aria-hidden />
          <AlertDescription>{t("audit.adminNotice")}</AlertDescription>
        </Alert>
      ) : null}
      <Card className="mb-4 py-3">
        <CardContent>
          <form role="search" aria-label={t("audit.filterLabel")} className="flex flex-wrap items-end gap-3">
            <div className="grid gap-1.5">
              <Label htmlFor="audit-user">{t("audit.columns.user")}</Label>
              <Select id="audit-user" name="user" defaultValue={filters.userId ?? ""} className="w-64">
                <option value="">{t("audit.allUsers")}</option>
                {options.users.map((u) => (
                  <option key={u.id} value={u.id}>
                    {actor.role === "admin" ? `${u.name}（${u.organizationName}）` : u.name}
                  </option>
                ))}
              </Select>
            </div>
            <div className="grid gap-1.5">
              <Label htmlFor="audit-entity-type">{t("audit.columns.entityType")}</Label>
              <Select id="audit-entity-type" name="entityType" defaultValue={filters.entityType ?? ""} className="w-48">
                <option value="">{t("audit.allEntityTypes")}</option>
                {options.entityTypes.map((type) => (
                  <option key={type} value={type}>
                    {t.has(`audit.entityTypes.${type}`) ? t(`audit.entityTypes.${type}`) : type}
                  </option>
                ))}
              </Select>
            </div>
            <div className="grid gap-1.5">
              <Label htmlFor="audit-entity-id">{t("audit.columns.entityId")}</Label>
              <Input id="audit-entity-id" name="entityId" defaultValue={filters.entityId ?? ""} className="w-80 font-mono text-xs" maxLength={100} />
            </div>
            <div className="grid gap-1.5">
              <Label htmlFor="audit-from">{t("audit.from")}</Label>
              <Input id="audit-from" name="from" type="date" defaultValue={filters.from ?? ""} className="w-40" />
            </div>
            <div className="grid gap-1.5">
              <Label htmlFor="audit-to">{t("audit.to")}</Label>
              <Input id="audit-to" name="to" type="date" defaultValue={filters.to ?? ""} className="w-40" />
            </div>
            <Button type="submit">{t("common.search")}</Button>
            {filtered ? (
              <Button asChild variant="ghost">
                <Link href="/audit">{t("common.clear")}</Link>
              </Button>
            ) : null}
          </form>
        </CardContent>
      </Card>

      <section aria-labelledby="audit-results">
        <h2 id="audit-results" className="sr-only">
          {t("audit.results")}
        </h2>
        {page.items.length === 0 ? (
          <p className="text-sm text-muted-foreground">{t("audit.none")}</p>
        ) : (
          <Table className="min-w-[64rem]" data-testid="audit-rows">
            <TableHeader>
              <TableRow>
                <TableHead scope="col">{t("audit.columns.at")}</TableHead>
                <TableHead scope="col">{t("audit.columns.user")}</TableHead>
                <TableHead scope="col">{t("audit.columns.action")}</TableHead>
                <TableHead scope="col">{t("audit.columns.entity")}</TableHead>
                <TableHead scope="col">{t("audit.columns.changes")}</TableHead>
              </TableRow>
            </TableHeader>
            <TableBody>
              {page.items.map((item) => (
                <TableRow key={item.id} data-action={item.action} className="align-top">
                  <TableCell className="whitespace-nowrap text-xs">{formatDateTime(item.at, locale)}</TableCell>
                  <TableCell>
                    {item.actor ? (
                      <Link href={listHref("/audit", { ...filterParams, user: item.actor.id })} className="font-medium text-primary hover:underline">
                        {item.actor.name}
                      </Link>
                    ) : (
                      <span className="text-muted-foreground">{t("audit.system")}</span>
                    )}
                    {item.organization ? <div className="text-xs text-muted-foreground">{item.organization.name}</div> : null}
                  </TableCell>
                  <TableCell>
                    <span className="font-mono text-xs">{item.action}</span>
                    {item.action === "confidential.read" ? (
                      <Badge variant="warning" className="ml-2">
                        {t("audit.confidentialRead")}
                      </Badge>
                    ) : null}
                  </TableCell>
                  <TableCell className="text-xs">
                    {t.has(`audit.entityTypes.${item.entityType}`) ? t(`audit.entityTypes.${item.entityType}`) : item.entityType}
                    {item.entityId ? (
                      <div>
                        <Link
                          href={listHref("/audit", { ...filterParams, entityType: item.entityType, entityId: item.entityId })}
                          className="font-mono break-all text-primary hover:underline"
                          aria-label={t("audit.historyOf", { id: item.entityId })}
                        >
                          {item.entityId}
                        </Link>
                      </div>
                    ) : null}
                  </TableCell>
                  <TableCell>
                    <ChangeList changes={item.changes} hidden={item.withheld !== null} />
                    {item.withheld ? (
                      <div className="mt-1 text-xs text-muted-foreground" data-withheld={item.withheld}>
                        {t(`audit.withheld.${item.withheld}`)}
                      </div>
                    ) : null}
                  </TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        )}
        <ListPagination
          nextHref={page.nextCursor ? listHref("/audit", { ...filterParams, cursor: page.nextCursor }) : undefined}
          firstHref={cursor ? listHref("/audit", filterParams) : undefined}
        />
      </section>
    </>
  );
}
