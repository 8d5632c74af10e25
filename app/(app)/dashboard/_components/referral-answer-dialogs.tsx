"use client";

import { useRef, useState } from "react";
import { useTranslations } from "next-intl";
import { AlertCircle, Check, Loader2, UserCog, X } from "lucide-react";
import { toast } from "sonner";
import { errorsFor, formLevelErrors, typedText } from "@/components/cases/form-state";
import { useActionForm, type ServerFormAction } from "@/components/cases/use-action-form";
import { useReferralAction } from "@/components/referrals/referral-queries";
import { Alert, AlertDescription } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Dialog, DialogClose, DialogContent, DialogDescription, DialogFooter, DialogHeader, DialogTitle, DialogTrigger } from "@/components/ui/dialog";
import { FormField } from "@/components/ui/form-field";
import { Select } from "@/components/ui/select";
import { Textarea } from "@/components/ui/textarea";
import { acceptReferralFromHome, assignReferralHandlerFromHome, declineReferralFromHome } from "../actions";

export interface AnswerableReferral {
  id: string;
  code: string;
  version: number;
  companyName: string;
  handlerUserId: string | null;
}

export interface HandlerOption {
  userId: string;
  name: string;
}

type Mode = "accept" | "decline" | "assign";

const ACTIONS: Record<Mode, ServerFormAction<unknown>> = {
  accept: acceptReferralFromHome,
  decline: declineReferralFromHome,
  assign: assignReferralHandlerFromHome,
};

/**
 * One answer to a referral in a dialog: 受付 (with the attorney who will handle it, optional), 辞退 (with the
 * reason the sender will read), or 担当者の変更. The server applies the same side and state rules as the
 * referral page; a refusal (someone answered first, the sender withdrew) is shown in the dialog, what was
 * typed is kept, and the dialog closes on success. Escape or the close button leaves it without a change.
 * A success also re-reads the live counts (the menu's inbox badge, the bell): the server re-renders the home,
 * but those numbers are TanStack Query's and would otherwise wait for the next poll. The accepted row leaves
 * the list in that re-render, taking this dialog with it, so the toast and the re-read happen as soon as the
 * server answers (useReferralAction), not in the form's success effect. The button that opened the dialog goes
 * with the row, so the focus goes to the button of the row that took its place (or the one before it).
 */
function AnswerDialog({ mode, referral, handlers }: { mode: Mode; referral: AnswerableReferral; handlers: readonly HandlerOption[] }) {
  const t = useTranslations("dashboard.jpaa");
  const tc = useTranslations("common");
  const [open, setOpen] = useState(false);
  const triggerRef = useRef<HTMLButtonElement>(null);
  const place = useRef<RowPlace | null>(null);
  const action = useReferralAction(ACTIONS[mode], (outcome) => {
    if (outcome.ok) toast.success(t(`${mode}Done`, { code: referral.code }));
  });
  const { result, formKey, dispatch, pending } = useActionForm(action, { onSuccess: () => setOpen(false) });
  const fieldId = (name: string) => `${mode}-${referral.id}-${name}`;
  const otherErrors = formLevelErrors(result, ["referralId", "version", "handlerUserId", "declineReason"]);
  const Icon = mode === "accept" ? Check : mode === "decline" ? X : UserCog;

  return (
    <Dialog
      open={open}
      onOpenChange={(next) => {
        if (next) place.current = rowPlaceOf(triggerRef.current);
        setOpen(next);
      }}
    >
      <DialogTrigger asChild>
        <Button
          ref={triggerRef}
          size="sm"
          variant={mode === "accept" ? "default" : "outline"}
          data-testid={`${mode}-${referral.code}`}
          aria-label={t(`${mode}Label`, { code: referral.code, company: referral.companyName })}
        >
          <Icon aria-hidden />
          {t(mode)}
        </Button>
      </DialogTrigger>
      <DialogContent
        className="sm:max-w-md"
        onCloseAutoFocus={(event) => {
          // Still there (a cancel, an assignment): Radix returns the focus to it. Gone with its row: see above.
          if (triggerRef.current?.isConnected) return;
          event.preventDefault();
          focusRowAt(place.current);
        }}
      >
        <DialogHeader>
          <DialogTitle>{t(`${mode}Title`, { code: referral.code })}</DialogTitle>
          <DialogDescription>{t(`${mode}Description`, { company: referral.companyName })}</DialogDescription>
        </DialogHeader>
        <form key={formKey} action={dispatch} className="grid gap-4" noValidate>
          <input type="hidden" name="referralId" value={referral.id} />
          <input type="hidden" name="version" value={referral.version} />
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
          {mode === "decline" ? (
            <FormField
              name="declineReason"
              id={fieldId("declineReason")}
              label={t("declineReason")}
              description={t("declineReasonHint")}
              errors={errorsFor(result, "declineReason")}
              required
              requiredLabel={tc("required")}
            >
              <Textarea name="declineReason" maxLength={2000} rows={3} defaultValue={typedText(result, "declineReason")} required />
            </FormField>
          ) : (
            <FormField
              name="handlerUserId"
              id={fieldId("handlerUserId")}
              label={t("handler")}
              description={mode === "accept" ? t("handlerLaterHint") : undefined}
              errors={errorsFor(result, "handlerUserId")}
              required={mode === "assign"}
              requiredLabel={tc("required")}
            >
              <Select name="handlerUserId" defaultValue={typedText(result, "handlerUserId", referral.handlerUserId ?? "")}>
                <option value="">{mode === "accept" ? t("handlerLater") : t("handlerChoose")}</option>
                {handlers.map((h) => (
                  <option key={h.userId} value={h.userId}>
                    {h.name}
                  </option>
                ))}
              </Select>
            </FormField>
          )}
          <DialogFooter>
            <DialogClose asChild>
              <Button type="button" variant="outline">
                {t("cancel")}
              </Button>
            </DialogClose>
            <Button type="submit" variant={mode === "decline" ? "destructive" : "default"} disabled={pending}>
              {pending ? <Loader2 aria-hidden className="animate-spin" /> : null}
              {t(`${mode}Submit`)}
            </Button>
          </DialogFooter>
        </form>
      </DialogContent>
    </Dialog>
  );
}

/** 受付 and 辞退 for an unanswered referral. */
export function AnswerReferralButtons({ referral, handlers }: { referral: AnswerableReferral; handlers: readonly HandlerOption[] }) {
  return (
    <div className="flex flex-wrap gap-2">
      <AnswerDialog mode="accept" referral={referral} handlers={handlers} />
      <AnswerDialog mode="decline" referral={referral} handlers={handlers} />
    </div>
  );
}

/** 担当者の変更 for an accepted or in-progress referral. */
export function AssignHandlerButton({ referral, handlers }: { referral: AnswerableReferral; handlers: readonly HandlerOption[] }) {
  return <AnswerDialog mode="assign" referral={referral} handlers={handlers} />;
}

/** A table row's place: its list (tbody) and its index there, remembered while the row is still in it. */
interface RowPlace {
  list: Element;
  index: number;
}

function rowPlaceOf(element: HTMLElement | null): RowPlace | null {
  const row = element?.closest("tr");
  const list = row?.parentElement;
  return row && list ? { list, index: Array.prototype.indexOf.call(list.children, row) } : null;
}

/**
 * Focuses the first button of the row now at `place` (the last row, when it was the last); when the list is
 * gone (it was the only row), the main content, where the skip link leads.
 */
function focusRowAt(place: RowPlace | null) {
  const rows = place?.list.isConnected ? place.list.children : null;
  const button = rows?.[Math.min(place!.index, rows.length - 1)]?.querySelector<HTMLElement>("button");
  (button ?? document.getElementById("main"))?.focus();
}
