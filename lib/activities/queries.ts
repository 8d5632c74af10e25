import { and, asc, eq, isNull } from "drizzle-orm";
import type { Queryable } from "@/db/client";
import { cases, companies, nextActions, type CaseStage } from "@/db/schema";
import type { Actor } from "@/lib/authz/actor";
import { caseScope } from "@/lib/authz/scopes";
import { todayInJst } from "@/lib/format/fiscal-year";

export interface MyDayItem {
  id: string;
  title: string;
  /** 'YYYY-MM-DD', a calendar day in Japan. */
  dueOn: string;
  activityId: string | null;
  case: { id: string; code: string; title: string; stage: CaseStage };
  company: { id: string; name: string };
}

export interface MyDay {
  /** The day this was computed for, 'YYYY-MM-DD' in Japan. */
  date: string;
  overdue: MyDayItem[];
  today: MyDayItem[];
  /** Due after today, within `upcomingDays`. */
  upcoming: MyDayItem[];
  /** Due after the upcoming window: still the actor's to do, so still reachable from My day. */
  later: MyDayItem[];
  /** True when there were more open next actions than `limit`; the rest are the latest-due ones. */
  truncated: boolean;
}

export interface MyDayOptions {
  /** Today's date in Japan, 'YYYY-MM-DD' (injected by tests; defaults to now). */
  today?: string;
  /** How far ahead "upcoming" looks, in days; what is due after that is "later". */
  upcomingDays?: number;
  limit?: number;
}

/** 'YYYY-MM-DD' + n calendar days. Calendar days have no zone, so UTC arithmetic is exact. */
function addDays(date: string, days: number): string {
  const [year, month, day] = date.split("-").map(Number) as [number, number, number];
  return new Date(Date.UTC(year, month - 1, day + days)).toISOString().slice(0, 10);
}

/**
 * My day: the actor's open next actions — overdue, due today, coming up, later — across every case they may
 * still see, oldest due first. Nothing open is left out for being far off: a task due in three months is
 * still the actor's, and "later" is where they find it. A next action on a case that has since left their scope (they left the team, the
 * referral closed) does not show: its details are no longer theirs to read.
 */
export async function findMyDayForActor(db: Queryable, actor: Actor, options: MyDayOptions = {}): Promise<MyDay> {
  const today = options.today ?? todayInJst();
  const horizon = addDays(today, options.upcomingDays ?? 14);
  const limit = Math.min(Math.max(options.limit ?? 200, 1), 500);

  const rows = await db
    .select({
      id: nextActions.id,
      title: nextActions.title,
      dueOn: nextActions.dueOn,
      activityId: nextActions.activityId,
      caseId: cases.id,
      caseCode: cases.code,
      caseTitle: cases.title,
      caseStage: cases.stage,
      companyId: companies.id,
      companyName: companies.name,
    })
    .from(nextActions)
    .innerJoin(cases, eq(cases.id, nextActions.caseId))
    .innerJoin(companies, eq(companies.id, cases.companyId))
    .where(
      and(
        eq(nextActions.assigneeUserId, actor.userId),
        isNull(nextActions.completedAt),
        caseScope(actor),
      ),
    )
    .orderBy(asc(nextActions.dueOn), asc(nextActions.id))
    .limit(limit + 1);

  const items: MyDayItem[] = rows.slice(0, limit).map((row) => ({
    id: row.id,
    title: row.title,
    dueOn: row.dueOn,
    activityId: row.activityId,
    case: { id: row.caseId, code: row.caseCode, title: row.caseTitle, stage: row.caseStage },
    company: { id: row.companyId, name: row.companyName },
  }));
  return {
    date: today,
    overdue: items.filter((item) => item.dueOn < today),
    today: items.filter((item) => item.dueOn === today),
    upcoming: items.filter((item) => item.dueOn > today && item.dueOn <= horizon),
    later: items.filter((item) => item.dueOn > horizon),
    truncated: rows.length > limit,
  };
}
