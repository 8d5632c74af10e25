import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { getDb } from "@/db/client";
import { findMyDayForActor, type MyDayItem } from "@/lib/activities/queries";
import { requirePermission } from "@/lib/auth/session";
import { formatDate } from "@/lib/format/datetime";
import { dueOf } from "@/components/activities/due-of";
import { NextActionList, type NextActionRow } from "@/components/activities/next-action-list";
import { getUiLocale } from "@/components/app-shell/locale";
import { PageHeader } from "@/components/app-shell/page-header";
import { Alert, AlertDescription } from "@/components/ui/alert";
import { completeNextActionAction } from "./actions";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("myDay");
  return { title: t("title") };
}

/** How far ahead 「今後」 looks; what is due after that is under 「それ以降」. */
const UPCOMING_DAYS = 14;

/**
 * My day (今日のタスク): the signed-in user's open next actions across every case they may still open, as
 * 期限超過 / 今日 / 今後 / それ以降, each completed in one click. Only the user's own actions: they are the assignee, so
 * they may complete them (the server checks again).
 */
export default async function MyDayPage() {
  const actor = await requirePermission("next-action:complete");
  const [t, locale, day] = await Promise.all([getTranslations("myDay"), getUiLocale(), findMyDayForActor(getDb(), actor, { upcomingDays: UPCOMING_DAYS })]);
  const rowOf = (item: MyDayItem): NextActionRow => ({
    id: item.id,
    title: item.title,
    dueOn: item.dueOn,
    due: dueOf(item.dueOn, locale),
    case: { id: item.case.id, code: item.case.code, title: item.case.title },
    company: item.company,
    mayComplete: true,
  });

  return (
    <>
      <PageHeader title={t("title")} description={t("description", { date: formatDate(day.date, locale), days: UPCOMING_DAYS })} />
      {day.truncated ? (
        <Alert variant="info" className="mb-4">
          <AlertDescription>{t("truncated")}</AlertDescription>
        </Alert>
      ) : null}
      <div className="max-w-4xl">
        <NextActionList
          complete={completeNextActionAction}
          groups={[
            { key: "overdue", title: t("overdue"), tone: "overdue", empty: t("noneOverdue"), rows: day.overdue.map(rowOf) },
            { key: "today", title: t("today"), tone: "today", empty: t("noneToday"), rows: day.today.map(rowOf) },
            { key: "upcoming", title: t("upcoming", { days: UPCOMING_DAYS }), tone: "upcoming", empty: t("noneUpcoming"), rows: day.upcoming.map(rowOf) },
            { key: "later", title: t("later", { days: UPCOMING_DAYS }), tone: "plain", empty: t("noneLater"), rows: day.later.map(rowOf) },
          ]}
        />
      </div>
    </>
  );
}
