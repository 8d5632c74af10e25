"use client";

import { useState } from "react";
import { useRouter } from "next/navigation";
import { useLocale, useTranslations } from "next-intl";
import { AlertCircle, AlertTriangle, Ban, Check, CheckCircle2, Loader2, Play, RefreshCw, Undo2, UserCog, X } from "lucide-react";
import { toast } from "sonner";
import type { ReferralStatus } from "@/db/schema";
import type { ActionResult } from "@/lib/authz/action";
import { formatShortDate, formatTime } from "@/lib/format/datetime";
import { isLocale } from "@/lib/i18n/config";
import type { ReferralTransition } from "@/lib/referrals/state-machine";
import type { HandlerOption } from "@/lib/referrals/form-options";
import {
  acceptReferralAction,
  assignReferralHandlerAction,
  closeLoggedReferralAction,
  completeReferralAction,
  declineReferralAction,
  revokeReferralAction,
  startReferralAction,
  withdrawReferralAction,
} from "@/app/(app)/referrals/actions";
import { errorsFor, typedText } from "@/components/cases/form-state";
import { useActionForm, type ServerFormAction } from "@/components/cases/use-action-form";
import { Alert, AlertDescription, AlertTitle } from "@/components/ui/alert";
import { Button, type ButtonProps } from "@/components/ui/button";
import { Dialog, DialogContent, DialogDescription, DialogFooter, DialogHeader, DialogTitle, DialogTrigger } from "@/components/ui/dialog";
import { FormField } from "@/components/ui/form-field";
import { Select } from "@/components/ui/select";
import { Textarea } from "@/components/ui/textarea";
import { useInvalidateReferralData, useReferralAction } from "./referral-queries";

type TransitionResult = { id: string; code: string; status: ReferralStatus; version: number; changed: boolean };

/** The text field a move asks for (the same rule as TRANSITIONS[...].requires in lib/referrals/state-machine.ts). */
type NoteField = "declineReason" | "outcomeFeedback" | "withdrawReason";

interface MoveSpec {
  action: ServerFormAction<TransitionResult>;
  variant: ButtonProps["variant"];
  icon: React.ComponentType<{ className?: string; "aria-hidden"?: boolean }>;
  field?: NoteField;
  /** Accepting can name who handles the referral. */
  handler?: boolean;
}

const MOVES: Record<ReferralTransition, MoveSpec> = {
  accept: { action: acceptReferralAction, variant: "default", icon: Check, handler: true },
  decline: { action: declineReferralAction, variant: "outline", icon: X, field: "declineReason" },
  start: { action: startReferralAction, variant: "default", icon: Play },
  complete: { action: completeReferralAction, variant: "default", icon: CheckCircle2, field: "outcomeFeedback" },
  withdraw: { action: withdrawReferralAction, variant: "outline", icon: Undo2, field: "withdrawReason" },
  revoke: { action: revokeReferralAction, variant: "destructive", icon: Ban, field: "withdrawReason" },
  close_logged: { action: closeLoggedReferralAction, variant: "default", icon: CheckCircle2, field: "outcomeFeedback" },
};

interface ReferralActionsProps {
  referral: { id: string; code: string; version: number };
  /** What the actor's side may do now: availableTransitions(status, side, isManager), from the server. */
  transitions: ReferralTransition[];
  /** The receiver may (re)assign the handler while the referral is live. */
  mayAssign: boolean;
  handlers: HandlerOption[];
  currentHandlerId: string | null;
}

/**
 * The buttons of a referral for the side looking at it. Each opens a dialog that asks for what the move needs
 * (a handler, a reason, the outcome feedback) and posts it with the version the page showed. When someone else
 * answered first, the dialog says who and when — 「既に他の担当者が受付済みです（山田 太郎, 11/25 14:05）」 — and
 * offers the current state instead of a second answer.
 */
export function ReferralActions({ referral, transitions, mayAssign, handlers, currentHandlerId }: ReferralActionsProps) {
  if (transitions.length === 0 && !mayAssign) return null;
  return (
    <div className="flex flex-wrap gap-2" data-testid="referral-actions">
      {transitions.map((transition) => (
        <MoveDialog key={transition} transition={transition} spec={MOVES[transition]} referral={referral} handlers={handlers} />
      ))}
      {mayAssign ? <AssignHandlerDialog referral={referral} handlers={handlers} currentHandlerId={currentHandlerId} /> : null}
    </div>
  );
}

function MoveDialog({
  transition,
  spec,
  referral,
  handlers,
}: {
  transition: ReferralTransition;
  spec: MoveSpec;
  referral: ReferralActionsProps["referral"];
  handlers: HandlerOption[];
}) {
  const t = useTranslations("referrals.actions");
  const [open, setOpen] = useState(false);
  const Icon = spec.icon;
  return (
    <Dialog open={open} onOpenChange={setOpen}>
      <DialogTrigger asChild>
        <Button variant={spec.variant} data-transition={transition}>
          <Icon aria-hidden />
          {t(`${transition}.button`)}
        </Button>
      </DialogTrigger>
      <DialogContent className="sm:max-w-lg">
        <MoveForm transition={transition} spec={spec} referral={referral} handlers={handlers} onDone={() => setOpen(false)} />
      </DialogContent>
    </Dialog>
  );
}

function MoveForm({
  transition,
  spec,
  referral,
  handlers,
  onDone,
}: {
  transition: ReferralTransition;
  spec: MoveSpec;
  referral: ReferralActionsProps["referral"];
  handlers: HandlerOption[];
  onDone: () => void;
}) {
  const t = useTranslations("referrals.actions");
  const tc = useTranslations("common");
  // The move usually takes its own button off the page (an accepted referral offers no 受付): the toast and the
  // counts' re-read happen as soon as the server answers, whether or not this form is still mounted.
  const action = useReferralAction(spec.action, (outcome) => {
    if (outcome.ok) toast.success(t(`${transition}.done`, { code: outcome.data.code }));
  });
  const { result, formKey, dispatch, pending } = useActionForm(action, { onSuccess: onDone });
  const refusal = result && !result.ok ? result : null;

  return (
    <form key={formKey} action={dispatch} className="grid gap-4" noValidate>
      <DialogHeader>
        <DialogTitle>{t(`${transition}.title`)}</DialogTitle>
        <DialogDescription>{t(`${transition}.description`, { code: referral.code })}</DialogDescription>
      </DialogHeader>
      <input type="hidden" name="referralId" value={referral.id} />
      <input type="hidden" name="version" value={referral.version} />
      {refusal?.code === "conflict" ? (
        <ConflictAlert result={refusal} onShowLatest={onDone} />
      ) : refusal && !refusal.fieldErrors?.[spec.field ?? ""] && !refusal.fieldErrors?.handlerUserId ? (
        <Alert variant="destructive">
          <AlertCircle aria-hidden />
          <AlertDescription>{refusal.message}</AlertDescription>
        </Alert>
      ) : null}
      {spec.handler ? (
        <FormField name="handlerUserId" id={`${transition}-handler`} label={t("handler")} description={t("handlerHint")} errors={errorsFor(result, "handlerUserId")}>
          <Select name="handlerUserId" defaultValue={typedText(result, "handlerUserId")}>
            <option value="">{t("handlerLater")}</option>
            {handlers.map((h) => (
              <option key={h.id} value={h.id}>
                {h.name}
              </option>
            ))}
          </Select>
        </FormField>
      ) : null}
      {spec.field ? (
        <FormField
          name={spec.field}
          id={`${transition}-${spec.field}`}
          label={t(`${transition}.field`)}
          description={t(`${transition}.fieldHint`)}
          errors={errorsFor(result, spec.field)}
          required
          requiredLabel={tc("required")}
        >
          <Textarea name={spec.field} rows={4} maxLength={spec.field === "outcomeFeedback" ? 4000 : 2000} defaultValue={typedText(result, spec.field)} />
        </FormField>
      ) : null}
      <DialogFooter>
        <Button type="submit" variant={spec.variant === "outline" ? "default" : spec.variant} disabled={pending || refusal?.code === "conflict"}>
          {pending ? <Loader2 aria-hidden className="animate-spin" /> : null}
          {t(`${transition}.submit`)}
        </Button>
      </DialogFooter>
    </form>
  );
}

function AssignHandlerDialog({
  referral,
  handlers,
  currentHandlerId,
}: {
  referral: ReferralActionsProps["referral"];
  handlers: HandlerOption[];
  currentHandlerId: string | null;
}) {
  const t = useTranslations("referrals.actions");
  const [open, setOpen] = useState(false);
  return (
    <Dialog open={open} onOpenChange={setOpen}>
      <DialogTrigger asChild>
        <Button variant="outline">
          <UserCog aria-hidden />
          {t("assign.button")}
        </Button>
      </DialogTrigger>
      <DialogContent className="sm:max-w-md">
        <AssignForm referral={referral} handlers={handlers} currentHandlerId={currentHandlerId} onDone={() => setOpen(false)} />
      </DialogContent>
    </Dialog>
  );
}

function AssignForm({
  referral,
  handlers,
  currentHandlerId,
  onDone,
}: {
  referral: ReferralActionsProps["referral"];
  handlers: HandlerOption[];
  currentHandlerId: string | null;
  onDone: () => void;
}) {
  const t = useTranslations("referrals.actions");
  const tc = useTranslations("common");
  const action = useReferralAction(assignReferralHandlerAction, (outcome) => {
    if (outcome.ok) toast.success(t(outcome.data.changed ? "assign.done" : "assign.unchanged"));
  });
  const { result, formKey, dispatch, pending } = useActionForm(action, { onSuccess: onDone });
  const refusal = result && !result.ok ? result : null;
  return (
    <form key={formKey} action={dispatch} className="grid gap-4" noValidate>
      <DialogHeader>
        <DialogTitle>{t("assign.title")}</DialogTitle>
        <DialogDescription>{t("assign.description", { code: referral.code })}</DialogDescription>
      </DialogHeader>
      <input type="hidden" name="referralId" value={referral.id} />
      <input type="hidden" name="version" value={referral.version} />
      {refusal?.code === "conflict" ? <ConflictAlert result={refusal} onShowLatest={onDone} /> : null}
      {refusal && refusal.code !== "conflict" && !refusal.fieldErrors?.handlerUserId ? (
        <Alert variant="destructive">
          <AlertCircle aria-hidden />
          <AlertDescription>{refusal.message}</AlertDescription>
        </Alert>
      ) : null}
      <FormField name="handlerUserId" id="assign-handler" label={t("handler")} errors={errorsFor(result, "handlerUserId")} required requiredLabel={tc("required")}>
        <Select name="handlerUserId" defaultValue={typedText(result, "handlerUserId", currentHandlerId ?? "")}>
          <option value="" disabled>
            {t("chooseHandler")}
          </option>
          {handlers.map((h) => (
            <option key={h.id} value={h.id}>
              {h.name}
            </option>
          ))}
        </Select>
      </FormField>
      <DialogFooter>
        <Button type="submit" disabled={pending || refusal?.code === "conflict"}>
          {pending ? <Loader2 aria-hidden className="animate-spin" /> : null}
          {t("assign.submit")}
        </Button>
      </DialogFooter>
    </form>
  );
}

/** The state someone else put the referral in, as the action wrapper returns it on a conflict. */
interface CurrentState {
  status?: ReferralStatus;
  by?: { userId: string; name: string } | null;
  at?: string | null;
}

const NAMED_CONFLICTS: readonly ReferralStatus[] = ["accepted", "declined", "in_progress", "completed", "withdrawn", "revoked"];

/**
 * Someone answered first. Says who and when, in the words of the move that won, and offers the current state:
 * the page re-renders with it (and the version it carries), so any next move is made on what is true now.
 */
function ConflictAlert({ result, onShowLatest }: { result: Extract<ActionResult<unknown>, { ok: false }>; onShowLatest: () => void }) {
  const t = useTranslations("referrals.conflict");
  const tStatus = useTranslations("referralStatus");
  const locale = useLocale();
  const router = useRouter();
  const invalidate = useInvalidateReferralData();
  const current = (result.current ?? {}) as CurrentState;
  let message = result.message;
  if (current.status && current.by && current.at) {
    const at = `${formatShortDate(current.at, isLocale(locale) ? locale : "ja")} ${formatTime(current.at)}`;
    const key = NAMED_CONFLICTS.includes(current.status) ? current.status : "other";
    message = t(key, { name: current.by.name, at, status: tStatus(current.status) });
  }
  return (
    <Alert variant="warning" role="alert" data-testid="referral-conflict">
      <AlertTriangle aria-hidden />
      <AlertTitle>{message}</AlertTitle>
      <AlertDescription className="grid gap-2">
        <p>{t("explain")}</p>
        <Button
          type="button"
          variant="outline"
          size="sm"
          className="w-fit"
          onClick={() => {
            void invalidate();
            router.refresh();
            onShowLatest();
          }}
        >
          <RefreshCw aria-hidden />
          {t("showLatest")}
        </Button>
      </AlertDescription>
    </Alert>
  );
}
