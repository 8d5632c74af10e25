import Link from "next/link";
import { getTranslations } from "next-intl/server";
import type { CaseStage } from "@/db/schema";
import type { StageCounts } from "@/lib/dashboard/queries";
import { cn } from "@/lib/utils";

/**
 * Case counts along the stages, in the order a case moves. With `linkToCases` each count opens the case list
 * filtered by that stage — only for actors whose case list holds those cases (not for 経産局's block totals).
 * The linked form is a list of links (a link may not wrap a term and its definition); the plain one a
 * definition list, each term with its number.
 */
export async function StageCountGrid({ counts, stages, linkToCases = false }: { counts: StageCounts; stages: readonly CaseStage[]; linkToCases?: boolean }) {
  const t = await getTranslations("stages");
  const grid = "grid grid-cols-2 gap-2 sm:grid-cols-3 xl:grid-cols-7";
  const cell = (stage: CaseStage) => cn("flex flex-col rounded-md border px-3 py-2", stage === "paused" && "bg-muted/50");
  const number = (stage: CaseStage) => <span className="text-xl font-semibold tabular-nums" data-numeric>{counts[stage]}</span>;

  if (linkToCases) {
    return (
      <ul className={grid}>
        {stages.map((stage) => (
          <li key={stage}>
            <Link href={`/cases?stage=${stage}`} className={cn(cell(stage), "hover:border-primary/40 hover:bg-accent/40")} data-stage={stage}>
              <span className="text-xs text-muted-foreground">{t(stage)}</span>
              {number(stage)}
            </Link>
          </li>
        ))}
      </ul>
    );
  }
  return (
    <dl className={grid}>
      {stages.map((stage) => (
        <div key={stage} className={cell(stage)} data-stage={stage}>
          <dt className="text-xs text-muted-foreground">{t(stage)}</dt>
          <dd>{number(stage)}</dd>
        </div>
      ))}
    </dl>
  );
}
