import { getTranslations } from "next-intl/server";
import type { PdcaQuarter, PdcaRevision } from "@/lib/kpi/queries";
import type { ResolvedKpiScope } from "@/lib/kpi/scope";
import { formatDateTime } from "@/lib/format/datetime";
import type { Locale } from "@/lib/i18n/config";
import { Badge } from "@/components/ui/badge";
import { PdcaForm, type SavePdcaAction } from "./pdca-form";

interface PdcaNotesProps {
  quarters: readonly PdcaQuarter[];
  scope: Pick<ResolvedKpiScope, "kind" | "ref">;
  fiscalYear: number;
  /** The quarter to show open (the current one, in the current year). */
  openQuarter: number;
  locale: Locale;
  /** Given when the actor may write this scope's notes. */
  saveAction?: SavePdcaAction;
}

const FIELDS = ["plan", "do", "check", "act"] as const;

async function RevisionText({ revision, locale }: { revision: PdcaRevision; locale: Locale }) {
  const t = await getTranslations("kpi.pdca");
  return (
    <div className="grid gap-2">
      <p className="text-xs text-muted-foreground">
        {t("revision", { revision: revision.revision })} — {t("byline", { name: revision.authorName, date: formatDateTime(revision.createdAt, locale) })}
      </p>
      <dl className="grid gap-2 md:grid-cols-2">
        {FIELDS.map((field) => (
          <div key={field} className="rounded-md border bg-muted/30 px-3 py-2">
            <dt className="text-xs font-semibold text-muted-foreground">{t(field)}</dt>
            <dd className="text-sm whitespace-pre-wrap">{revision[field] || "—"}</dd>
          </div>
        ))}
      </dl>
    </div>
  );
}

/** The four quarters' PDCA notes: the current text, the history newest first, and the form for a new revision. */
export async function PdcaNotes({ quarters, scope, fiscalYear, openQuarter, locale, saveAction }: PdcaNotesProps) {
  const t = await getTranslations("kpi.pdca");
  return (
    <div className="grid gap-3" data-testid="pdca-notes">
      {quarters.map(({ quarter, revisions }) => {
        const [current, ...older] = revisions;
        return (
          <details key={quarter} open={quarter === openQuarter} className="rounded-lg border bg-card" data-quarter={quarter}>
            <summary className="flex cursor-pointer flex-wrap items-center gap-2 px-4 py-3 font-medium">
              {t("quarter", { quarter })}
              <span className="text-sm font-normal text-muted-foreground">{t(`quarterMonths.${quarter}`)}</span>
              {current ? <Badge variant="info">{t("revision", { revision: current.revision })}</Badge> : <Badge variant="muted">{t("empty")}</Badge>}
            </summary>
            <div className="grid gap-4 border-t px-4 py-3">
              {current ? <RevisionText revision={current} locale={locale} /> : <p className="text-sm text-muted-foreground">{t("empty")}</p>}
              {older.length > 0 ? (
                <details className="rounded-md border px-3 py-2">
                  <summary className="cursor-pointer text-sm text-primary">{t("history", { count: older.length })}</summary>
                  <ol className="mt-3 grid gap-4">
                    {older.map((revision) => (
                      <li key={revision.id}>
                        <RevisionText revision={revision} locale={locale} />
                      </li>
                    ))}
                  </ol>
                </details>
              ) : null}
              {saveAction ? (
                <PdcaForm
                  action={saveAction}
                  fiscalYear={fiscalYear}
                  scopeKind={scope.kind}
                  scopeRef={scope.ref}
                  quarter={quarter}
                  baseRevision={current?.revision ?? 0}
                  current={{ plan: current?.plan ?? "", do: current?.do ?? "", check: current?.check ?? "", act: current?.act ?? "" }}
                />
              ) : (
                <p className="text-xs text-muted-foreground">{t("readOnly")}</p>
              )}
            </div>
          </details>
        );
      })}
    </div>
  );
}
