import type { Queryable } from "@/db/client";
import { localeOf } from "@/lib/api/handle-api-request";
import { loadActor } from "@/lib/authz/actor";
import { can } from "@/lib/authz/can";
import { recordAudit } from "@/lib/audit/record-audit";
import { MAX_EXPORT_ROWS } from "@/lib/exports/datasets";
import { TRUNCATED_HEADER } from "@/lib/exports/handle-export-request";
import { contentDisposition, EXPORT_FORMATS, exportFileName, renderExport, type ExportColumn, type ExportFormat } from "@/lib/exports/table-export";
import type { Locale } from "@/lib/i18n/config";
import { translate } from "@/lib/i18n/messages";
import { collectProvisionsForCompany, type ProvisionRecord } from "./provisions";
import { isReferralService, referralServiceMessageKey } from "./services";

export interface ProvisionExportOptions {
  /** The session's user id, or a function that reads it (as for handleApiRequest). */
  actorUserId: string | null | undefined | (() => Promise<string | null | undefined>);
  db: Queryable;
  now?: Date;
}

/**
 * The columns of the record of provision as a file, in the viewer's language: what the page shows, with the
 * consent each provision rested on spelled out. The person who gave consent (personal data) is left out: the
 * record names the consent by its date, method, scope and recording organization.
 */
export function provisionExportColumns(locale: Locale): ExportColumn<ProvisionRecord>[] {
  const tr = (key: string) => translate(locale, `referrals.provisions.export.${key}`);
  const scopes = (r: ProvisionRecord) =>
    (["scopeBasicProfile", "scopeConsultationSummary", "scopeConfidentialNotes"] as const)
      .filter((key) => r.consent[key])
      .map((key) => translate(locale, `consents.scope.${key}`))
      .join("、");
  const service = (value: string) => (isReferralService(value) ? translate(locale, referralServiceMessageKey(value)) : value);
  return [
    { header: tr("sentAt"), kind: "datetime", value: (r) => r.sentAt, width: 18 },
    { header: tr("code"), kind: "text", value: (r) => r.code, width: 16 },
    { header: tr("fromOrg"), kind: "text", value: (r) => r.from.orgName, width: 28 },
    { header: tr("fromUser"), kind: "text", value: (r) => r.from.userName, width: 14 },
    {
      header: tr("to"),
      kind: "text",
      value: (r) => ("orgName" in r.to ? r.to.orgName : translate(locale, "referrals.detail.externalRecipient", { name: r.to.external })),
      width: 28,
    },
    { header: tr("service"), kind: "text", value: (r) => service(r.service), width: 20 },
    { header: tr("status"), kind: "text", value: (r) => translate(locale, `referralStatus.${r.status}`), width: 10 },
    { header: tr("consentObtainedOn"), kind: "date", value: (r) => r.consent.obtainedOn, width: 12 },
    { header: tr("consentMethod"), kind: "text", value: (r) => translate(locale, `consents.methods.${r.consent.method}`), width: 8 },
    { header: tr("consentScope"), kind: "text", value: scopes, width: 32 },
    { header: tr("consentRecordedBy"), kind: "text", value: (r) => r.consent.recordedByOrgName, width: 28 },
    { header: tr("consentRevokedAt"), kind: "datetime", value: (r) => r.consent.revokedAt, width: 18 },
  ];
}

/**
 * GET /companies/{id}/provisions/export?format=csv|xlsx: the company's record of provision as the actor's
 * organization keeps it (APPI asks both sides to keep it), as a file for Japanese Excel. A public endpoint like
 * every route: the actor is re-read, must hold export:read and referral:read (403 otherwise, for the role),
 * and finds the company through companyScope and the rows through referralScope (404 for a company outside
 * the scope, like the page). Handing the record out in a file is audited: which company, how many rows.
 */
export async function handleProvisionExportRequest(request: Request, options: ProvisionExportOptions, companyId: string): Promise<Response> {
  const locale = localeOf(request);
  const fail = (status: number, code: string, key: string) =>
    Response.json({ error: { code, message: translate(locale, key) } }, { status, headers: { "Cache-Control": "no-store" } });
  try {
    const userId = typeof options.actorUserId === "function" ? await options.actorUserId() : options.actorUserId;
    const actor = userId ? await loadActor(options.db, userId) : null;
    if (!actor) return fail(401, "unauthenticated", "errors.unauthenticated");
    if (!can(actor, "export:read") || !can(actor, "referral:read")) return fail(403, "forbidden", "errors.forbidden");

    const format = new URL(request.url).searchParams.get("format");
    if (!(EXPORT_FORMATS as readonly string[]).includes(format ?? "")) return fail(400, "invalid_query", "errors.invalidInput");
    const record = await collectProvisionsForCompany(options.db, actor, companyId, MAX_EXPORT_ROWS);
    if (!record) return fail(404, "not_found", "errors.notFound");

    const sheetName = translate(locale, "referrals.provisions.export.sheet");
    const rendered = await renderExport(format as ExportFormat, sheetName, provisionExportColumns(locale), record.items);
    await recordAudit(options.db, { userId: actor.userId, orgId: actor.orgId }, {
      action: "export.provisions",
      entityType: "company",
      entityId: companyId,
      meta: { format, rows: record.items.length, truncated: record.truncated },
    });

    const headers: Record<string, string> = {
      "Content-Type": rendered.contentType,
      "Content-Disposition": contentDisposition(
        exportFileName("provisions", format as ExportFormat, options.now),
        exportFileName(sheetName, format as ExportFormat, options.now),
      ),
      "Cache-Control": "no-store",
    };
    if (record.truncated) headers[TRUNCATED_HEADER] = "true";
    return new Response(rendered.body as BodyInit, { status: 200, headers });
  } catch (error) {
    console.error("[export] provisions", error);
    return fail(500, "unexpected", "errors.unexpected");
  }
}
