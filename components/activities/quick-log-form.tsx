"use client";

import { useState } from "react";
import { useTranslations } from "next-intl";
import { toast } from "sonner";
import { AlertCircle, Loader2, NotebookPen } from "lucide-react";
import { errorsFor, formLevelErrors, refusalOf, typedList, typedText } from "@/components/cases/form-state";
import { useActionForm, type ServerFormAction } from "@/components/cases/use-action-form";
import { Alert, AlertDescription } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { FormField } from "@/components/ui/form-field";
import { Input } from "@/components/ui/input";
import { Select } from "@/components/ui/select";
import { Textarea } from "@/components/ui/textarea";
import { jstNowLocal } from "./jst-now";
import { useIdempotencyKey } from "./use-idempotency-key";

/** What coordinators log most, first: the select opens on the usual choice. */
export const ACTIVITY_KINDS_BY_USE = [
  "visit",
  "meeting",
  "online_meeting",
  "call",
  "email",
  "consultation",
  "expert_dispatch",
  "seminar",
  "other",
] as const;

const RENDERED_FIELDS = [
  "kind",
  "occurredAt",
  "durationMinutes",
  "participantIds",
  "externalParticipants",
  "summary",
  "nextAction.title",
  "nextAction.assigneeUserId",
  "nextAction.dueOn",
];

interface QuickLogFormProps {
  caseId: string;
  /** The case's members: who took part, and who can take the next action. */
  members: { id: string; name: string }[];
  me: { id: string; name: string };
  /** "Now" in Japan when the page was rendered, so that the server's HTML and the browser agree. */
  renderedAt: string;
  /** The first record's one-time key, rendered by the server (in the HTML before hydration); later ones are made here. */
  idempotencyKey: string;
  action: ServerFormAction<{ id: string; nextActionId: string | null; replayed: boolean }>;
}

/**
 * 支援記録 in under 30 seconds: the kind opens on 訪問, the time on now (JST), the signed-in user is ticked as a
 * participant, and the next action — optional — goes to the same user unless another member is chosen. The
 * form carries a one-time key, so a double submit records one activity; a refusal keeps everything typed.
 */
export function QuickLogForm({ caseId, members, me, renderedAt, idempotencyKey: renderedKey, action }: QuickLogFormProps) {
  const t = useTranslations("activities.quickLog");
  const tk = useTranslations("activityKinds");
  const [idempotencyKey, renewKey] = useIdempotencyKey(renderedKey);
  const [defaultWhen, setDefaultWhen] = useState(renderedAt);
  const { result, formKey, formRef, dispatch, pending } = useActionForm(action, {
    onSuccess: (data) => {
      toast.success(data.nextActionId ? t("loggedWithNext") : t("logged"));
      // The next activity is another record: a new key, and "now" is now again.
      renewKey();
      setDefaultWhen(jstNowLocal());
    },
  });
  const refusal = refusalOf(result);
  const participants = typedList(result, "participantIds", [me.id]);
  const people = members.some((m) => m.id === me.id) ? members : [me, ...members];
  const otherErrors = formLevelErrors(result, RENDERED_FIELDS);

  return (
    <form key={formKey} ref={formRef} action={dispatch} noValidate className="grid gap-3" aria-label={t("label")} data-testid="quick-log-form">
      <input type="hidden" name="caseId" value={caseId} />
      <input type="hidden" name="idempotencyKey" value={idempotencyKey} />
      {refusal ? (
        <Alert variant="destructive">
          <AlertCircle aria-hidden />
          <AlertDescription>
            <p>{refusal.message}</p>
            {otherErrors.map((message) => (
              <p key={message}>{message}</p>
            ))}
          </AlertDescription>
        </Alert>
      ) : null}
      <div className="grid items-start gap-3 sm:grid-cols-[10rem_13rem_7rem_minmax(0,1fr)]">
        <FormField name="kind" id="log-kind" label={t("kind")} errors={errorsFor(result, "kind")}>
          <Select name="kind" defaultValue={typedText(result, "kind", "visit")}>
            {ACTIVITY_KINDS_BY_USE.map((kind) => (
              <option key={kind} value={kind}>
                {tk(kind)}
              </option>
            ))}
          </Select>
        </FormField>
        <FormField name="occurredAt" id="log-occurredAt" label={t("occurredAt")} errors={errorsFor(result, "occurredAt")}>
          <Input name="occurredAt" type="datetime-local" defaultValue={typedText(result, "occurredAt", defaultWhen)} />
        </FormField>
        <FormField name="durationMinutes" id="log-duration" label={t("duration")} errors={errorsFor(result, "durationMinutes")}>
          <Input name="durationMinutes" inputMode="numeric" defaultValue={typedText(result, "durationMinutes")} placeholder="60" maxLength={5} />
        </FormField>
        <fieldset className="grid min-w-0 gap-1.5" aria-describedby={errorsFor(result, "participantIds") ? "log-participants-error" : undefined}>
          <legend className="mb-1.5 text-sm leading-none font-medium">{t("participants")}</legend>
          <div className="flex min-h-9 flex-wrap items-center gap-x-3 gap-y-1">
            {people.map((person) => (
              <label key={person.id} className="flex items-center gap-1.5 text-sm">
                <input type="checkbox" name="participantIds[]" value={person.id} defaultChecked={participants.includes(person.id)} className="size-4 accent-primary" />
                {person.name}
              </label>
            ))}
          </div>
          {errorsFor(result, "participantIds") ? (
            <p id="log-participants-error" className="text-xs font-medium text-destructive">
              {errorsFor(result, "participantIds")!.join(" ")}
            </p>
          ) : null}
        </fieldset>
      </div>
      <FormField name="summary" id="log-summary" label={t("summary")} required requiredLabel={t("required")} errors={errorsFor(result, "summary")}>
        <Textarea name="summary" defaultValue={typedText(result, "summary")} rows={3} maxLength={4000} placeholder={t("summaryPlaceholder")} />
      </FormField>
      <FormField name="externalParticipants" id="log-external" label={t("external")} errors={errorsFor(result, "externalParticipants")}>
        <Input name="externalParticipants" defaultValue={typedText(result, "externalParticipants")} maxLength={500} placeholder={t("externalPlaceholder")} />
      </FormField>
      <fieldset className="grid items-start gap-3 rounded-md border border-dashed p-3 sm:grid-cols-[minmax(0,1fr)_12rem_10rem]">
        <legend className="px-1 text-sm font-medium">{t("nextAction")}</legend>
        <FormField name="nextAction.title" id="log-next-title" label={t("nextTitle")} errors={errorsFor(result, "nextAction.title")}>
          <Input name="nextAction.title" defaultValue={typedText(result, "nextAction.title")} maxLength={200} placeholder={t("nextTitlePlaceholder")} />
        </FormField>
        <FormField name="nextAction.assigneeUserId" id="log-next-assignee" label={t("nextAssignee")} errors={errorsFor(result, "nextAction.assigneeUserId")}>
          <Select name="nextAction.assigneeUserId" defaultValue={typedText(result, "nextAction.assigneeUserId", me.id)}>
            {people.map((person) => (
              <option key={person.id} value={person.id}>
                {person.id === me.id ? t("me", { name: person.name }) : person.name}
              </option>
            ))}
          </Select>
        </FormField>
        <FormField name="nextAction.dueOn" id="log-next-due" label={t("nextDue")} errors={errorsFor(result, "nextAction.dueOn")}>
          <Input name="nextAction.dueOn" type="date" defaultValue={typedText(result, "nextAction.dueOn")} />
        </FormField>
        <p className="text-xs text-muted-foreground sm:col-span-3">{t("nextHelp")}</p>
      </fieldset>
      <div>
        <Button type="submit" disabled={pending}>
          {pending ? <Loader2 aria-hidden className="animate-spin" /> : <NotebookPen aria-hidden />}
          {t("submit")}
        </Button>
      </div>
    </form>
  );
}
