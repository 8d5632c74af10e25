import { and, asc, eq, inArray } from "drizzle-orm";
import type { Queryable } from "@/db/client";
import { caseThemes, cases, companies, companyContacts, themes } from "@/db/schema";
import type { Actor } from "@/lib/authz/actor";
import { caseScope, companyScope, contactAccessForCompany } from "@/lib/authz/scopes";
import type { CaseListFilters } from "@/lib/cases/list-filters";
import { findCasesForActor, type CaseListItem } from "@/lib/cases/queries";
import type { CompanyListFilters } from "@/lib/companies/list-filters";
import { findCompaniesForActor, type CompanyListItem } from "@/lib/companies/queries";
import type { Locale } from "@/lib/i18n/config";
import { translate } from "@/lib/i18n/messages";
import { MAX_PAGE_SIZE } from "@/lib/pagination";
import type { ExportColumn } from "./table-export";

/**
 * What the case and company exports contain. Rows come from the same scoped list queries as the screens, with
 * the same filters, so a file never holds a row the list would not show; the extra fields are read by the ids
 * of those rows and scoped again. Only fields the actor may see: contact people (personal data) only where the
 * actor has contact access to the company, and never any confidential note.
 */

/** A file of more rows than this is cut here (and says so in a response header): exports are for meetings and reports, not backups. */
export const MAX_EXPORT_ROWS = 10_000;

export interface Dataset<R> {
  sheetName: string;
  fileBase: string;
  columns: ExportColumn<R>[];
  rows: R[];
  truncated: boolean;
}

/** Walks a keyset-paged list to the end or to MAX_EXPORT_ROWS. */
async function collectPages<T>(fetchPage: (cursor: string | undefined) => Promise<{ items: T[]; nextCursor: string | null }>) {
  const rows: T[] = [];
  let cursor: string | undefined;
  for (;;) {
    const page = await fetchPage(cursor);
    rows.push(...page.items);
    if (rows.length >= MAX_EXPORT_ROWS) return { rows: rows.slice(0, MAX_EXPORT_ROWS), truncated: rows.length > MAX_EXPORT_ROWS || page.nextCursor !== null };
    if (!page.nextCursor) return { rows, truncated: false };
    cursor = page.nextCursor;
  }
}

/** In chunks, so that an id list never grows past what a statement's parameters allow. */
function chunks<T>(items: readonly T[], size = 1000): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

interface CompanyExportRow extends CompanyListItem {
  address: string | null;
  employeeCount: number | null;
  capitalYen: number | null;
  website: string | null;
  foundedOn: string | null;
  createdAt: Date | null;
  /** One line per contact person; blank when there are none or the actor may not see them. */
  contacts?: string;
}

export async function buildCompanyExport(db: Queryable, actor: Actor, filters: CompanyListFilters, locale: Locale): Promise<Dataset<CompanyExportRow>> {
  const tr = (key: string, params?: Record<string, string | number>) => translate(locale, `exports.${key}`, params);
  const { rows: listed, truncated } = await collectPages((cursor) =>
    findCompaniesForActor(db, actor, { ...filters, cursor, limit: MAX_PAGE_SIZE }),
  );

  const details = new Map<string, Omit<CompanyExportRow, keyof CompanyListItem>>();
  const contacts = new Map<string, string[]>();
  for (const ids of chunks(listed.map((c) => c.id))) {
    const rows = await db
      .select({
        id: companies.id,
        address: companies.address,
        employeeCount: companies.employeeCount,
        capitalYen: companies.capitalYen,
        website: companies.website,
        foundedOn: companies.foundedOn,
        createdAt: companies.createdAt,
      })
      .from(companies)
      .where(and(inArray(companies.id, ids), companyScope(actor)));
    for (const { id, ...rest } of rows) details.set(id, rest);

    // Personal data (APPI): the scope decides per company, exactly as on the company page.
    const people = await db
      .select({
        companyId: companyContacts.companyId,
        name: companyContacts.name,
        title: companyContacts.title,
        isRepresentative: companyContacts.isRepresentative,
        email: companyContacts.email,
        phone: companyContacts.phone,
        method: companyContacts.preferredContactMethod,
      })
      .from(companyContacts)
      .where(and(inArray(companyContacts.companyId, ids), contactAccessForCompany(actor, companyContacts.companyId)))
      .orderBy(asc(companyContacts.companyId), asc(companyContacts.createdAt), asc(companyContacts.id));
    for (const person of people) {
      const roles = [person.title, person.isRepresentative ? tr("representative") : null].filter(Boolean).join("・");
      const reach = [person.email, person.phone, tr("contactMethod", { method: translate(locale, `companies.contactMethods.${person.method}`) })]
        .filter(Boolean)
        .join(" / ");
      const text = `${person.name}${roles ? `（${roles}）` : ""} ${reach}`;
      contacts.set(person.companyId, [...(contacts.get(person.companyId) ?? []), text]);
    }
  }

  const rows: CompanyExportRow[] = listed.map((company) => ({
    ...company,
    address: null,
    employeeCount: null,
    capitalYen: null,
    website: null,
    foundedOn: null,
    createdAt: null,
    ...details.get(company.id),
    contacts: contacts.get(company.id)?.join("\n"),
  }));
  const provisional = tr("provisional");
  const columns: ExportColumn<CompanyExportRow>[] = [
    { header: tr("companies.name"), kind: "text", value: (r) => r.name, width: 32 },
    { header: tr("companies.nameKana"), kind: "text", value: (r) => r.nameKana, width: 28 },
    { header: tr("companies.corporateNumber"), kind: "text", value: (r) => r.corporateNumber, width: 16 },
    { header: tr("companies.provisional"), kind: "text", value: (r) => (r.isProvisional ? provisional : ""), width: 8 },
    { header: tr("companies.prefecture"), kind: "text", value: (r) => r.prefectureName, width: 10 },
    { header: tr("companies.city"), kind: "text", value: (r) => r.city, width: 14 },
    { header: tr("companies.address"), kind: "text", value: (r) => r.address, width: 24 },
    { header: tr("companies.industry"), kind: "text", value: (r) => r.industry, width: 16 },
    { header: tr("companies.employees"), kind: "number", value: (r) => r.employeeCount, width: 10 },
    { header: tr("companies.capitalYen"), kind: "number", value: (r) => r.capitalYen, width: 16 },
    { header: tr("companies.website"), kind: "text", value: (r) => r.website, width: 28 },
    { header: tr("companies.foundedOn"), kind: "date", value: (r) => r.foundedOn, width: 12 },
    { header: tr("companies.contacts"), kind: "text", value: (r) => r.contacts, width: 48 },
    { header: tr("companies.registeredAt"), kind: "datetime", value: (r) => r.createdAt, width: 18 },
  ];
  return { sheetName: tr("companies.sheet"), fileBase: "companies", columns, rows, truncated };
}

interface CaseExportRow extends CaseListItem {
  corporateNumber: string | null;
  summary: string | null;
  themes: string;
  source: string | null;
  closedOn: string | null;
  pausedReason: string | null;
}

export async function buildCaseExport(db: Queryable, actor: Actor, filters: CaseListFilters, locale: Locale): Promise<Dataset<CaseExportRow>> {
  const tr = (key: string) => translate(locale, `exports.${key}`);
  const { rows: listed, truncated } = await collectPages((cursor) => findCasesForActor(db, actor, { ...filters, cursor, limit: MAX_PAGE_SIZE }));

  const details = new Map<string, Omit<CaseExportRow, keyof CaseListItem | "themes">>();
  const themeNames = new Map<string, string[]>();
  for (const ids of chunks(listed.map((c) => c.id))) {
    const rows = await db
      .select({
        id: cases.id,
        corporateNumber: companies.corporateNumber,
        summary: cases.summary,
        source: cases.source,
        closedOn: cases.closedOn,
        pausedReason: cases.pausedReason,
      })
      .from(cases)
      .innerJoin(companies, eq(companies.id, cases.companyId))
      .where(and(inArray(cases.id, ids), caseScope(actor)));
    for (const { id, ...rest } of rows) details.set(id, rest);
    const themeRows = await db
      .select({ caseId: caseThemes.caseId, nameJa: themes.nameJa, nameEn: themes.nameEn })
      .from(caseThemes)
      .innerJoin(themes, eq(themes.key, caseThemes.themeKey))
      .where(inArray(caseThemes.caseId, ids))
      .orderBy(asc(caseThemes.caseId), asc(themes.sortOrder));
    for (const row of themeRows) themeNames.set(row.caseId, [...(themeNames.get(row.caseId) ?? []), locale === "ja" ? row.nameJa : row.nameEn]);
  }

  // Only cases whose details were read through the scope again make it into the file.
  const rows: CaseExportRow[] = listed.flatMap((item) => {
    const detail = details.get(item.id);
    return detail ? [{ ...item, ...detail, themes: (themeNames.get(item.id) ?? []).join("、") }] : [];
  });
  const stage = (s: string) => translate(locale, `stages.${s}`);
  const columns: ExportColumn<CaseExportRow>[] = [
    { header: tr("cases.code"), kind: "text", value: (r) => r.code, width: 12 },
    { header: tr("cases.title"), kind: "text", value: (r) => r.title, width: 36 },
    { header: tr("cases.company"), kind: "text", value: (r) => r.company.name, width: 30 },
    { header: tr("cases.corporateNumber"), kind: "text", value: (r) => r.corporateNumber, width: 16 },
    { header: tr("cases.prefecture"), kind: "text", value: (r) => r.company.prefectureName, width: 10 },
    { header: tr("cases.stage"), kind: "text", value: (r) => stage(r.stage), width: 12 },
    { header: tr("cases.themes"), kind: "text", value: (r) => r.themes, width: 28 },
    { header: tr("cases.lead"), kind: "text", value: (r) => r.lead.name, width: 14 },
    { header: tr("cases.owner"), kind: "text", value: (r) => r.ownerOrg.name, width: 28 },
    { header: tr("cases.source"), kind: "text", value: (r) => r.source, width: 16 },
    { header: tr("cases.summary"), kind: "text", value: (r) => r.summary, width: 48 },
    { header: tr("cases.openedOn"), kind: "date", value: (r) => r.openedOn, width: 12 },
    { header: tr("cases.closedOn"), kind: "date", value: (r) => r.closedOn, width: 12 },
    { header: tr("cases.pausedReason"), kind: "text", value: (r) => r.pausedReason, width: 24 },
    { header: tr("cases.updatedAt"), kind: "datetime", value: (r) => r.updatedAt, width: 18 },
  ];
  return { sheetName: tr("cases.sheet"), fileBase: "cases", columns, rows, truncated };
}
