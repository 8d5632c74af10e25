"use client";

import { useEffect, useOptimistic, useRef, useState, useTransition } from "react";
import Link from "next/link";
import { useTranslations } from "next-intl";
import { ChevronLeft, ChevronRight, GripVertical, RotateCcw, Shuffle } from "lucide-react";
import type { CaseStage } from "@/db/schema";
import type { CaseListItem } from "@/lib/cases/queries";
import { cn } from "@/lib/utils";
import { Button } from "@/components/ui/button";
import { StageChangeDialog, type ChangeStageAction, type StageCaseRef } from "./stage-change-dialog";
import { moveNeedsDialog, nextStageOf, previousStageOf, useStageMove } from "./stage-controls";

/** A case on the board, with its last update formatted on the server (lib/format stays out of the client bundle). */
export type BoardCard = CaseListItem & { updatedLabel: string };

export interface BoardColumn {
  stage: CaseStage;
  items: BoardCard[];
  /** All cases in the stage under the filters; the column shows the most recently updated ones. */
  total: number;
}

interface CaseBoardProps {
  columns: BoardColumn[];
  action: ChangeStageAction;
  /** The list view of one stage with the same filters, for "all N cases". */
  stageListHref: Partial<Record<CaseStage, string>>;
}

/** A move as the user asked for it: `version` is the version of the card they saw. */
type Move = { id: string; to: CaseStage; version: number };

/** A card's move buttons, by which the focus finds the same button on the card in its new column. */
type MoveControl = "back" | "next" | "reopen";

/**
 * ステージボード: a column per stage. Cards move by their buttons (keyboard and screen readers), by the dialog
 * (any stage; a reason for 中断; 「再開」 for closed cases) or by dragging onto a column. A move shows at once and
 * is taken back if the server refuses it; a move that needs a reason or a reopening opens the dialog instead.
 */
export function CaseBoard({ columns, action, stageListHref }: CaseBoardProps) {
  const t = useTranslations("cases.board");
  const ts = useTranslations("stages");
  const [, startTransition] = useTransition();
  const move = useStageMove(action);
  const [dialog, setDialog] = useState<{ caseRef: StageCaseRef; to?: CaseStage } | null>(null);
  const [dragged, setDragged] = useState<BoardCard | null>(null);
  const [dropTarget, setDropTarget] = useState<CaseStage | null>(null);
  // The card moved by one of its buttons. It is rendered anew in its new column, and the button that had the
  // focus is gone with the old one: the focus follows the card, onto the same button (or its link), so that
  // a keyboard user can move it on again. Only a focus that was dropped is taken up, never one moved elsewhere.
  const [followed, setFollowed] = useState<{ id: string; control: MoveControl } | null>(null);
  const boardRef = useRef<HTMLDivElement>(null);

  const [shown, applyMove] = useOptimistic(columns, (state: BoardColumn[], { id, to, version }: Move) => {
    const item = state.flatMap((c) => c.items).find((i) => i.id === id);
    // The stored board changed under the pending move (its own answer, or someone else's change): show what is
    // stored. Re-applying the move there would show the old stage with the new version, and the next move from
    // that card would then pass the version check although the user never saw the stage it overwrites.
    if (!item || item.version !== version) return state;
    return state.map((column) => {
      if (column.stage === item.stage) return { ...column, items: column.items.filter((i) => i.id !== id), total: column.total - 1 };
      if (column.stage === to) return { ...column, items: [{ ...item, stage: to }, ...column.items], total: column.total + 1 };
      return column;
    });
  });

  // Cards whose move is on its way: until the stored board is back, the card shows the new stage with the old
  // version, and a second move (a quick second press) would be refused as if someone else had moved the case.
  const [moving, markMoving] = useOptimistic<ReadonlySet<string>, string>(new Set(), (state, id) => new Set([...state, id]));

  useEffect(() => {
    if (!followed || (document.activeElement && document.activeElement !== document.body)) return;
    const card = boardRef.current?.querySelector(`[data-case-id="${CSS.escape(followed.id)}"]`);
    (card?.querySelector<HTMLElement>(`[data-move="${followed.control}"]`) ?? card?.querySelector<HTMLElement>("a"))?.focus();
  }, [shown, followed]);

  function requestMove(item: BoardCard, to: CaseStage, control?: MoveControl) {
    if (to === item.stage || !item.mayEdit || moving.has(item.id)) return;
    setFollowed(control ? { id: item.id, control } : null);
    const caseRef = { id: item.id, title: item.title, stage: item.stage, version: item.version };
    if (moveNeedsDialog(item.stage, to)) {
      setDialog({ caseRef, to });
      return;
    }
    startTransition(async () => {
      applyMove({ id: item.id, to, version: item.version });
      markMoving(item.id);
      // On success the server action refreshes the page with the stored board; on failure the optimistic
      // move ends with the transition and the card returns to where it is stored.
      await move(caseRef, to);
    });
  }

  return (
    <>
      <div
        ref={boardRef}
        className="flex gap-3 overflow-x-auto pb-3"
        data-testid="case-board"
        onFocus={(event) => {
          // The user took the focus elsewhere: it is theirs to place, no longer the moved card's to follow.
          if (followed && !event.target.closest(`[data-case-id="${CSS.escape(followed.id)}"]`)) setFollowed(null);
        }}
      >
        {shown.map((column) => (
          <section
            key={column.stage}
            aria-labelledby={`board-${column.stage}`}
            data-stage={column.stage}
            className={cn(
              "flex w-60 shrink-0 flex-col rounded-lg border bg-muted/30",
              dropTarget === column.stage && "border-primary bg-info-surface",
            )}
            onDragOver={(event) => {
              if (!dragged || dragged.stage === column.stage) return;
              event.preventDefault();
              setDropTarget(column.stage);
            }}
            onDragLeave={() => setDropTarget((current) => (current === column.stage ? null : current))}
            onDrop={(event) => {
              event.preventDefault();
              setDropTarget(null);
              if (dragged) requestMove(dragged, column.stage);
              setDragged(null);
            }}
          >
            <header className="flex items-center justify-between gap-2 border-b px-3 py-2">
              <h2 id={`board-${column.stage}`} className="text-sm font-semibold">
                {ts(column.stage)}
              </h2>
              <span className="rounded-full bg-card px-2 text-xs text-muted-foreground tabular-nums">{t("count", { count: column.total })}</span>
            </header>
            <ol className="grid grid-cols-1 content-start gap-2 p-2" aria-labelledby={`board-${column.stage}`}>
              {column.items.length === 0 ? <li className="px-1 py-3 text-center text-xs text-muted-foreground">{t("empty")}</li> : null}
              {column.items.map((item) => {
                const previous = previousStageOf(item.stage);
                const next = nextStageOf(item.stage);
                return (
                  <li
                    key={item.id}
                    draggable={item.mayEdit}
                    onDragStart={(event) => {
                      setDragged(item);
                      event.dataTransfer.effectAllowed = "move";
                      event.dataTransfer.setData("text/plain", item.id);
                    }}
                    onDragEnd={() => {
                      setDragged(null);
                      setDropTarget(null);
                    }}
                    data-testid="board-card"
                    data-case-id={item.id}
                    className={cn("rounded-md border bg-card p-2.5 text-sm shadow-xs", item.mayEdit && "cursor-grab active:cursor-grabbing")}
                  >
                    <div className="flex items-start gap-1.5">
                      {item.mayEdit ? <GripVertical aria-hidden className="mt-0.5 size-3.5 shrink-0 text-muted-foreground" /> : null}
                      <div className="min-w-0 flex-1">
                        <div className="font-mono text-[0.7rem] text-muted-foreground">{item.code}</div>
                        <Link href={`/cases/${item.id}`} className="line-clamp-2 font-medium text-primary hover:underline">
                          {item.title}
                        </Link>
                        <div className="mt-0.5 truncate text-xs">{item.company.name}</div>
                        <div className="mt-0.5 flex justify-between gap-2 text-xs text-muted-foreground">
                          <span className="truncate">{item.lead.name}</span>
                          <span className="shrink-0">{item.updatedLabel}</span>
                        </div>
                      </div>
                    </div>
                    {item.mayEdit ? (
                      <div className="mt-2 flex items-center justify-between gap-1 border-t pt-1.5">
                        {item.stage === "closed" ? (
                          <Button
                            variant="ghost"
                            size="sm"
                            className="h-7 px-2"
                            data-move="reopen"
                            aria-disabled={moving.has(item.id) || undefined}
                            onClick={() => requestMove(item, "accompanying", "reopen")}
                          >
                            <RotateCcw aria-hidden />
                            {t("reopen")}
                          </Button>
                        ) : (
                          <>
                            {previous ? (
                              <Button
                                variant="ghost"
                                size="sm"
                                className="h-7 px-1.5"
                                aria-label={t("moveBack", { title: item.title, stage: ts(previous) })}
                                title={ts(previous)}
                                data-move="back"
                                aria-disabled={moving.has(item.id) || undefined}
                                onClick={() => requestMove(item, previous, "back")}
                              >
                                <ChevronLeft aria-hidden />
                              </Button>
                            ) : (
                              <span aria-hidden className="w-8" />
                            )}
                            <Button
                              variant="ghost"
                              size="sm"
                              className="h-7 px-2"
                              aria-label={t("moveAny", { title: item.title })}
                              aria-disabled={moving.has(item.id) || undefined}
                              onClick={() => {
                                if (!moving.has(item.id)) setDialog({ caseRef: { id: item.id, title: item.title, stage: item.stage, version: item.version } });
                              }}
                            >
                              <Shuffle aria-hidden />
                            </Button>
                            {next ? (
                              <Button
                                variant="ghost"
                                size="sm"
                                className="h-7 px-1.5"
                                aria-label={t("moveOn", { title: item.title, stage: ts(next) })}
                                title={ts(next)}
                                data-move="next"
                                aria-disabled={moving.has(item.id) || undefined}
                                onClick={() => requestMove(item, next, "next")}
                              >
                                <ChevronRight aria-hidden />
                              </Button>
                            ) : (
                              <span aria-hidden className="w-8" />
                            )}
                          </>
                        )}
                      </div>
                    ) : null}
                  </li>
                );
              })}
            </ol>
            {column.total > column.items.length && stageListHref[column.stage] ? (
              <Link href={stageListHref[column.stage]!} className="mt-auto border-t px-3 py-2 text-xs text-primary hover:underline">
                {t("all", { count: column.total })}
              </Link>
            ) : null}
          </section>
        ))}
      </div>
      {dialog ? (
        <StageChangeDialog
          key={`${dialog.caseRef.id}-${dialog.caseRef.version}-${dialog.to ?? ""}`}
          open
          onOpenChange={(open) => !open && setDialog(null)}
          caseRef={dialog.caseRef}
          initialTarget={dialog.to}
          action={action}
        />
      ) : null}
    </>
  );
}
