"use client";

import { useState } from "react";
import { useTranslations } from "next-intl";
import { AlertCircle, Loader2 } from "lucide-react";
import { toast } from "sonner";
import { formLevelErrors, type FormState } from "@/components/cases/form-state";
import { useActionForm, type ServerFormAction } from "@/components/cases/use-action-form";
import { useIdempotencyKey } from "@/components/activities/use-idempotency-key";
import { Alert, AlertDescription } from "@/components/ui/alert";
import { Button, type ButtonProps } from "@/components/ui/button";
import { Dialog, DialogClose, DialogContent, DialogDescription, DialogFooter, DialogHeader, DialogTitle, DialogTrigger } from "@/components/ui/dialog";

export interface ActionDialogProps<T> {
  action: ServerFormAction<T>;
  trigger: { label: string; icon?: React.ReactNode; variant?: ButtonProps["variant"]; size?: ButtonProps["size"]; ariaLabel?: string; testId?: string };
  title: string;
  description?: React.ReactNode;
  submitLabel: string;
  submitVariant?: ButtonProps["variant"];
  /** Hidden inputs: the record's id and the version the page showed. */
  hidden?: Record<string, string | number>;
  /**
   * A create form's one-time key, rendered by the server component (newIdempotencyKey()): every submit of the
   * form carries it, so a double submit creates one record; it is renewed after a success.
   */
  idempotencyKey?: string;
  /** The visible fields, given the last result (to show errors and what was typed). */
  fields?: (result: FormState<T>) => React.ReactNode;
  /** The names of the fields rendered above: other field errors are shown at the top. */
  fieldNames?: readonly string[];
  /** A toast on success; the dialog then closes. */
  successMessage?: (data: T) => string;
  /** Instead of closing, show this on success (the one-time password); the dialog stays until closed. */
  renderSuccess?: (data: T) => React.ReactNode;
}

/**
 * The administration screens' one dialog: a button that opens a form posting to a server action, the
 * action's refusal shown inside (what was typed is kept), and on success a toast and close — or, for a
 * one-time password, the result shown once. Keyboard: the trigger is a button, focus moves into the dialog
 * and back, Escape and the cancel button close it without a change.
 */
export function ActionDialog<T>({
  action,
  trigger,
  title,
  description,
  submitLabel,
  submitVariant = "default",
  hidden = {},
  idempotencyKey: renderedKey,
  fields,
  fieldNames = [],
  successMessage,
  renderSuccess,
}: ActionDialogProps<T>) {
  const t = useTranslations("admin");
  const [open, setOpen] = useState(false);
  const [done, setDone] = useState<{ data: T } | null>(null);
  const [idempotencyKey, renewKey] = useIdempotencyKey(renderedKey);
  const { result, formKey, dispatch, pending } = useActionForm(action, {
    onSuccess: (data) => {
      // The next record created with this dialog is another record.
      if (renderedKey !== undefined) renewKey();
      if (successMessage) toast.success(successMessage(data));
      if (renderSuccess) setDone({ data });
      else setOpen(false);
    },
  });
  const otherErrors = formLevelErrors(result, [...fieldNames, ...Object.keys(hidden)]);

  return (
    <Dialog
      open={open}
      onOpenChange={(next) => {
        setOpen(next);
        // What was shown once is gone when the dialog closes.
        if (!next) setDone(null);
      }}
    >
      <DialogTrigger asChild>
        <Button variant={trigger.variant ?? "outline"} size={trigger.size ?? "sm"} aria-label={trigger.ariaLabel} data-testid={trigger.testId}>
          {trigger.icon}
          {trigger.label}
        </Button>
      </DialogTrigger>
      <DialogContent className="max-h-[90dvh] overflow-y-auto sm:max-w-lg">
        <DialogHeader>
          <DialogTitle>{title}</DialogTitle>
          {description ? <DialogDescription>{description}</DialogDescription> : null}
        </DialogHeader>
        {done && renderSuccess ? (
          <div className="grid gap-4">
            {renderSuccess(done.data)}
            <DialogFooter>
              <DialogClose asChild>
                <Button type="button">{t("close")}</Button>
              </DialogClose>
            </DialogFooter>
          </div>
        ) : (
          <form key={formKey} action={dispatch} className="grid gap-4" noValidate>
            {Object.entries(hidden).map(([name, value]) => (
              <input key={name} type="hidden" name={name} value={value} />
            ))}
            {renderedKey !== undefined ? <input type="hidden" name="idempotencyKey" value={idempotencyKey} /> : null}
            {result && !result.ok ? (
              <Alert variant="destructive">
                <AlertCircle aria-hidden />
                <AlertDescription>
                  <p>{result.message}</p>
                  {otherErrors.map((message) => (
                    <p key={message}>{message}</p>
                  ))}
                </AlertDescription>
              </Alert>
            ) : null}
            {fields?.(result)}
            <DialogFooter>
              <DialogClose asChild>
                <Button type="button" variant="outline">
                  {t("cancel")}
                </Button>
              </DialogClose>
              <Button type="submit" variant={submitVariant} disabled={pending}>
                {pending ? <Loader2 aria-hidden className="animate-spin" /> : null}
                {submitLabel}
              </Button>
            </DialogFooter>
          </form>
        )}
      </DialogContent>
    </Dialog>
  );
}
