import Link from "next/link";
import { cn } from "@/lib/utils";

interface StatCardProps {
  label: string;
  value: number;
  /** e.g. 「件」; read together with the number. */
  unit?: string;
  hint?: React.ReactNode;
  href?: string;
  /** "alert" draws attention (overdue work) only when the value is not zero. */
  tone?: "default" | "alert";
  testId?: string;
}

/** One number on a home, optionally a link to the list behind it. */
export function StatCard({ label, value, unit, hint, href, tone = "default", testId }: StatCardProps) {
  const alert = tone === "alert" && value > 0;
  const body = (
    <>
      <span className="text-xs font-medium text-muted-foreground">{label}</span>
      <span className={cn("mt-1 text-2xl font-semibold tabular-nums", alert && "text-destructive")} data-numeric>
        {value.toLocaleString("ja-JP")}
        {unit ? <span className="ml-0.5 text-sm font-normal text-muted-foreground">{unit}</span> : null}
      </span>
      {hint ? <span className="mt-0.5 text-xs text-muted-foreground">{hint}</span> : null}
    </>
  );
  const className = cn(
    "flex flex-col rounded-lg border bg-card px-4 py-3 shadow-xs",
    alert && "border-destructive/40",
    href && "transition-colors hover:border-primary/40 hover:bg-accent/40",
  );
  return href ? (
    <Link href={href} className={className} data-testid={testId}>
      {body}
    </Link>
  ) : (
    <div className={className} data-testid={testId}>
      {body}
    </div>
  );
}
