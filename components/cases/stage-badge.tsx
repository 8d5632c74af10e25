import { useTranslations } from "next-intl";
import { Badge, type BadgeProps } from "@/components/ui/badge";
import type { CaseStage } from "@/db/schema";

const VARIANTS: Record<CaseStage, BadgeProps["variant"]> = {
  discovery: "outline",
  assessment: "info",
  planning: "info",
  accompanying: "default",
  outcome_review: "warning",
  closed: "success",
  paused: "muted",
};

/** A stage as a badge. Not async, so that server pages and the client board render the same component. */
export function StageBadge({ stage, className }: { stage: CaseStage; className?: string }) {
  const t = useTranslations("stages");
  return (
    <Badge variant={VARIANTS[stage]} data-stage={stage} className={className}>
      {t(stage)}
    </Badge>
  );
}
