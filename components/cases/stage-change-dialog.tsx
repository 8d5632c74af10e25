"use client";

import { useState } from "react";
import { useTranslations } from "next-intl";
import { toast } from "sonner";
import { AlertCircle, Loader2, RotateCcw } from "lucide-react";
import type { CaseStage } from "@/db/schema";
import { ALL_STAGES, checkStageChange } from "@/lib/cases/stage";
import { Alert, AlertDescription } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Dialog, DialogContent, DialogDescription, DialogFooter, DialogHeader, DialogTitle } from "@/components/ui/dialog";
import { FormField } from "@/components/ui/form-field";
import { Select } from "@/components/ui/select";
import { Textarea } from "@/components/ui/textarea";
import { errorsFor, refusalOf, typedText } from "./form-state";
import { StageBadge } from "./stage-badge";
import { useActionForm, type ServerFormAction } from "./use-action-form";

export interface StageCaseRef {
  id: string;
  title: string;
  stage: CaseStage;
  version: number;
}

export type ChangeStageAction = ServerFormAction<{ id: string; stage: CaseStage; version: number }>;

interface StageChangeDialogProps {
  open: boolean;
  onOpenChange: (open: boolean) => void;
  caseRef: StageCaseRef;
  /** The stage chosen by a drag or a button, preselected. */
  initialTarget?: CaseStage;
  action: ChangeStageAction;
  onChanged?: (stage: CaseStage) => void;
}

/**
 * 段階の変更, by DOMAIN.md's rules: 中断 asks for a reason, and a closed case moves only through an explicit
 * 「再開」 with a reason — never as a side effect of a drag. The server applies the same rules
 * (lib/cases/stage.ts); a stale version is refused, and the dialog then shows the stage as it is now.
 */
export function StageChangeDialog({ open, onOpenChange, caseRef, initialTarget, action, onChanged }: StageChangeDialogProps) {
  const t = useTranslations("cases.stageChange");
  const ts = useTranslations("stages");
  const reopening = caseRef.stage === "closed";
  const targets = ALL_STAGES.filter((s) => s !== caseRef.stage && !(reopening && s === "paused"));
  const [target, setTarget] = useState<CaseStage>(initialTarget && targets.includes(initialTarget) ? initialTarget : (targets[0] ?? "discovery"));
  const { result, formKey, formRef, dispatch, pending } = useActionForm(action, {
    onSuccess: (data) => {
      onOpenChange(false);
      toast.success(t(reopening ? "reopened" : "changed", { stage: ts(data.stage) }));
      onChanged?.(data.stage);
    },
  });
  const refusal = refusalOf(result);
  const needsReason = !checkStageChange({ from: caseRef.stage, to: target, reopen: reopening, reason: null }).ok;
  const current = refusal?.code === "conflict" ? (refusal.current as { stage?: CaseStage; version?: number } | undefined) : undefined;

  return (
    <Dialog open={open} onOpenChange={onOpenChange}>
      <DialogContent>
        <DialogHeader>
          <DialogTitle>{reopening ? t("reopenTitle") : t("title")}</DialogTitle>
          <DialogDescription className="flex flex-wrap items-center gap-2">
            <span>{caseRef.title}</span>
            <StageBadge stage={caseRef.stage} />
          </DialogDescription>
        </DialogHeader>
        <form key={formKey} ref={formRef} action={dispatch} noValidate className="grid gap-4">
          <input type="hidden" name="caseId" value={caseRef.id} />
          {/* After a conflict the form edits against the version that is stored now. */}
          <input type="hidden" name="version" value={current?.version ?? caseRef.version} />
          {reopening ? <input type="hidden" name="reopen" value="on" /> : null}
          {refusal ? (
            <Alert variant={refusal.code === "conflict" ? "warning" : "destructive"}>
              <AlertCircle aria-hidden />
              <AlertDescription>
                <p>{refusal.message}</p>
                {current?.stage ? <p>{t("nowIn", { stage: ts(current.stage) })}</p> : null}
                {errorsFor(result, "reopen")?.map((m) => <p key={m}>{m}</p>)}
              </AlertDescription>
            </Alert>
          ) : null}
          {reopening ? (
            <Alert variant="info">
              <RotateCcw aria-hidden />
              <AlertDescription>{t("reopenHelp")}</AlertDescription>
            </Alert>
          ) : null}
          <FormField name="toStage" id={`stage-${caseRef.id}-to`} label={reopening ? t("reopenTo") : t("to")} errors={errorsFor(result, "toStage")}>
            <Select name="toStage" value={target} onChange={(event) => setTarget(event.target.value as CaseStage)}>
              {targets.map((stage) => (
                <option key={stage} value={stage}>
                  {ts(stage)}
                </option>
              ))}
            </Select>
          </FormField>
          <FormField
            name="reason"
            id={`stage-${caseRef.id}-reason`}
            label={t("reason")}
            required={needsReason}
            requiredLabel={t("required")}
            description={needsReason ? (reopening ? t("reasonReopenHelp") : t("reasonPauseHelp")) : t("reasonOptional")}
            errors={errorsFor(result, "reason")}
          >
            <Textarea name="reason" defaultValue={typedText(result, "reason")} maxLength={1000} rows={3} />
          </FormField>
          <DialogFooter>
            <Button type="button" variant="ghost" onClick={() => onOpenChange(false)}>
              {t("cancel")}
            </Button>
            <Button type="submit" disabled={pending}>
              {pending ? <Loader2 aria-hidden className="animate-spin" /> : reopening ? <RotateCcw aria-hidden /> : null}
              {reopening ? t("reopenSubmit") : t("submit")}
            </Button>
          </DialogFooter>
        </form>
      </DialogContent>
    </Dialog>
  );
}
