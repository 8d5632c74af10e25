"use client";

import { useState } from "react";
import { useTranslations } from "next-intl";
import { AlertCircle, AlertTriangle, Ban, Loader2 } from "lucide-react";
import { toast } from "sonner";
import { errorsFor, formLevelErrors, typedText } from "@/components/cases/form-state";
import { useActionForm } from "@/components/cases/use-action-form";
import { Alert, AlertDescription } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Dialog, DialogClose, DialogContent, DialogDescription, DialogFooter, DialogHeader, DialogTitle, DialogTrigger } from "@/components/ui/dialog";
import { FormField } from "@/components/ui/form-field";
import { Textarea } from "@/components/ui/textarea";
import { revokeConsentAction } from "./actions";

interface RevokeConsentDialogProps {
  consentId: string;
  companyName: string;
  /** The consent's date as the list shows it (formatted on the server). */
  obtainedOnText: string;
}

/**
 * 「撤回を記録」: the company withdrew a consent. A confirm dialog that says what follows — the receivers of
 * referrals on it lose what it covered, no new referral can rest on it — and asks for the reason, which the
 * audit log keeps. The server decides who may (the organization that recorded it) and records it once.
 */
export function RevokeConsentDialog({ consentId, companyName, obtainedOnText }: RevokeConsentDialogProps) {
  const t = useTranslations("consents.revoke");
  const tc = useTranslations("common");
  const [open, setOpen] = useState(false);
  const { result, formKey, dispatch, pending } = useActionForm(revokeConsentAction, {
    onSuccess: (data) => {
      toast.success(t(data.changed ? "done" : "alreadyRevoked"));
      setOpen(false);
    },
  });
  const otherErrors = formLevelErrors(result, ["reason"]);

  return (
    <Dialog open={open} onOpenChange={setOpen}>
      <DialogTrigger asChild>
        <Button variant="outline" size="sm" data-testid="revoke-consent" aria-label={t("buttonLabel", { date: obtainedOnText })}>
          <Ban aria-hidden />
          {t("button")}
        </Button>
      </DialogTrigger>
      <DialogContent className="sm:max-w-lg">
        <DialogHeader>
          <DialogTitle>{t("title")}</DialogTitle>
          <DialogDescription>{t("description", { company: companyName, date: obtainedOnText })}</DialogDescription>
        </DialogHeader>
        <form key={formKey} action={dispatch} className="grid gap-4" noValidate>
          <input type="hidden" name="consentId" value={consentId} />
          <Alert variant="warning">
            <AlertTriangle aria-hidden />
            <AlertDescription>{t("effect")}</AlertDescription>
          </Alert>
          {result && !result.ok && !errorsFor(result, "reason") ? (
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
          <FormField
            name="reason"
            id={`revoke-${consentId}-reason`}
            label={t("reason")}
            description={t("reasonHint")}
            errors={errorsFor(result, "reason")}
            required
            requiredLabel={tc("required")}
          >
            <Textarea name="reason" maxLength={2000} rows={3} defaultValue={typedText(result, "reason")} required />
          </FormField>
          <DialogFooter>
            <DialogClose asChild>
              <Button type="button" variant="outline">
                {t("cancel")}
              </Button>
            </DialogClose>
            <Button type="submit" variant="destructive" disabled={pending}>
              {pending ? <Loader2 aria-hidden className="animate-spin" /> : null}
              {t("submit")}
            </Button>
          </DialogFooter>
        </form>
      </DialogContent>
    </Dialog>
  );
}
