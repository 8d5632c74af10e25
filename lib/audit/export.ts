import type { Queryable } from "@/db/client";
import { localeOf } from "@/lib/api/handle-api-request";
import { loadActor } from "@/lib/authz/actor";
import { can } from "@/lib/authz/can";
import { TRUNCATED_HEADER } from "@/lib/exports/handle-export-request";
import { contentDisposition, EXPORT_FORMATS, exportFileName, renderExport, type ExportColumn, type ExportFormat } from "@/lib/exports/table-export";
import type { Locale } from "@/lib/i18n/config";
import { translate } from "@/lib/i18n/messages";
import { recordAudit } from "./record-audit";
import { collectAuditRowsForExport, parseAuditFilters, type AuditItem } from "./queries";

export interface AuditExportOptions {
  /** The session's user id, or a function that reads it (as for handleApiRequest). */
  actorUserId: string | null | undefined | (() => Promise<string | null | undefined>);
  db: Queryable;
  now?: Date;
}

const json = (value: unknown) => (value === null || value === undefined ? "" : JSON.stringify(value));

/** The columns of the audit export, in the viewer's language; values are what the screen would show them. */
export function auditExportColumns(locale: Locale): ExportColumn<AuditItem>[] {
  const tr = (key: string) => translate(locale, `audit.columns.${key}`);
  return [
    { header: tr("at"), kind: "datetime", value: (r) => r.at, width: 18 },
    { header: tr("user"), kind: "text", value: (r) => r.actor?.name ?? translate(locale, "audit.system"), width: 16 },
    { header: tr("email"), kind: "text", value: (r) => r.actor?.email, width: 26 },
    { header: tr("organization"), kind: "text", value: (r) => r.organization?.name, width: 28 },
    { header: tr("action"), kind: "text", value: (r) => r.action, width: 24 },
    { header: tr("entityType"), kind: "text", value: (r) => r.entityType, width: 16 },
    { header: tr("entityId"), kind: "text", value: (r) => r.entityId, width: 38 },
    { header: tr("changedFields"), kind: "text", value: (r) => r.changes.map((c) => c.field).join(", "), width: 28 },
    {
      header: tr("before"),
      kind: "text",
      value: (r) => (r.withheld ? translate(locale, `audit.withheld.${r.withheld}`) : json(r.before)),
      width: 40,
    },
    {
      header: tr("after"),
      kind: "text",
      value: (r) => (r.withheld ? translate(locale, `audit.withheld.${r.withheld}`) : json(r.after)),
      width: 40,
    },
    { header: tr("meta"), kind: "text", value: (r) => json(r.meta), width: 30 },
  ];
}

/**
 * GET /audit/export?format=csv|xlsx&<the audit view's filters>: the rows the audit view shows the viewer, as
 * a file for Japanese Excel (CSV with a BOM, or .xlsx, by lib/exports). A viewer without audit:read finds no
 * such file (404), like the page. The export is itself audited — which filters, how many rows, never content.
 */
export async function handleAuditExportRequest(request: Request, options: AuditExportOptions): Promise<Response> {
  const locale = localeOf(request);
  const fail = (status: number, code: string, key: string) =>
    Response.json({ error: { code, message: translate(locale, key) } }, { status, headers: { "Cache-Control": "no-store" } });
  try {
    const userId = typeof options.actorUserId === "function" ? await options.actorUserId() : options.actorUserId;
    const actor = userId ? await loadActor(options.db, userId) : null;
    if (!actor) return fail(401, "unauthenticated", "errors.unauthenticated");
    if (!can(actor, "audit:read")) return fail(404, "not_found", "errors.notFound");

    const params = new URL(request.url).searchParams;
    const format = params.get("format");
    if (!(EXPORT_FORMATS as readonly string[]).includes(format ?? "")) return fail(400, "invalid_query", "errors.invalidInput");
    const filters = parseAuditFilters(params);
    const { items, truncated } = await collectAuditRowsForExport(options.db, actor, filters);
    const sheetName = translate(locale, "audit.sheetName");
    const rendered = await renderExport(format as ExportFormat, sheetName, auditExportColumns(locale), items);

    await recordAudit(options.db, { userId: actor.userId, orgId: actor.orgId }, {
      action: "audit.export",
      entityType: "audit_log",
      meta: { format, filters, rows: items.length, truncated },
    });

    const headers: Record<string, string> = {
      "Content-Type": rendered.contentType,
      "Content-Disposition": contentDisposition(exportFileName("audit-log", format as ExportFormat, options.now), exportFileName(sheetName, format as ExportFormat, options.now)),
      "Cache-Control": "no-store",
    };
    if (truncated) headers[TRUNCATED_HEADER] = "true";
    return new Response(rendered.body as BodyInit, { status: 200, headers });
  } catch (error) {
    console.error("[export] audit", error);
    return fail(500, "unexpected", "errors.unexpected");
  }
}
