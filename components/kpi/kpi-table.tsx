import { getTranslations } from "next-intl/server";
import type { KpiReport, KpiRow } from "@/lib/kpi/queries";
import { formatMetricValue, round1 } from "@/lib/kpi/metrics";
import type { Locale } from "@/lib/i18n/config";
import { ProgressBar } from "@/components/charts/progress-bar";
import { Badge, type BadgeProps } from "@/components/ui/badge";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { cn } from "@/lib/utils";
import { TargetForm, type SetTargetAction } from "./target-form";

const STATUS_BADGE: Record<KpiRow["progress"]["status"], BadgeProps["variant"]> = {
  met: "success",
  on_pace: "info",
  behind: "warning",
  no_target: "muted",
};

interface KpiTableProps {
  report: KpiReport;
  locale: Locale;
  /** Given when the actor may set this scope's targets: each row gets an inline form. */
  setTargetAction?: SetTargetAction;
  /** Dense, without help texts and forms: the printed summary. */
  compact?: boolean;
}

/** Targets, actuals, progress and last year's same point for one scope and fiscal year. */
export async function KpiTable({ report, locale, setTargetAction, compact = false }: KpiTableProps) {
  const t = await getTranslations("kpi");
  const pace = Math.round(report.elapsedShare * 100);
  const editable = Boolean(setTargetAction && report.canSetTargets);

  return (
    <Table className={cn(compact ? "text-xs" : "min-w-[48rem]")} data-testid="kpi-table">
      <TableHeader>
        <TableRow>
          <TableHead scope="col">{t("columns.metric")}</TableHead>
          <TableHead scope="col" className={editable ? undefined : "text-right"}>
            {t("columns.target")}
          </TableHead>
          <TableHead scope="col" className="text-right">
            {t("columns.actual")}
          </TableHead>
          <TableHead scope="col" className="w-48">
            {t("columns.progress")}
          </TableHead>
          <TableHead scope="col" className="text-right">
            {t("columns.previous")}
          </TableHead>
          <TableHead scope="col" className="text-right">
            {t("columns.change")}
          </TableHead>
        </TableRow>
      </TableHeader>
      <TableBody>
        {report.rows.map((row) => {
          const { spec, target, actual, previous, progress } = row;
          const label = t(`metrics.${spec.key}`);
          const unit = t(`metricUnits.${spec.key}`);
          const value = (v: number | null) => formatMetricValue(spec, v, locale);
          const change = actual !== null && previous !== null ? round1(actual - previous) : null;
          const cumulative = spec.unit === "companies" || spec.unit === "count";
          return (
            <TableRow key={spec.key} data-metric={spec.key} data-status={progress.status}>
              <TableHead scope="row" className="h-auto py-2 font-normal whitespace-normal text-foreground">
                <span className="font-medium">{label}</span>
                {!compact ? <span className="block text-xs text-muted-foreground">{t(`metricHelp.${spec.key}`)}</span> : null}
              </TableHead>
              <TableCell className={editable ? undefined : "text-right tabular-nums"}>
                {editable ? (
                  <TargetForm
                    action={setTargetAction!}
                    fiscalYear={report.fiscalYear}
                    scopeKind={report.scope.kind}
                    scopeRef={report.scope.ref}
                    metric={spec.key}
                    metricLabel={label}
                    unit={unit}
                    value={target ? String(target.value) : ""}
                    version={target?.version ?? 0}
                  />
                ) : (
                  <>
                    {target ? `${value(target.value)}${unit === "%" ? "" : " "}${unit}` : "—"}
                    {target && !compact ? <span className="block text-xs text-muted-foreground">{t("targetSetBy", { name: target.setByName })}</span> : null}
                  </>
                )}
              </TableCell>
              <TableCell className="text-right text-base font-semibold tabular-nums" data-testid={`actual-${spec.key}`}>
                {value(actual)}
                <span className="ml-0.5 text-xs font-normal text-muted-foreground">{unit}</span>
              </TableCell>
              <TableCell>
                <div className="grid gap-1">
                  <ProgressBar
                    percent={progress.percent}
                    pacePercent={cumulative && target && report.elapsedShare < 1 ? pace : undefined}
                    tone={progress.status}
                    label={progress.percent === null ? t("status.no_target") : t("progressLabel", { percent: progress.percent })}
                  />
                  <span className="flex items-center gap-1.5 text-xs">
                    <Badge variant={STATUS_BADGE[progress.status]} data-testid={`status-${spec.key}`}>
                      {t(`status.${progress.status}`)}
                    </Badge>
                    {progress.percent !== null ? <span className="tabular-nums">{progress.percent}%</span> : null}
                    {spec.better === "lower" && !compact ? <span className="text-muted-foreground">{t("lowerIsBetter")}</span> : null}
                  </span>
                </div>
              </TableCell>
              <TableCell className="text-right tabular-nums">{value(previous)}</TableCell>
              <TableCell className="text-right tabular-nums">{change === null ? "—" : `${change > 0 ? "+" : change < 0 ? "−" : "±"}${value(Math.abs(change))}`}</TableCell>
            </TableRow>
          );
        })}
      </TableBody>
    </Table>
  );
}
