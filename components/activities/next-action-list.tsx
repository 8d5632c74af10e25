"use client";

import { useOptimistic, useTransition } from "react";
import Link from "next/link";
import { useTranslations } from "next-intl";
import { toast } from "sonner";
import { Check } from "lucide-react";
import type { ActionResult } from "@/lib/authz/action";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";

export interface NextActionRow {
  id: string;
  title: string;
  dueOn: string;
  /** Formatted on the server by lib/format (ja: 5/12(火) · 3日超過), so that the client carries no catalogue. */
  due: { date: string; label: string; overdue: boolean; dueToday: boolean };
  /** Shown on My day, where actions of many cases meet. */
  case?: { id: string; code: string; title: string };
  company?: { id: string; name: string };
  /** Shown on a case page, where actions of many people meet. */
  assignee?: { id: string; name: string };
  /** Whether this user may complete it (the assignee or a member of the case); the server checks again. */
  mayComplete: boolean;
}

export type CompleteNextAction = (nextActionId: string) => Promise<ActionResult<{ changed: boolean }>>;

export interface NextActionGroup {
  key: string;
  title: string;
  tone: "overdue" | "today" | "upcoming" | "plain";
  rows: NextActionRow[];
  empty: string;
}

/**
 * Next actions, each completed in one click: the row leaves the list at once (optimistic), a toast confirms,
 * and a refusal brings the row back with the reason. Completing one that a colleague completed meanwhile is
 * not an error (the server answers "already done").
 */
export function NextActionList({ groups, complete }: { groups: NextActionGroup[]; complete: CompleteNextAction }) {
  const t = useTranslations("activities.nextActions");
  const [, startTransition] = useTransition();
  const [done, markDone] = useOptimistic<ReadonlySet<string>, string>(new Set(), (state, id) => new Set([...state, id]));

  function completeRow(row: NextActionRow, button: HTMLButtonElement) {
    // The row leaves the list at once, with the button that has the focus: hand the focus on to the next row's
    // button (or the previous one's), else to the group, so that the keyboard user stays where they work.
    keepFocusInList(button);
    startTransition(async () => {
      markDone(row.id);
      try {
        const result = await complete(row.id);
        if (result.ok) toast.success(result.data.changed ? t("completed", { title: row.title }) : t("alreadyCompleted", { title: row.title }));
        else toast.error(result.message);
      } catch {
        toast.error(t("failed"));
      }
    });
  }

  return (
    <div className="grid gap-5">
      {groups.map((group) => {
        const rows = group.rows.filter((row) => !done.has(row.id));
        return (
          <section key={group.key} aria-labelledby={`next-${group.key}`} data-testid={`next-actions-${group.key}`} tabIndex={-1}>
            {groups.length > 1 ? (
              <h2 id={`next-${group.key}`} className="mb-2 flex items-center gap-2 text-sm font-semibold">
                {group.title}
                <Badge variant={group.tone === "overdue" && rows.length > 0 ? "destructive" : group.tone === "today" && rows.length > 0 ? "warning" : "muted"}>
                  {rows.length}
                </Badge>
              </h2>
            ) : (
              <h2 id={`next-${group.key}`} className="sr-only">
                {group.title}
              </h2>
            )}
            {rows.length === 0 ? (
              <p className="rounded-md border border-dashed px-3 py-3 text-sm text-muted-foreground">{group.empty}</p>
            ) : (
              <ul className="divide-y rounded-md border bg-card">
                {rows.map((row) => {
                  const due = row.due;
                  return (
                    <li key={row.id} className="flex flex-wrap items-center gap-x-3 gap-y-1 px-3 py-2" data-testid="next-action">
                      <div className="min-w-0 flex-1">
                        <p className="text-sm font-medium">{row.title}</p>
                        <p className="flex flex-wrap gap-x-3 text-xs text-muted-foreground">
                          {row.case ? (
                            <Link href={`/cases/${row.case.id}`} className="text-primary hover:underline">
                              <span className="mr-1 font-mono">{row.case.code}</span>
                              {row.case.title}
                            </Link>
                          ) : null}
                          {row.company ? <span>{row.company.name}</span> : null}
                          {row.assignee ? <span>{t("assignee", { name: row.assignee.name })}</span> : null}
                        </p>
                      </div>
                      <div className="flex shrink-0 items-center gap-2">
                        <span className="text-xs whitespace-nowrap tabular-nums">{due.date}</span>
                        <Badge variant={due.overdue ? "destructive" : due.dueToday ? "warning" : "muted"}>{due.label}</Badge>
                        {row.mayComplete ? (
                          <Button
                            size="sm"
                            variant="outline"
                            data-complete-next-action
                            onClick={(event) => completeRow(row, event.currentTarget)}
                            aria-label={t("completeLabel", { title: row.title })}
                          >
                            <Check aria-hidden />
                            {t("complete")}
                          </Button>
                        ) : null}
                      </div>
                    </li>
                  );
                })}
              </ul>
            )}
          </section>
        );
      })}
    </div>
  );
}

/** Moves the focus from a row's 完了 button that is about to leave the list to its neighbour's, or to the group. */
function keepFocusInList(button: HTMLButtonElement) {
  const item = button.closest("li");
  const neighbour = [item?.nextElementSibling, item?.previousElementSibling]
    .map((li) => li?.querySelector<HTMLButtonElement>("button[data-complete-next-action]"))
    .find(Boolean);
  (neighbour ?? button.closest("section"))?.focus();
}
