import { useTranslations } from "next-intl";
import { CalendarClock } from "lucide-react";
import type { CaseActivityItem } from "@/lib/cases/queries";
import { formatDateTime } from "@/lib/format/datetime";
import type { Locale } from "@/lib/i18n/config";
import { Badge } from "@/components/ui/badge";

/** 支援記録の時系列: newest first, who logged it from which organization, who took part. The page pages it. */
export function ActivityTimeline({ activities, locale }: { activities: CaseActivityItem[]; locale: Locale }) {
  const t = useTranslations("activities.timeline");
  const tk = useTranslations("activityKinds");
  if (activities.length === 0) return <p className="text-sm text-muted-foreground">{t("empty")}</p>;
  return (
    <ol className="relative grid gap-4 border-l-2 border-primary/20 pl-4" data-testid="activity-timeline">
      {activities.map((activity) => (
        <li key={activity.id} className="relative">
          <span aria-hidden className="absolute top-1.5 -left-[1.3rem] size-2.5 rounded-full border-2 border-card bg-primary/60" />
          <div className="flex flex-wrap items-center gap-x-2 gap-y-1 text-xs text-muted-foreground">
            <Badge variant="outline">{tk(activity.kind)}</Badge>
            <time dateTime={activity.occurredAt.toISOString()} className="font-medium text-foreground">
              {formatDateTime(activity.occurredAt, locale)}
            </time>
            {activity.durationMinutes ? (
              <span className="inline-flex items-center gap-1">
                <CalendarClock aria-hidden className="size-3" />
                {t("duration", { minutes: activity.durationMinutes })}
              </span>
            ) : null}
            <span>{t("by", { name: activity.createdBy.name, organization: activity.organization.name })}</span>
          </div>
          <p className="mt-1 text-sm whitespace-pre-wrap">{activity.summary}</p>
          {activity.participants.length > 0 || activity.externalParticipants ? (
            <p className="mt-1 text-xs text-muted-foreground">
              {t("participants", {
                names: [...activity.participants.map((p) => p.name), activity.externalParticipants].filter(Boolean).join("、"),
              })}
            </p>
          ) : null}
        </li>
      ))}
    </ol>
  );
}
