import Link from "next/link";
import { getTranslations } from "next-intl/server";
import type { CaseStage } from "@/db/schema";
import type { StageCounts } from "@/lib/dashboard/queries";
import { cn } from "@/lib/utils";

/**
 * Case counts along the stages, in the order a case moves. With `linkToCases` each count opens the case list
 * filtered by that stage — only for actors whose case list holds those cases (not for 経産局's block totals).
 */
export async function StageCountGrid({ counts, stages, linkToCases = false }: { counts: StageCounts; stages: readonly CaseStage[]; linkToCases?: boolean }) {
  const t = await getTranslations("stages");
  return (
    <dl className="grid grid-cols-2 gap-2 sm:grid-cols-3 xl:grid-cols-7">
      {stages.map((stage) => {
        const content = (
          <>
            <dt className="text-xs text-muted-foreground">{t(stage)}</dt>
            <dd className="text-xl font-semibold tabular-nums" data-numeric>
              {counts[stage]}
            </dd>
          </>
        );
        const className = cn("flex flex-col rounded-md border px-3 py-2", stage === "paused" && "bg-muted/50");
        return linkToCases ? (
          <Link key={stage} href={`/cases?stage=${stage}`} className={cn(className, "hover:border-primary/40 hover:bg-accent/40")}>
            {content}
          </Link>
        ) : (
          <div key={stage} className={className} data-stage={stage}>
            {content}
          </div>
        );
      })}
    </dl>
  );
}
