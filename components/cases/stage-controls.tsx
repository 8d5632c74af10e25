"use client";

import { useState, useTransition } from "react";
import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { toast } from "sonner";
import { ArrowRight, Loader2, RotateCcw, Shuffle } from "lucide-react";
import type { CaseStage } from "@/db/schema";
import { checkStageChange, MAIN_STAGES } from "@/lib/cases/stage";
import { Button } from "@/components/ui/button";
import { StageChangeDialog, type ChangeStageAction, type StageCaseRef } from "./stage-change-dialog";

/** The next stage of the main line, if there is one to move on to (none from 完了 or 中断). */
export function nextStageOf(stage: CaseStage): CaseStage | null {
  const index = (MAIN_STAGES as readonly CaseStage[]).indexOf(stage);
  if (index < 0 || index >= MAIN_STAGES.length - 1) return null;
  return MAIN_STAGES[index + 1]!;
}

export function previousStageOf(stage: CaseStage): CaseStage | null {
  const index = (MAIN_STAGES as readonly CaseStage[]).indexOf(stage);
  if (index <= 0 || stage === "closed") return null;
  return MAIN_STAGES[index - 1]!;
}

/** Whether a move can go straight to the server, or needs the dialog (a reason for 中断, an explicit 「再開」). */
export function moveNeedsDialog(from: CaseStage, to: CaseStage): boolean {
  return from === "closed" || !checkStageChange({ from, to, reason: null }).ok;
}

/**
 * A stage move without a dialog (a button on a card, a drop on a column): posts the change and reports the
 * outcome in a toast. Returns whether it was applied, so that an optimistic move can be taken back.
 * A move made from a stale screen (someone changed the case meanwhile) is refused by its version: the toast
 * names the stage the case is in now, and the screen is refreshed to show it — the user decides again.
 */
export function useStageMove(action: ChangeStageAction) {
  const t = useTranslations("cases.stageChange");
  const ts = useTranslations("stages");
  const router = useRouter();
  return async (caseRef: StageCaseRef, to: CaseStage): Promise<boolean> => {
    const formData = new FormData();
    formData.set("caseId", caseRef.id);
    formData.set("version", String(caseRef.version));
    formData.set("toStage", to);
    try {
      const result = await action(null, formData);
      if (result.ok) {
        toast.success(t("changed", { stage: ts(result.data.stage) }));
        return true;
      }
      const stageNow = result.code === "conflict" ? (result.current as { stage?: CaseStage } | undefined)?.stage : undefined;
      if (result.code === "conflict") {
        toast.error(stageNow ? t("movedMeanwhile", { title: caseRef.title, stage: ts(stageNow) }) : result.message, { description: t("refreshed") });
        router.refresh();
        return false;
      }
      toast.error(result.message, { description: Object.values(result.fieldErrors ?? {}).flat().join(" ") || undefined });
    } catch {
      toast.error(t("failed"));
    }
    return false;
  };
}

/** The case page's stage controls: move on to the next stage in one click, or choose any stage in the dialog. */
export function StageControls({ caseRef, action }: { caseRef: StageCaseRef; action: ChangeStageAction }) {
  const t = useTranslations("cases.stageChange");
  const ts = useTranslations("stages");
  const [open, setOpen] = useState(false);
  const [moving, startMoving] = useTransition();
  const move = useStageMove(action);
  const next = nextStageOf(caseRef.stage);

  if (caseRef.stage === "closed") {
    return (
      <>
        <Button variant="outline" onClick={() => setOpen(true)}>
          <RotateCcw aria-hidden />
          {t("reopenButton")}
        </Button>
        <StageChangeDialog key={`${caseRef.version}-reopen`} open={open} onOpenChange={setOpen} caseRef={caseRef} action={action} />
      </>
    );
  }
  return (
    <>
      {next ? (
        <Button variant="outline" disabled={moving} onClick={() => startMoving(async () => void (await move(caseRef, next)))}>
          {moving ? <Loader2 aria-hidden className="animate-spin" /> : <ArrowRight aria-hidden />}
          {t("next", { stage: ts(next) })}
        </Button>
      ) : null}
      <Button variant="outline" onClick={() => setOpen(true)}>
        <Shuffle aria-hidden />
        {t("button")}
      </Button>
      <StageChangeDialog key={caseRef.version} open={open} onOpenChange={setOpen} caseRef={caseRef} action={action} />
    </>
  );
}
