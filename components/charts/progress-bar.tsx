import { cn } from "@/lib/utils";

interface ProgressBarProps {
  /** 0–100, or null when there is no target. */
  percent: number | null;
  /** Where "on pace" would be today, 0–100 (a tick on the bar); omitted for rates and medians. */
  pacePercent?: number;
  tone: "met" | "on_pace" | "behind" | "no_target";
  /** The bar's meaning in words, read instead of the drawing. */
  label: string;
  className?: string;
}

const FILL: Record<ProgressBarProps["tone"], string> = {
  met: "bg-success",
  on_pace: "bg-primary",
  behind: "bg-warning",
  no_target: "bg-muted-foreground/30",
};

/**
 * Progress towards a target as a bar with an optional pace tick. The bar is a <div role="img"> with its
 * meaning as its name; the percentage and the status are also written next to it by the caller.
 */
export function ProgressBar({ percent, pacePercent, tone, label, className }: ProgressBarProps) {
  return (
    <div role="img" aria-label={label} className={cn("relative h-2.5 w-full min-w-24 rounded-full bg-muted print:border", className)}>
      <div className={cn("h-full rounded-full", FILL[tone])} style={{ width: `${Math.max(0, Math.min(100, percent ?? 0))}%` }} />
      {pacePercent !== undefined ? (
        <div className="absolute -top-0.5 h-3.5 w-0.5 bg-foreground/70" style={{ left: `${Math.max(0, Math.min(100, pacePercent))}%` }} />
      ) : null}
    </div>
  );
}
