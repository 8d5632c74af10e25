"use client";

import { useTranslations } from "next-intl";
import { toast } from "sonner";
import { AlertCircle, Eye, Loader2, LockKeyhole } from "lucide-react";
import { Alert, AlertDescription } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardHeader, CardTitle } from "@/components/ui/card";
import { FormField } from "@/components/ui/form-field";
import { Textarea } from "@/components/ui/textarea";
import { useIdempotencyKey } from "@/components/activities/use-idempotency-key";
import { errorsFor, refusalOf, typedText } from "./form-state";
import { useActionForm, type ServerFormAction } from "./use-action-form";

export interface ConfidentialNoteView {
  id: string;
  body: string;
  authorName: string;
  /** Formatted on the server (lib/format, JST). */
  createdLabel: string;
}

interface ConfidentialSectionProps {
  caseId: string;
  notes: ConfidentialNoteView[];
  /** Members write notes; a referral receiver whose consent covers them only reads. */
  canWrite: boolean;
  /** The note form's one-time key, rendered by the server (newIdempotencyKey()): a double submit adds one note. */
  idempotencyKey: string;
  action: ServerFormAction<{ id: string }>;
}

/**
 * 秘匿メモ: a company's unfiled invention, whose disclosure before filing can destroy novelty. The page renders
 * this only for those who may read the notes (the case's members, or a live referral whose consent covers
 * them) — and rendering it was recorded in the audit log, which the section says.
 */
export function ConfidentialSection({ caseId, notes, canWrite, idempotencyKey: renderedKey, action }: ConfidentialSectionProps) {
  const t = useTranslations("cases.confidential");
  const [idempotencyKey, renewKey] = useIdempotencyKey(renderedKey);
  const { result, formKey, formRef, dispatch, pending } = useActionForm(action, {
    onSuccess: () => {
      toast.success(t("added"));
      // The next note is another record.
      renewKey();
    },
  });
  const refusal = refusalOf(result);
  return (
    <Card className="border-warning/60" data-testid="confidential-notes">
      <CardHeader>
        <CardTitle className="flex items-center gap-2">
          <LockKeyhole aria-hidden className="size-4 text-warning" />
          {t("title")}
        </CardTitle>
      </CardHeader>
      <CardContent className="grid gap-3">
        <Alert variant="warning">
          <Eye aria-hidden />
          <AlertDescription>{t("notice")}</AlertDescription>
        </Alert>
        {notes.length === 0 ? (
          <p className="text-sm text-muted-foreground">{t("empty")}</p>
        ) : (
          <ul className="grid gap-2">
            {notes.map((note) => (
              <li key={note.id} className="rounded-md border bg-warning-surface/40 p-3">
                <p className="text-sm whitespace-pre-wrap">{note.body}</p>
                <p className="mt-1 text-xs text-muted-foreground">
                  {note.authorName} · {note.createdLabel}
                </p>
              </li>
            ))}
          </ul>
        )}
        {canWrite ? (
          <form key={formKey} ref={formRef} action={dispatch} noValidate className="grid gap-2">
            <input type="hidden" name="caseId" value={caseId} />
            <input type="hidden" name="idempotencyKey" value={idempotencyKey} />
            {refusal && !errorsFor(result, "body") ? (
              <Alert variant="destructive">
                <AlertCircle aria-hidden />
                <AlertDescription>{refusal.message}</AlertDescription>
              </Alert>
            ) : null}
            <FormField name="body" id={`confidential-${caseId}-body`} label={t("add")} errors={errorsFor(result, "body")}>
              <Textarea name="body" defaultValue={typedText(result, "body")} rows={3} maxLength={20000} placeholder={t("placeholder")} />
            </FormField>
            <div>
              <Button type="submit" variant="outline" size="sm" disabled={pending}>
                {pending ? <Loader2 aria-hidden className="animate-spin" /> : <LockKeyhole aria-hidden />}
                {t("submit")}
              </Button>
            </div>
          </form>
        ) : null}
      </CardContent>
    </Card>
  );
}
