"use client";

import { useState } from "react";
import { useTranslations } from "next-intl";
import { AlertCircle, Loader2 } from "lucide-react";
import { toast } from "sonner";
import type { ConsentMethod } from "@/lib/referrals/schema";
import { errorsFor, formLevelErrors, typedChecked, typedText } from "@/components/cases/form-state";
import { useActionForm } from "@/components/cases/use-action-form";
import { useIdempotencyKey } from "@/components/activities/use-idempotency-key";
import { Alert, AlertDescription } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { FormField } from "@/components/ui/form-field";
import { Input } from "@/components/ui/input";
import { Textarea } from "@/components/ui/textarea";
import { cn } from "@/lib/utils";
import { recordConsentAction } from "./actions";

/**
 * 書面 / 口頭 / 電子, as the database enum has them. Listed here rather than imported from lib/referrals/schema,
 * which would bring zod and the database schema into the browser bundle; the type keeps the two in step.
 */
const CONSENT_METHODS = ["written", "verbal", "electronic"] as const satisfies readonly ConsentMethod[];

const FIELDS = ["companyId", "obtainedOn", "method", "scopeConsultationSummary", "scopeConfidentialNotes", "givenBy", "notes"] as const;

interface RecordConsentFormProps {
  companyId: string;
  /** Today in Japan ('YYYY-MM-DD'), from the server: the default date and the latest allowed. */
  today: string;
  /** The consent's one-time key, rendered by the server (newIdempotencyKey()): a double submit records one consent. */
  idempotencyKey: string;
  /** Called with the new consent's id, e.g. to select it in the referral form. */
  onRecorded?: (consentId: string) => void;
  /** Shown beside the submit button, e.g. a "cancel" that closes the dialog. */
  secondaryAction?: React.ReactNode;
  idPrefix?: string;
}

/**
 * 同意の記録: when (a date, not in the future), how (書面 / 口頭 / 電子) and what may be shared. The basic
 * profile is always part of a consent; confidential notes need the consultation summary too (the schema says
 * why). The server checks all of it again; this form explains it and keeps what was typed on a refusal.
 */
export function RecordConsentForm({ companyId, today, idempotencyKey: renderedKey, onRecorded, secondaryAction, idPrefix = "consent" }: RecordConsentFormProps) {
  const t = useTranslations("consents");
  const tc = useTranslations("common");
  const [idempotencyKey, renewKey] = useIdempotencyKey(renderedKey);
  const { result, formKey, dispatch, pending } = useActionForm(recordConsentAction, {
    onSuccess: (data) => {
      toast.success(t("recorded"));
      // The next consent recorded with this form is another record.
      renewKey();
      onRecorded?.(data.id);
    },
  });
  const [summary, setSummary] = useState(false);
  const [confidential, setConfidential] = useState(false);
  const otherErrors = formLevelErrors(result, FIELDS);
  const id = (name: string) => `${idPrefix}-${name}`;
  const methodErrors = errorsFor(result, "method");
  const typedMethod = typedText(result, "method", "");

  return (
    <form key={formKey} action={dispatch} className="grid gap-4" data-testid="record-consent-form" noValidate>
      <input type="hidden" name="companyId" value={companyId} />
      <input type="hidden" name="idempotencyKey" value={idempotencyKey} />
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
      <FormField name="obtainedOn" id={id("obtainedOn")} label={t("fields.obtainedOn")} errors={errorsFor(result, "obtainedOn")} required requiredLabel={tc("required")}>
        <Input name="obtainedOn" type="date" max={today} defaultValue={typedText(result, "obtainedOn", today)} required className="w-44" />
      </FormField>
      <fieldset className="grid gap-2" aria-describedby={methodErrors ? id("method-error") : undefined}>
        <legend className="mb-1 flex items-center gap-2 text-sm font-medium">
          {t("fields.method")}
          <span className="rounded-sm bg-destructive/10 px-1 text-[0.7rem] font-normal text-destructive">{tc("required")}</span>
        </legend>
        <div className="flex flex-wrap gap-2">
          {CONSENT_METHODS.map((method) => (
            <label key={method} className="flex cursor-pointer items-center gap-2 rounded-md border px-3 py-1.5 text-sm has-checked:border-primary has-checked:bg-primary/5">
              <input type="radio" name="method" value={method} defaultChecked={typedMethod === method} required className="size-4 accent-primary" />
              {t(`methods.${method}`)}
            </label>
          ))}
        </div>
        {methodErrors ? (
          <p id={id("method-error")} className="text-xs font-medium text-destructive">
            {methodErrors.join(" ")}
          </p>
        ) : null}
      </fieldset>
      <fieldset className="grid gap-2">
        <legend className="mb-1 text-sm font-medium">{t("fields.scope")}</legend>
        <p className="text-xs text-muted-foreground">{t("fields.scopeHint")}</p>
        <label className="flex items-start gap-2 text-sm text-muted-foreground">
          <input type="checkbox" checked disabled className="mt-0.5 size-4 accent-primary" aria-describedby={id("basic-hint")} />
          <span>
            {t("scope.scopeBasicProfile")}
            <span id={id("basic-hint")} className="block text-xs">
              {t("fields.basicProfileAlways")}
            </span>
          </span>
        </label>
        <label className="flex items-start gap-2 text-sm">
          <input
            type="checkbox"
            name="scopeConsultationSummary"
            defaultChecked={typedChecked(result, "scopeConsultationSummary", false)}
            onChange={(event) => setSummary(event.target.checked)}
            className="mt-0.5 size-4 accent-primary"
          />
          <span>
            {t("scope.scopeConsultationSummary")}
            <span className="block text-xs text-muted-foreground">{t("fields.summaryHint")}</span>
          </span>
        </label>
        <label className={cn("flex items-start gap-2 text-sm", errorsFor(result, "scopeConfidentialNotes") && "text-destructive")}>
          <input
            type="checkbox"
            name="scopeConfidentialNotes"
            defaultChecked={typedChecked(result, "scopeConfidentialNotes", false)}
            onChange={(event) => setConfidential(event.target.checked)}
            aria-invalid={errorsFor(result, "scopeConfidentialNotes") ? true : undefined}
            aria-describedby={id("confidential-hint")}
            className="mt-0.5 size-4 accent-primary"
          />
          <span>
            {t("scope.scopeConfidentialNotes")}
            <span id={id("confidential-hint")} className="block text-xs text-muted-foreground">
              {t("fields.confidentialHint")}
            </span>
          </span>
        </label>
        {confidential && !summary && !typedChecked(result, "scopeConsultationSummary", false) ? (
          <p className="text-xs text-warning" role="status">
            {t("fields.confidentialNeedsSummary")}
          </p>
        ) : null}
        {errorsFor(result, "scopeConfidentialNotes")?.map((message) => (
          <p key={message} className="text-xs font-medium text-destructive">
            {message}
          </p>
        ))}
      </fieldset>
      <FormField name="givenBy" id={id("givenBy")} label={t("fields.givenBy")} description={t("fields.givenByHint")} errors={errorsFor(result, "givenBy")}>
        <Input name="givenBy" maxLength={100} defaultValue={typedText(result, "givenBy")} autoComplete="off" />
      </FormField>
      <FormField name="notes" id={id("notes")} label={t("fields.notes")} errors={errorsFor(result, "notes")}>
        <Textarea name="notes" maxLength={2000} rows={2} defaultValue={typedText(result, "notes")} />
      </FormField>
      <div className="flex flex-wrap items-center justify-end gap-2">
        {secondaryAction}
        <Button type="submit" disabled={pending}>
          {pending ? <Loader2 aria-hidden className="animate-spin" /> : null}
          {t("submit")}
        </Button>
      </div>
    </form>
  );
}
