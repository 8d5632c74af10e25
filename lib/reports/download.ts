import { z } from "zod";
import { kpiScopeKind } from "@/db/schema";
import type { Queryable } from "@/db/client";
import { InvalidQueryError, localeOf, parseQuery, type ApiErrorBody, type ApiErrorCode } from "@/lib/api/handle-api-request";
import { loadActor } from "@/lib/authz/actor";
import { can } from "@/lib/authz/can";
import { NotFoundError } from "@/lib/authz/errors";
import { fiscalYearOf, todayInJst } from "@/lib/format/fiscal-year";
import { translate } from "@/lib/i18n/messages";
import { FIRST_KPI_FISCAL_YEAR } from "@/lib/kpi/period";
import { getKpiReportForActor, listPdcaNotes } from "@/lib/kpi/queries";
import { parseKpiScopeRef } from "@/lib/kpi/scope";
import { buildKpiWorkbook, kpiWorkbookFileName } from "./kpi-workbook";

const XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

const kpiQuery = z.object({
  fy: z.coerce.number().int().min(FIRST_KPI_FISCAL_YEAR).max(2100).optional(),
  scope: z.enum(kpiScopeKind.enumValues),
  ref: z.string().max(64).optional(),
});

/**
 * GET /api/v1/reports/kpi?fy&scope&ref — the KPI table of a scope as .xlsx. A file, not JSON, so it does not go
 * through handleApiRequest; it answers failures the same way (401, 400 and 404 as JSON, never cached): the actor
 * is re-read from the database, `export:read` is required, and a scope the actor may not see is not found.
 */
export async function handleKpiWorkbookRequest(
  request: Request,
  options: { actorUserId: string | null | undefined | (() => Promise<string | null | undefined>); db: Queryable },
): Promise<Response> {
  const locale = localeOf(request);
  const fail = (status: number, code: ApiErrorCode, key: string, fields?: Record<string, string[]>) =>
    Response.json({ error: { code, message: translate(locale, key), ...(fields ? { fields } : {}) } } satisfies ApiErrorBody, {
      status,
      headers: { "Cache-Control": "no-store" },
    });
  try {
    const userId = typeof options.actorUserId === "function" ? await options.actorUserId() : options.actorUserId;
    const actor = userId ? await loadActor(options.db, userId) : null;
    if (!actor) return fail(401, "unauthenticated", "errors.unauthenticated");
    if (!can(actor, "export:read")) throw new NotFoundError("export");
    const query = parseQuery({ searchParams: new URL(request.url).searchParams, locale }, kpiQuery);
    const scope = parseKpiScopeRef(query.scope, query.ref);
    if (!scope) throw new NotFoundError("kpi scope");
    const today = todayInJst();
    const fiscalYear = query.fy ?? fiscalYearOf(today);
    const report = await getKpiReportForActor(options.db, actor, scope, fiscalYear, today);
    if (!report) throw new NotFoundError("kpi scope");
    const body = await buildKpiWorkbook(report, await listPdcaNotes(options.db, report.scope, fiscalYear), locale);
    const fileName = kpiWorkbookFileName(report, locale);
    return new Response(body as BodyInit, {
      status: 200,
      headers: {
        "Content-Type": XLSX,
        // The ASCII name for old clients, the real one (RFC 5987) for everyone else.
        "Content-Disposition": `attachment; filename="kpi-${fiscalYear}.xlsx"; filename*=UTF-8''${encodeURIComponent(fileName)}`,
        "Cache-Control": "no-store",
      },
    });
  } catch (error) {
    if (error instanceof NotFoundError) return fail(404, "not_found", "errors.notFound");
    if (error instanceof InvalidQueryError) return fail(400, "invalid_query", "errors.invalidInput", error.fields);
    console.error(`[reports] ${new URL(request.url).pathname}`, error);
    return fail(500, "unexpected", "errors.unexpected");
  }
}
