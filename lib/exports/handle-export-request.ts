import type { Queryable } from "@/db/client";
import { loadActor } from "@/lib/authz/actor";
import { can } from "@/lib/authz/can";
import type { Permission } from "@/lib/authz/permissions";
import { recordAudit } from "@/lib/audit/record-audit";
import { localeOf } from "@/lib/api/handle-api-request";
import { parseCaseListFilters } from "@/lib/cases/list-filters";
import { parseCompanyListFilters } from "@/lib/companies/list-filters";
import { translate } from "@/lib/i18n/messages";
import { buildCaseExport, buildCompanyExport, type Dataset } from "./datasets";
import { contentDisposition, EXPORT_FORMATS, exportFileName, renderExport, type ExportFormat } from "./table-export";

export type ExportKind = "companies" | "cases";

const READ_PERMISSION: Record<ExportKind, Permission> = { companies: "company:read", cases: "case:read" };

export interface ExportRequestOptions {
  /** The session's user id, or a function that reads it (as for handleApiRequest). */
  actorUserId: string | null | undefined | (() => Promise<string | null | undefined>);
  db: Queryable;
  now?: Date;
}

/** Set when the file was cut at MAX_EXPORT_ROWS. */
export const TRUNCATED_HEADER = "X-Renkei-Export-Truncated";

/**
 * GET /api/v1/exports/{companies,cases}?format=csv|xlsx&<the list's filters>. A public endpoint like every
 * route: the actor is re-read from the database, must hold export:read and the list's read permission, and
 * gets the rows the list would show them with the same filters. Handing personal data out in a file is a
 * provision of it, so every export is audited (what, which filters, how many rows) — never its content.
 */
export async function handleExportRequest(request: Request, options: ExportRequestOptions, kind: ExportKind): Promise<Response> {
  const locale = localeOf(request);
  const fail = (status: number, code: string, key: string) =>
    Response.json({ error: { code, message: translate(locale, key) } }, { status, headers: { "Cache-Control": "no-store" } });

  try {
    const userId = typeof options.actorUserId === "function" ? await options.actorUserId() : options.actorUserId;
    const actor = userId ? await loadActor(options.db, userId) : null;
    if (!actor) return fail(401, "unauthenticated", "errors.unauthenticated");
    if (!can(actor, "export:read") || !can(actor, READ_PERMISSION[kind])) return fail(403, "forbidden", "errors.forbidden");

    const params = new URL(request.url).searchParams;
    const format = params.get("format");
    if (!(EXPORT_FORMATS as readonly string[]).includes(format ?? "")) return fail(400, "invalid_query", "errors.invalidInput");

    const filters = kind === "companies" ? parseCompanyListFilters(params) : parseCaseListFilters(params);
    const dataset: Dataset<unknown> =
      kind === "companies"
        ? ((await buildCompanyExport(options.db, actor, filters, locale)) as Dataset<unknown>)
        : ((await buildCaseExport(options.db, actor, filters, locale)) as Dataset<unknown>);
    const rendered = await renderExport(format as ExportFormat, dataset.sheetName, dataset.columns, dataset.rows);

    await recordAudit(options.db, { userId: actor.userId, orgId: actor.orgId }, {
      action: `export.${kind}`,
      entityType: kind === "companies" ? "company" : "case",
      meta: { format, filters, rows: dataset.rows.length, truncated: dataset.truncated },
    });

    const fileName = exportFileName(dataset.fileBase, format as ExportFormat, options.now);
    const displayName = exportFileName(dataset.sheetName, format as ExportFormat, options.now);
    const headers: Record<string, string> = {
      "Content-Type": rendered.contentType,
      "Content-Disposition": contentDisposition(fileName, displayName),
      "Cache-Control": "no-store",
    };
    if (dataset.truncated) headers[TRUNCATED_HEADER] = "true";
    return new Response(rendered.body as BodyInit, { status: 200, headers });
  } catch (error) {
    console.error(`[export] ${kind}`, error);
    return fail(500, "unexpected", "errors.unexpected");
  }
}
