"use client";

import { useActionState, useEffect } from "react";
import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { Loader2 } from "lucide-react";
import type { ActionResult } from "@/lib/authz/action";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { cn } from "@/lib/utils";

export type SetTargetState = ActionResult<{ id: string; targetValue: number; version: number }> | null;
export type SetTargetAction = (previous: SetTargetState, formData: FormData) => Promise<SetTargetState>;

interface TargetFormProps {
  action: SetTargetAction;
  fiscalYear: number;
  scopeKind: string;
  scopeRef: string;
  metric: string;
  metricLabel: string;
  unit: string;
  /** The saved target as text ("" when none), and its version (0 when none). */
  value: string;
  version: number;
}

/**
 * One metric's target, edited in place in the KPI table. The server re-checks everything (runAction); on
 * success, and on a conflict, the page data is refreshed so that actuals, progress and the version are current,
 * while a refused value stays in the field with the error next to it.
 */
export function TargetForm({ action, fiscalYear, scopeKind, scopeRef, metric, metricLabel, unit, value, version }: TargetFormProps) {
  const t = useTranslations("kpi");
  const router = useRouter();
  const [state, formAction, pending] = useActionState<SetTargetState, FormData>(action, null);

  useEffect(() => {
    if (state?.ok || (state && state.code === "conflict")) router.refresh();
  }, [state, router]);

  const id = `target-${metric}`;
  const errorId = `${id}-error`;
  const fieldErrors = state && !state.ok ? [...(state.fieldErrors?.targetValue ?? []), ...(state.fieldErrors?.fiscalYear ?? [])] : [];
  const formError = state && !state.ok && fieldErrors.length === 0 ? state.message : null;
  const conflictValue = state && !state.ok && state.code === "conflict" ? state.current?.targetValue : undefined;
  const typed = state && !state.ok && typeof state.values?.targetValue === "string" ? state.values.targetValue : value;
  const errors = [...fieldErrors, ...(formError ? [formError] : [])];

  return (
    <form action={formAction} className="grid gap-1" data-testid={`target-form-${metric}`}>
      <input type="hidden" name="fiscalYear" value={fiscalYear} />
      <input type="hidden" name="scopeKind" value={scopeKind} />
      <input type="hidden" name="scopeRef" value={scopeRef} />
      <input type="hidden" name="metric" value={metric} />
      <input type="hidden" name="version" value={version} />
      <div className="flex items-center gap-1.5">
        <label htmlFor={id} className="sr-only">
          {t("targetFor", { metric: metricLabel })}
        </label>
        <Input
          key={`${version}-${typed}`}
          id={id}
          name="targetValue"
          inputMode="decimal"
          autoComplete="off"
          defaultValue={typed}
          className={cn("h-8 w-24 text-right tabular-nums")}
          aria-invalid={errors.length > 0 || undefined}
          aria-describedby={errors.length > 0 ? errorId : undefined}
        />
        <span className="text-xs text-muted-foreground">{unit}</span>
        <Button type="submit" size="sm" variant="outline" disabled={pending}>
          {pending ? <Loader2 aria-hidden className="animate-spin" /> : null}
          {pending ? t("saving") : t("saveTarget")}
        </Button>
      </div>
      <div aria-live="polite" className="text-xs">
        {errors.length > 0 ? (
          <div id={errorId} className="font-medium text-destructive">
            {errors.map((message) => (
              <p key={message}>{message}</p>
            ))}
            {conflictValue !== undefined && conflictValue !== null ? <p>{t("conflictCurrent", { value: String(conflictValue) })}</p> : null}
          </div>
        ) : state?.ok ? (
          <p className="text-success">{t("saved")}</p>
        ) : null}
      </div>
    </form>
  );
}
