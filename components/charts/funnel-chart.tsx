import { ChartTable } from "./chart-table";

export interface FunnelStep {
  key: string;
  label: string;
  count: number;
}

interface FunnelChartProps {
  steps: readonly FunnelStep[];
  caption: string;
  /** The disclosure label of the table fallback. */
  tableSummary: string;
  columns: readonly [string, string];
  /** Steps drawn apart from the main line (中断), below a rule. */
  asideSteps?: readonly FunnelStep[];
}

/**
 * The stages of a set of cases as a funnel: one centred bar per stage, its width proportional to the count,
 * with the stage's name and number written beside it (so the bars are decoration, not the only signal).
 */
export function FunnelChart({ steps, caption, tableSummary, columns, asideSteps = [] }: FunnelChartProps) {
  const max = Math.max(1, ...steps.map((s) => s.count), ...asideSteps.map((s) => s.count));
  const bar = (step: FunnelStep, muted = false) => (
    <li key={step.key} className="grid grid-cols-[7rem_minmax(0,1fr)_2.5rem] items-center gap-2 text-sm" data-step={step.key}>
      <span className="truncate text-muted-foreground">{step.label}</span>
      <span className="flex h-5 justify-center rounded-sm bg-muted/40">
        <span
          className={muted ? "h-full rounded-sm bg-muted-foreground/40" : "h-full rounded-sm bg-primary/70"}
          style={{ width: `${step.count === 0 ? 0 : Math.max(4, (step.count / max) * 100)}%` }}
        />
      </span>
      <span className="text-right font-semibold tabular-nums">{step.count}</span>
    </li>
  );
  return (
    <figure className="grid gap-3">
      <ol className="grid gap-1.5" aria-hidden>
        {steps.map((step) => bar(step))}
      </ol>
      {asideSteps.length > 0 ? (
        <ol className="grid gap-1.5 border-t pt-2" aria-hidden>
          {asideSteps.map((step) => bar(step, true))}
        </ol>
      ) : null}
      <ChartTable
        summary={tableSummary}
        caption={caption}
        columns={columns}
        rows={[...steps, ...asideSteps].map((s) => ({ key: s.key, cells: [s.label, s.count] }))}
      />
    </figure>
  );
}
