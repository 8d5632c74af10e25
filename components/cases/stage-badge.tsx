import { getTranslations } from "next-intl/server";
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

export async function StageBadge({ stage }: { stage: CaseStage }) {
  const t = await getTranslations("stages");
  return (
    <Badge variant={VARIANTS[stage]} data-stage={stage}>
      {t(stage)}
    </Badge>
  );
}
