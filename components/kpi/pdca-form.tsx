"use client";

import { useActionState, useEffect } from "react";
import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { AlertCircle, Loader2 } from "lucide-react";
import type { ActionResult } from "@/lib/authz/action";
import { Alert, AlertDescription } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { FormField } from "@/components/ui/form-field";
import { Textarea } from "@/components/ui/textarea";

export type SavePdcaState = ActionResult<{ id: string; revision: number }> | null;
export type SavePdcaAction = (previous: SavePdcaState, formData: FormData) => Promise<SavePdcaState>;

const FIELDS = ["plan", "do", "check", "act"] as const;

interface PdcaFormProps {
  action: SavePdcaAction;
  fiscalYear: number;
  scopeKind: string;
  scopeRef: string;
  quarter: number;
  /** The newest revision shown above the form (0 when none), and its text to start from. */
  baseRevision: number;
  current: Record<(typeof FIELDS)[number], string>;
}

/**
 * Saves a quarter's PDCA note as a new revision. Starts from the current text; after a refusal the typed text
 * stays, with the errors next to the fields, and the page is refreshed so that a newer revision someone else
 * saved appears in the history above.
 */
export function PdcaForm({ action, fiscalYear, scopeKind, scopeRef, quarter, baseRevision, current }: PdcaFormProps) {
  const t = useTranslations("kpi.pdca");
  const router = useRouter();
  const [state, formAction, pending] = useActionState<SavePdcaState, FormData>(action, null);

  useEffect(() => {
    if (state?.ok || (state && state.code === "conflict")) router.refresh();
  }, [state, router]);

  const failed = state && !state.ok ? state : null;
  const valueOf = (field: (typeof FIELDS)[number]) => {
    const echoed = failed?.values?.[field];
    return typeof echoed === "string" ? echoed : current[field];
  };
  const formError = failed && !failed.fieldErrors ? (failed.code === "conflict" ? t("conflict") : failed.message) : null;

  return (
    <form action={formAction} className="grid gap-3" data-testid={`pdca-form-q${quarter}`}>
      <input type="hidden" name="fiscalYear" value={fiscalYear} />
      <input type="hidden" name="scopeKind" value={scopeKind} />
      <input type="hidden" name="scopeRef" value={scopeRef} />
      <input type="hidden" name="quarter" value={quarter} />
      <input type="hidden" name="baseRevision" value={baseRevision} />
      {formError ? (
        <Alert variant="destructive">
          <AlertCircle aria-hidden />
          <AlertDescription>{formError}</AlertDescription>
        </Alert>
      ) : null}
      <div className="grid gap-3 md:grid-cols-2">
        {FIELDS.map((field) => (
          <FormField key={field} name={field} id={`pdca-q${quarter}-${field}`} label={t(field)} errors={failed?.fieldErrors?.[field]}>
            <Textarea key={`${baseRevision}-${valueOf(field)}`} name={field} rows={3} maxLength={4000} defaultValue={valueOf(field)} />
          </FormField>
        ))}
      </div>
      <div className="flex items-center gap-3">
        <Button type="submit" disabled={pending}>
          {pending ? <Loader2 aria-hidden className="animate-spin" /> : null}
          {t("save")}
        </Button>
        <span aria-live="polite" className="text-sm text-success">
          {state?.ok ? t("revision", { revision: state.data.revision }) : null}
        </span>
      </div>
    </form>
  );
}
