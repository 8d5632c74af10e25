"use client";

import { useEffect, useMemo, useRef, useState } from "react";
import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { AlertCircle, Building2, Loader2, Send, ShieldAlert, ShieldCheck } from "lucide-react";
import { toast } from "sonner";
import type { ReferralUrgency } from "@/lib/referrals/schema";
import { REFERRAL_SERVICES, type ReferralService } from "@/lib/referrals/services";
import type { RecipientProximity } from "@/lib/referrals/suggest-recipients";
import { errorsFor, typedText } from "@/components/cases/form-state";
import { useActionForm } from "@/components/cases/use-action-form";
import { useIdempotencyKey } from "@/components/activities/use-idempotency-key";
import { ConsentScopeList, type ConsentScopes } from "@/components/consents/consent-scope-list";
import { RecordConsentForm } from "@/components/consents/record-consent-form";
import { Alert, AlertDescription, AlertTitle } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { FormField } from "@/components/ui/form-field";
import { Input } from "@/components/ui/input";
import { Select } from "@/components/ui/select";
import { Textarea } from "@/components/ui/textarea";
import { cn } from "@/lib/utils";
import { sendReferralAction } from "@/app/(app)/referrals/actions";
import { useInvalidateReferralData } from "./referral-queries";

const FORM_ID = "send-referral-form";
const URGENCIES: readonly ReferralUrgency[] = ["normal", "high", "urgent"];
const PROXIMITIES: readonly RecipientProximity[] = ["prefecture", "block", "other"];
/** The fields this form renders next to their control; any other field error goes to the summary at the top. */
const FIELD_ORDER = ["companyId", "caseId", "consentId", "toOrgId", "externalRecipient", "followUpOn", "service", "urgency", "reason", "handoverNotes"] as const;

export interface ConsentChoice extends ConsentScopes {
  id: string;
  /** 2026年4月10日(金) · 書面 — formatted on the server, in the reader's language. */
  summary: string;
  recordedByOrgName: string;
  revoked: boolean;
}

export interface RecipientChoice {
  id: string;
  name: string;
  partyKind: string | null;
  proximity: RecipientProximity;
}

interface SendReferralFormProps {
  company: { id: string; name: string; location: string };
  cases: { id: string; code: string; title: string }[];
  initialCaseId?: string;
  consents: ConsentChoice[];
  recipients: RecipientChoice[];
  /** The party kinds, named in the reader's language, in reference order. */
  parties: { key: string; name: string }[];
  prefill: { toParty?: string; toOrgId?: string; service?: ReferralService };
  /** Today in Japan, 'YYYY-MM-DD': the consent form's default and the earliest follow-up date. */
  today: string;
  mayRecordConsent: boolean;
  /** The referral's one-time key, rendered by the server (in the HTML before hydration). */
  idempotencyKey: string;
  /** The inline consent form's own one-time key, likewise. */
  consentIdempotencyKey: string;
}

/**
 * 連携依頼の作成. Three steps on one page: the company's consent (the gate — pick a recorded one or record it
 * here), the recipient (a party, then its organizations nearest the company first; or a body outside Renkei,
 * logged with a follow-up date), and what is asked (service, reason, urgency, what the receiver should know).
 * The server decides everything again (lib/referrals/send-referral.ts); a refusal keeps what was typed.
 */
export function SendReferralForm(props: SendReferralFormProps) {
  const { company, cases, consents, recipients, parties, prefill, today, mayRecordConsent } = props;
  const t = useTranslations("referrals.new");
  const tr = useTranslations("referrals");
  const tc = useTranslations("common");
  const router = useRouter();
  const invalidate = useInvalidateReferralData();
  const [idempotencyKey, renewKey] = useIdempotencyKey(props.idempotencyKey);

  const prefilledOrg = recipients.find((r) => r.id === prefill.toOrgId);
  const initialParty = prefilledOrg?.partyKind ?? (parties.some((p) => p.key === prefill.toParty) ? prefill.toParty! : "");
  const [mode, setMode] = useState<"renkei" | "external">("renkei");
  const [party, setParty] = useState(initialParty);
  const [toOrgId, setToOrgId] = useState(prefilledOrg?.id ?? nearestOf(recipients, initialParty)?.id ?? "");
  const [consentId, setConsentId] = useState("");
  // Open from the start when the company has no usable consent. Held in state, not derived from the list: the
  // page re-renders with the new consent in the same round trip as the form's result, and the form must stay
  // mounted until it has reported the new consent's id (which selects it).
  const [recordingConsent, setRecordingConsent] = useState(() => !consents.some((c) => !c.revoked));
  // The consent just recorded here: the form that had the focus closes, and the focus goes to its choice.
  const focusConsentId = useRef<string | null>(null);
  const consentListRef = useRef<HTMLFieldSetElement>(null);

  const { result, formKey, dispatch, pending } = useActionForm(sendReferralAction, {
    onSuccess: (data) => {
      toast.success(t(data.replayed ? "alreadySent" : "sent", { code: data.code }));
      // Back to this page from the router cache is a new referral: it must not find this one.
      renewKey();
      void invalidate();
      router.push(`/referrals/${data.id}`);
    },
  });

  // A refusal is summarized at the top of a long form: bring the summary into view and give it focus, so that
  // the keyboard and screen-reader user starts from the list of what to fix.
  const summaryRef = useRef<HTMLDivElement>(null);
  const refused = Boolean(result && !result.ok);
  useEffect(() => {
    if (!refused || !summaryRef.current) return;
    summaryRef.current.scrollIntoView({ block: "start", behavior: "smooth" });
    summaryRef.current.focus({ preventScroll: true });
  }, [refused, formKey]);

  useEffect(() => {
    if (!focusConsentId.current) return;
    const radio = consentListRef.current?.querySelector<HTMLInputElement>(`input[value="${CSS.escape(focusConsentId.current)}"]`);
    if (!radio) return;
    radio.focus();
    focusConsentId.current = null;
  });

  const usableConsents = consents.filter((c) => !c.revoked);
  const selectedConsent = usableConsents.find((c) => c.id === consentId);
  const partyRecipients = useMemo(() => recipients.filter((r) => r.partyKind === party), [recipients, party]);
  const refusal = result && !result.ok ? result : null;
  const summaryErrors = refusal?.fieldErrors
    ? Object.entries(refusal.fieldErrors).sort(([a], [b]) => fieldRank(a) - fieldRank(b))
    : [];

  function chooseParty(key: string) {
    setParty(key);
    // The organization nearest the company is suggested; the user may pick another.
    setToOrgId(nearestOf(recipients, key)?.id ?? "");
  }

  return (
    <div className="grid gap-4">
      {refusal ? (
        <Alert variant="destructive" data-testid="send-referral-errors" ref={summaryRef} tabIndex={-1} className="scroll-mt-20 focus:outline-2 focus:outline-destructive/40">
          <AlertCircle aria-hidden />
          <AlertTitle>{refusal.message}</AlertTitle>
          {summaryErrors.length > 0 ? (
            <AlertDescription>
              <ul className="list-disc pl-4">
                {summaryErrors.flatMap(([field, messages]) => messages.map((message) => <li key={`${field}-${message}`}>{message}</li>))}
              </ul>
            </AlertDescription>
          ) : null}
        </Alert>
      ) : null}

      <Card>
        <CardHeader>
          <CardTitle className="flex items-center gap-2">
            <StepNumber n={1} />
            {t("steps.company")}
          </CardTitle>
        </CardHeader>
        <CardContent className="grid gap-4 sm:grid-cols-2">
          <div className="grid gap-1">
            <span className="flex items-center gap-2 font-medium">
              <Building2 aria-hidden className="size-4 text-muted-foreground" />
              {company.name}
            </span>
            <span className="text-xs text-muted-foreground">{company.location}</span>
          </div>
          {cases.length > 0 ? (
            <FormField name="caseId" id="referral-caseId" label={t("case")} description={t("caseHint")} errors={errorsFor(result, "caseId")}>
              <Select name="caseId" form={FORM_ID} defaultValue={typedText(result, "caseId", props.initialCaseId ?? "")} key={`case-${formKey}`}>
                <option value="">{t("noCase")}</option>
                {cases.map((c) => (
                  <option key={c.id} value={c.id}>
                    {c.code} {c.title}
                  </option>
                ))}
              </Select>
            </FormField>
          ) : null}
        </CardContent>
      </Card>

      <Card data-testid="consent-step">
        <CardHeader>
          <CardTitle className="flex items-center gap-2">
            <StepNumber n={2} />
            {t("steps.consent")}
          </CardTitle>
          <CardDescription>{t("consentDescription")}</CardDescription>
        </CardHeader>
        <CardContent className="grid gap-3">
          {usableConsents.length === 0 ? (
            <Alert variant="warning">
              <ShieldAlert aria-hidden />
              <AlertTitle>{t("noConsentTitle")}</AlertTitle>
              <AlertDescription>{mayRecordConsent ? t("noConsentRecordHere") : t("noConsent")}</AlertDescription>
            </Alert>
          ) : (
            <fieldset
              ref={consentListRef}
              className="grid gap-2"
              aria-describedby={errorsFor(result, "consentId") ? "referral-consent-error" : undefined}
            >
              <legend className="mb-1 text-sm font-medium">{t("chooseConsent")}</legend>
              {usableConsents.map((consent) => (
                <label
                  key={consent.id}
                  data-testid="consent-choice"
                  className="flex cursor-pointer items-start gap-3 rounded-md border p-3 text-sm has-checked:border-primary has-checked:bg-primary/5"
                >
                  <input
                    type="radio"
                    name="consentId"
                    form={FORM_ID}
                    value={consent.id}
                    checked={consentId === consent.id}
                    onChange={() => setConsentId(consent.id)}
                    className="mt-0.5 size-4 accent-primary"
                  />
                  <span className="grid gap-1">
                    <span className="font-medium">{consent.summary}</span>
                    <ConsentScopeList scopes={consent} inline className="text-xs" />
                    <span className="text-xs text-muted-foreground">{t("recordedBy", { org: consent.recordedByOrgName })}</span>
                  </span>
                </label>
              ))}
            </fieldset>
          )}
          {errorsFor(result, "consentId") ? (
            <p id="referral-consent-error" role="alert" className="text-sm font-medium text-destructive">
              {errorsFor(result, "consentId")!.join(" ")}
            </p>
          ) : null}
          {selectedConsent ? (
            <p className="flex items-start gap-2 text-xs text-muted-foreground">
              <ShieldCheck aria-hidden className="mt-0.5 size-4 shrink-0 text-success" />
              {t("consentEffect")}
            </p>
          ) : null}
          {mayRecordConsent ? (
            recordingConsent ? (
              <div className="rounded-md border bg-muted/30 p-4">
                <h3 className="mb-3 text-sm font-semibold">{t("recordConsentTitle")}</h3>
                <RecordConsentForm
                  companyId={company.id}
                  today={today}
                  idempotencyKey={props.consentIdempotencyKey}
                  idPrefix="inline-consent"
                  onRecorded={(id) => {
                    setConsentId(id);
                    setRecordingConsent(false);
                    focusConsentId.current = id;
                  }}
                  secondaryAction={
                    usableConsents.length > 0 ? (
                      <Button type="button" variant="ghost" onClick={() => setRecordingConsent(false)}>
                        {t("cancel")}
                      </Button>
                    ) : null
                  }
                />
              </div>
            ) : (
              <Button type="button" variant="outline" size="sm" className="w-fit" onClick={() => setRecordingConsent(true)}>
                <ShieldCheck aria-hidden />
                {t("recordAnotherConsent")}
              </Button>
            )
          ) : null}
        </CardContent>
      </Card>

      <form key={formKey} id={FORM_ID} action={dispatch} className="grid gap-4" noValidate>
        <input type="hidden" name="companyId" value={company.id} />
        <input type="hidden" name="idempotencyKey" value={idempotencyKey} />
        {/* The consent chosen above (radios outside this form are bound to it by their form attribute). */}

        <Card data-testid="recipient-step">
          <CardHeader>
            <CardTitle className="flex items-center gap-2">
              <StepNumber n={3} />
              {t("steps.recipient")}
            </CardTitle>
          </CardHeader>
          <CardContent className="grid gap-4">
            <div role="radiogroup" aria-label={t("recipientKind")} className="flex flex-wrap gap-2">
              {(["renkei", "external"] as const).map((value) => (
                <label
                  key={value}
                  className="flex cursor-pointer items-center gap-2 rounded-md border px-3 py-1.5 text-sm has-checked:border-primary has-checked:bg-primary/5"
                >
                  <input type="radio" name="recipientKind" checked={mode === value} onChange={() => setMode(value)} className="size-4 accent-primary" />
                  {t(`recipientKinds.${value}`)}
                </label>
              ))}
            </div>

            {mode === "renkei" ? (
              <>
                <fieldset className="grid gap-2">
                  <legend className="mb-1 text-sm font-medium">{t("party")}</legend>
                  <div className="flex flex-wrap gap-2">
                    {parties.map((p) => (
                      <label
                        key={p.key}
                        className="flex cursor-pointer items-center gap-2 rounded-md border px-3 py-1.5 text-sm has-checked:border-primary has-checked:bg-primary/5"
                      >
                        <input type="radio" name="toParty" checked={party === p.key} onChange={() => chooseParty(p.key)} className="size-4 accent-primary" />
                        {p.name}
                      </label>
                    ))}
                  </div>
                </fieldset>
                {party === "" ? (
                  <p className="text-sm text-muted-foreground">{t("chooseParty")}</p>
                ) : partyRecipients.length === 0 ? (
                  <p className="text-sm text-muted-foreground">{t("noOrganizations")}</p>
                ) : (
                  <fieldset className="grid gap-3" aria-describedby={errorsFor(result, "toOrgId") ? "referral-toOrgId-error" : undefined}>
                    <legend className="mb-1 text-sm font-medium">{t("organization")}</legend>
                    {PROXIMITIES.map((proximity) => {
                      const group = partyRecipients.filter((r) => r.proximity === proximity);
                      if (group.length === 0) return null;
                      const list = (
                        <div className="grid gap-1.5 sm:grid-cols-2">
                          {group.map((org) => (
                            <label
                              key={org.id}
                              data-testid="recipient-choice"
                              className="flex cursor-pointer items-center gap-2 rounded-md border px-3 py-2 text-sm has-checked:border-primary has-checked:bg-primary/5"
                            >
                              <input
                                type="radio"
                                name="toOrgId"
                                value={org.id}
                                checked={toOrgId === org.id}
                                onChange={() => setToOrgId(org.id)}
                                className="size-4 accent-primary"
                              />
                              {org.name}
                            </label>
                          ))}
                        </div>
                      );
                      return proximity === "other" ? (
                        <details key={proximity} open={group.some((o) => o.id === toOrgId)} className="grid gap-2">
                          <summary className="cursor-pointer text-xs font-medium text-muted-foreground">
                            {t(`proximity.${proximity}`)} ({group.length})
                          </summary>
                          <div className="mt-2">{list}</div>
                        </details>
                      ) : (
                        <div key={proximity} className="grid gap-1.5">
                          <h3 className="flex items-center gap-2 text-xs font-medium text-muted-foreground">
                            {t(`proximity.${proximity}`)}
                            {proximity === "prefecture" ? <Badge variant="info">{t("suggested")}</Badge> : null}
                          </h3>
                          {list}
                        </div>
                      );
                    })}
                  </fieldset>
                )}
                {errorsFor(result, "toOrgId") ? (
                  <p id="referral-toOrgId-error" className="text-xs font-medium text-destructive">
                    {errorsFor(result, "toOrgId")!.join(" ")}
                  </p>
                ) : null}
              </>
            ) : (
              <div className="grid gap-4 sm:grid-cols-[minmax(0,2fr)_minmax(10rem,1fr)]">
                <FormField
                  name="externalRecipient"
                  id="referral-externalRecipient"
                  label={t("externalRecipient")}
                  description={t("externalRecipientHint")}
                  errors={errorsFor(result, "externalRecipient")}
                  required
                  requiredLabel={tc("required")}
                >
                  <Input name="externalRecipient" maxLength={200} defaultValue={typedText(result, "externalRecipient")} autoComplete="off" />
                </FormField>
                <FormField
                  name="followUpOn"
                  id="referral-followUpOn"
                  label={t("followUpOn")}
                  description={t("followUpOnHint")}
                  errors={errorsFor(result, "followUpOn")}
                  required
                  requiredLabel={tc("required")}
                >
                  <Input name="followUpOn" type="date" min={today} defaultValue={typedText(result, "followUpOn")} />
                </FormField>
              </div>
            )}
          </CardContent>
        </Card>

        <Card data-testid="details-step">
          <CardHeader>
            <CardTitle className="flex items-center gap-2">
              <StepNumber n={4} />
              {t("steps.details")}
            </CardTitle>
          </CardHeader>
          <CardContent className="grid gap-4">
            <div className="grid gap-4 sm:grid-cols-2">
              <FormField name="service" id="referral-service" label={tr("columns.service")} errors={errorsFor(result, "service")} required requiredLabel={tc("required")}>
                <Select name="service" defaultValue={typedText(result, "service", prefill.service ?? "")}>
                  <option value="">{t("chooseService")}</option>
                  {REFERRAL_SERVICES.map((service) => (
                    <option key={service} value={service}>
                      {tr(`services.${service}`)}
                    </option>
                  ))}
                </Select>
              </FormField>
              <fieldset className="grid gap-1.5">
                <legend className="mb-1.5 text-sm font-medium">{t("urgency")}</legend>
                <div className="flex flex-wrap gap-2">
                  {URGENCIES.map((urgency) => (
                    <label
                      key={urgency}
                      className="flex cursor-pointer items-center gap-2 rounded-md border px-3 py-1.5 text-sm has-checked:border-primary has-checked:bg-primary/5"
                    >
                      <input
                        type="radio"
                        name="urgency"
                        value={urgency}
                        defaultChecked={typedText(result, "urgency", "normal") === urgency}
                        className="size-4 accent-primary"
                      />
                      {t(`urgencies.${urgency}`)}
                    </label>
                  ))}
                </div>
              </fieldset>
            </div>
            <FormField name="reason" id="referral-reason" label={t("reason")} description={t("reasonHint")} errors={errorsFor(result, "reason")} required requiredLabel={tc("required")}>
              <Textarea name="reason" maxLength={2000} rows={3} defaultValue={typedText(result, "reason")} />
            </FormField>
            <FormField
              name="handoverNotes"
              id="referral-handoverNotes"
              label={t("handoverNotes")}
              description={t("handoverNotesHint")}
              errors={errorsFor(result, "handoverNotes")}
            >
              <Textarea name="handoverNotes" maxLength={4000} rows={3} defaultValue={typedText(result, "handoverNotes")} />
            </FormField>
          </CardContent>
        </Card>

        <div className="flex flex-wrap items-center justify-end gap-3">
          {!selectedConsent ? (
            <p className="flex items-center gap-1.5 text-xs text-muted-foreground">
              <ShieldAlert aria-hidden className="size-4" />
              {t("consentGateHint")}
            </p>
          ) : null}
          <Button type="submit" disabled={pending} data-testid="send-referral-submit">
            {pending ? <Loader2 aria-hidden className="animate-spin" /> : <Send aria-hidden />}
            {mode === "external" ? t("submitLogged") : t("submit")}
          </Button>
        </div>
      </form>
    </div>
  );
}

function StepNumber({ n }: { n: number }) {
  return (
    <span aria-hidden className={cn("inline-flex size-6 items-center justify-center rounded-full bg-primary text-xs font-semibold text-primary-foreground")}>
      {n}
    </span>
  );
}

/** The suggestion for a party: its first organization, which suggestRecipients ranks nearest the company. */
function nearestOf(recipients: RecipientChoice[], party: string): RecipientChoice | undefined {
  if (!party) return undefined;
  return recipients.find((r) => r.partyKind === party && r.proximity !== "other");
}

function fieldRank(field: string): number {
  const index = (FIELD_ORDER as readonly string[]).indexOf(field);
  return index === -1 ? FIELD_ORDER.length : index;
}
