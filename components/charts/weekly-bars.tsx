import { ChartTable } from "./chart-table";

export interface WeeklyBar {
  /** Monday of the week, 'YYYY-MM-DD'. */
  weekStart: string;
  count: number;
}

interface WeeklyBarsProps {
  weeks: readonly WeeklyBar[];
  caption: string;
  tableSummary: string;
  columns: readonly [string, string];
  /** The label of a week in the table, e.g. 「4/7(月)の週」. */
  weekLabel: (weekStart: string) => string;
  /** The label of a month tick under the bars, e.g. 「4月」. */
  monthLabel: (month: number) => string;
}

const BAR_WIDTH = 10;
const GAP = 3;
const HEIGHT = 96;

/**
 * Activities per week as plain SVG bars, with the largest week's number and month ticks as text. The SVG is
 * decoration for sighted users (aria-hidden); the table fallback lists every week.
 */
export function WeeklyBars({ weeks, caption, tableSummary, columns, weekLabel, monthLabel }: WeeklyBarsProps) {
  const max = Math.max(1, ...weeks.map((w) => w.count));
  const width = Math.max(1, weeks.length) * (BAR_WIDTH + GAP);
  // A tick under the first week that starts in each month.
  const ticks = weeks
    .map((w, i) => ({ i, month: Number(w.weekStart.slice(5, 7)), day: Number(w.weekStart.slice(8, 10)) }))
    .filter((w) => w.day <= 7);
  return (
    <figure className="grid gap-2">
      <div className="flex items-stretch gap-2" aria-hidden>
        <div className="flex flex-col justify-between pb-5 text-right text-[0.65rem] text-muted-foreground tabular-nums">
          <span>{max}</span>
          <span>0</span>
        </div>
        <div className="min-w-0 flex-1 overflow-x-auto">
          <svg viewBox={`0 0 ${width} ${HEIGHT + 16}`} className="h-28 w-full min-w-[20rem]" preserveAspectRatio="none" role="presentation">
            <line x1={0} x2={width} y1={HEIGHT} y2={HEIGHT} className="stroke-border" strokeWidth={1} />
            {weeks.map((w, i) => {
              const h = (w.count / max) * (HEIGHT - 4);
              return (
                <rect
                  key={w.weekStart}
                  x={i * (BAR_WIDTH + GAP)}
                  y={HEIGHT - h}
                  width={BAR_WIDTH}
                  height={h}
                  rx={1.5}
                  className="fill-primary/70"
                  data-week={w.weekStart}
                  data-count={w.count}
                />
              );
            })}
            {ticks.map((tick) => (
              <text key={tick.i} x={tick.i * (BAR_WIDTH + GAP)} y={HEIGHT + 12} className="fill-muted-foreground text-[9px]">
                {monthLabel(tick.month)}
              </text>
            ))}
          </svg>
        </div>
      </div>
      <ChartTable
        summary={tableSummary}
        caption={caption}
        columns={columns}
        rows={weeks.map((w) => ({ key: w.weekStart, cells: [weekLabel(w.weekStart), w.count] }))}
      />
    </figure>
  );
}
