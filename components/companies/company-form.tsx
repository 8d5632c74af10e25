"use client";

import { useEffect, useRef, useState, useTransition } from "react";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useLocale, useTranslations } from "next-intl";
import { toast } from "sonner";
import { AlertCircle, Loader2 } from "lucide-react";
import type { ActionResult } from "@/lib/authz/action";
import type { DuplicateCandidate } from "@/lib/companies/find-duplicates";
import type { PrefectureOption } from "@/lib/dashboard/reference";
import { useIdempotencyKey } from "@/components/activities/use-idempotency-key";
import { ConflictNotice, type ConflictRow } from "@/components/cases/conflict-notice";
import { errorsFor, formLevelErrors, refusalOf, typedChecked, typedText } from "@/components/cases/form-state";
import { useActionForm, type ServerFormAction } from "@/components/cases/use-action-form";
import { Alert, AlertDescription } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { FormField } from "@/components/ui/form-field";
import { Input } from "@/components/ui/input";
import { Select } from "@/components/ui/select";
import { DuplicateCandidates } from "./duplicate-candidates";

/** A company's editable fields as the form shows them (strings, as inputs hold them). */
export interface CompanyFormValues {
  corporateNumber: string;
  name: string;
  nameKana: string;
  prefectureCode: string;
  city: string;
  address: string;
  industry: string;
  employeeCount: string;
  capitalYen: string;
  website: string;
  foundedOn: string;
  isProvisional: boolean;
}

const TEXT_FIELDS = [
  "corporateNumber",
  "name",
  "nameKana",
  "prefectureCode",
  "city",
  "address",
  "industry",
  "employeeCount",
  "capitalYen",
  "website",
  "foundedOn",
] as const;
const RENDERED_FIELDS: readonly string[] = [...TEXT_FIELDS, "isProvisional", "confirmDuplicate"];

type DuplicateCheck = (input: { name: string; prefectureCode: string; corporateNumber: string }) => Promise<ActionResult<DuplicateCandidate[]>>;

type CompanyFormProps = {
  prefectures: PrefectureOption[];
  initial: CompanyFormValues;
  cancelHref: string;
} & (
  | {
      mode: "create";
      action: ServerFormAction<{ id: string }>;
      checkDuplicates: DuplicateCheck;
      /** Rendered by the server component (lib/validation/idempotency-key.ts): in the HTML before hydration. */
      idempotencyKey: string;
    }
  | { mode: "edit"; action: ServerFormAction<{ id: string; version: number }>; id: string; version: number }
);

const CHECK_DELAY_MS = 500;

/**
 * 企業の登録と編集. Registering first shows likely duplicates as the user types (the same check the server makes
 * on submit) and asks for an explicit confirmation to register anyway. Editing carries the version it read; a
 * stale edit is refused and shows what someone else changed beside what this user typed, which stays in the form.
 */
export function CompanyForm(props: CompanyFormProps) {
  const t = useTranslations("companies.form");
  const tc = useTranslations("common");
  const locale = useLocale();
  const router = useRouter();
  const [idempotencyKey, renewKey] = useIdempotencyKey(props.mode === "create" ? props.idempotencyKey : undefined);
  const [version, setVersion] = useState(props.mode === "edit" ? props.version : 0);
  const [conflictRows, setConflictRows] = useState<ConflictRow[] | null>(null);
  const [candidates, setCandidates] = useState<DuplicateCandidate[]>([]);
  const [liveNumberErrors, setLiveNumberErrors] = useState<string[] | undefined>(undefined);
  const [checking, startChecking] = useTransition();
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  useEffect(() => () => clearTimeout(timer.current), []);

  const labels: Record<(typeof TEXT_FIELDS)[number] | "isProvisional", string> = {
    corporateNumber: t("corporateNumber"),
    name: t("name"),
    nameKana: t("nameKana"),
    prefectureCode: t("prefecture"),
    city: t("city"),
    address: t("address"),
    industry: t("industry"),
    employeeCount: t("employeeCount"),
    capitalYen: t("capitalYen"),
    website: t("website"),
    foundedOn: t("foundedOn"),
    isProvisional: t("isProvisional"),
  };

  const { result, formKey, formRef, dispatch, pending } = useActionForm<{ id: string }>(props.action, {
    onResult: (outcome) => {
      if (outcome.ok || outcome.code !== "conflict" || !outcome.current) return;
      if (props.mode === "create") {
        const duplicates = outcome.current.duplicates;
        if (Array.isArray(duplicates)) setCandidates(duplicates as DuplicateCandidate[]);
        return;
      }
      // A stale edit: from now on the form edits against the version that is stored.
      const current = outcome.current;
      if (typeof current.version === "number") setVersion(current.version);
      const typed = (outcome.values ?? {}) as Record<string, unknown>;
      setConflictRows(conflictRowsOf(current, typed));
    },
    onSuccess: (data) => {
      toast.success(props.mode === "create" ? t("created") : t("saved"));
      // The company exists: if this page is shown again from the router's cache, its form registers another.
      if (props.mode === "create") renewKey();
      router.push(`/companies/${data.id}`);
    },
  });

  function conflictRowsOf(current: Record<string, unknown>, typed: Record<string, unknown>): ConflictRow[] {
    const show = (field: keyof typeof labels, value: unknown): string => {
      if (field === "isProvisional") return value === true || value === "on" || (Array.isArray(value) && value.at(-1) === "on") ? t("yes") : t("no");
      if (field === "prefectureCode") {
        const p = prefectures.find((x) => String(x.code) === String(value));
        return p ? (locale === "ja" ? p.nameJa : p.nameEn) : "";
      }
      return value === null || value === undefined ? "" : String(Array.isArray(value) ? value.at(-1) : value);
    };
    return (Object.keys(labels) as (keyof typeof labels)[])
      .filter((field) => show(field, current[field]) !== show(field, props.initial[field]))
      .map((field) => ({ label: labels[field], current: show(field, current[field]), yours: show(field, typed[field]) }));
  }

  const prefectures = props.prefectures;
  const refusal = refusalOf(result);
  const value = (name: (typeof TEXT_FIELDS)[number]) => typedText(result, name, props.initial[name]);
  const errors = (name: string) => errorsFor(result, name);
  const otherErrors = formLevelErrors(result, RENDERED_FIELDS);

  /** Asks the server for likely duplicates of what is typed now (create only). */
  function scheduleDuplicateCheck() {
    if (props.mode !== "create" || !formRef.current) return;
    clearTimeout(timer.current);
    const form = formRef.current;
    timer.current = setTimeout(() => {
      const data = new FormData(form);
      const input = {
        name: String(data.get("name") ?? ""),
        prefectureCode: String(data.get("prefectureCode") ?? ""),
        corporateNumber: String(data.get("corporateNumber") ?? ""),
      };
      if (input.name.trim() === "" || input.prefectureCode === "") {
        setCandidates([]);
        return;
      }
      startChecking(async () => {
        const checked = await props.checkDuplicates(input);
        if (checked.ok) {
          setCandidates(checked.data);
          setLiveNumberErrors(undefined);
        } else {
          setLiveNumberErrors(checked.fieldErrors?.corporateNumber);
        }
      });
    }, CHECK_DELAY_MS);
  }

  const numberErrors = errors("corporateNumber") ?? liveNumberErrors;
  const confirmChecked = typedChecked(result, "confirmDuplicate", false);

  return (
    <form
      key={formKey}
      ref={formRef}
      action={dispatch}
      noValidate
      className="grid gap-5"
      onChange={(event) => {
        const name = (event.target as EventTarget & { name?: string }).name;
        if (name === "name" || name === "prefectureCode" || name === "corporateNumber") scheduleDuplicateCheck();
      }}
      aria-describedby={refusal ? "company-form-error" : undefined}
    >
      {props.mode === "create" ? (
        <input type="hidden" name="idempotencyKey" value={idempotencyKey} />
      ) : (
        <>
          <input type="hidden" name="id" value={props.id} />
          <input type="hidden" name="version" value={version} />
        </>
      )}

      {refusal && refusal.code === "conflict" && props.mode === "edit" ? (
        <ConflictNotice rows={conflictRows ?? []} message={refusal.message} />
      ) : refusal ? (
        <Alert variant="destructive" id="company-form-error">
          <AlertCircle aria-hidden />
          <AlertDescription>
            <p>{refusal.message}</p>
            {otherErrors.map((message) => (
              <p key={message}>{message}</p>
            ))}
          </AlertDescription>
        </Alert>
      ) : null}

      <div className="grid items-start gap-4 md:grid-cols-2">
        <FormField name="corporateNumber" label={labels.corporateNumber} description={t("corporateNumberHelp")} errors={numberErrors}>
          <Input name="corporateNumber" defaultValue={value("corporateNumber")} inputMode="numeric" autoComplete="off" maxLength={40} className="font-mono" />
        </FormField>
        <div className="grid content-start gap-1.5">
          <span className="text-sm leading-none font-medium">{labels.isProvisional}</span>
          <label className="flex h-9 items-center gap-2 text-sm">
            {/* Posted before the box: an unchecked box still says "false", so an edit can clear it. */}
            <input type="hidden" name="isProvisional" value="false" />
            <input
              type="checkbox"
              name="isProvisional"
              defaultChecked={typedChecked(result, "isProvisional", props.initial.isProvisional)}
              aria-describedby="isProvisional-help"
              className="size-4 accent-primary"
            />
            {t("isProvisionalBox")}
          </label>
          <p id="isProvisional-help" className="text-xs text-muted-foreground">
            {t("isProvisionalHelp")}
          </p>
        </div>
        <FormField name="name" label={labels.name} required requiredLabel={tc("required")} errors={errors("name")} description={t("nameHelp")}>
          <Input name="name" defaultValue={value("name")} maxLength={200} autoComplete="organization" autoFocus={props.mode === "create" && result === null} />
        </FormField>
        <FormField name="nameKana" label={labels.nameKana} errors={errors("nameKana")}>
          <Input name="nameKana" defaultValue={value("nameKana")} maxLength={200} />
        </FormField>
        <FormField name="prefectureCode" label={labels.prefectureCode} required requiredLabel={tc("required")} errors={errors("prefectureCode")}>
          <Select name="prefectureCode" defaultValue={value("prefectureCode")}>
            <option value="">{t("choosePrefecture")}</option>
            {prefectures.map((p) => (
              <option key={p.code} value={p.code}>
                {locale === "ja" ? p.nameJa : p.nameEn}
              </option>
            ))}
          </Select>
        </FormField>
        <FormField name="city" label={labels.city} errors={errors("city")}>
          <Input name="city" defaultValue={value("city")} maxLength={100} />
        </FormField>
        <FormField name="address" label={labels.address} errors={errors("address")} className="md:col-span-2">
          <Input name="address" defaultValue={value("address")} maxLength={300} autoComplete="street-address" />
        </FormField>
        <FormField name="industry" label={labels.industry} errors={errors("industry")}>
          <Input name="industry" defaultValue={value("industry")} maxLength={100} />
        </FormField>
        <FormField name="website" label={labels.website} errors={errors("website")}>
          <Input name="website" type="url" defaultValue={value("website")} maxLength={500} placeholder="https://" />
        </FormField>
        <FormField name="employeeCount" label={labels.employeeCount} errors={errors("employeeCount")}>
          <Input name="employeeCount" defaultValue={value("employeeCount")} inputMode="numeric" maxLength={12} />
        </FormField>
        <FormField name="capitalYen" label={labels.capitalYen} errors={errors("capitalYen")}>
          <Input name="capitalYen" defaultValue={value("capitalYen")} inputMode="numeric" maxLength={20} />
        </FormField>
        <FormField name="foundedOn" label={labels.foundedOn} errors={errors("foundedOn")}>
          <Input name="foundedOn" type="date" defaultValue={value("foundedOn")} />
        </FormField>
      </div>

      {props.mode === "create" ? (
        <div aria-live="polite" className="grid gap-2">
          {checking ? (
            <p className="flex items-center gap-2 text-xs text-muted-foreground">
              <Loader2 aria-hidden className="size-3 animate-spin" />
              {t("checking")}
            </p>
          ) : null}
          <DuplicateCandidates
            candidates={candidates}
            prefectures={prefectures}
            confirm={
              <label className="flex items-center gap-2 text-sm font-medium text-foreground">
                <input type="checkbox" name="confirmDuplicate" defaultChecked={confirmChecked} className="size-4 accent-primary" />
                {t("confirmDuplicate")}
              </label>
            }
          />
        </div>
      ) : null}

      <div className="flex flex-wrap gap-2">
        <Button type="submit" disabled={pending}>
          {pending ? <Loader2 aria-hidden className="animate-spin" /> : null}
          {props.mode === "create" ? t("submitCreate") : t("submitEdit")}
        </Button>
        <Button asChild variant="ghost">
          <Link href={props.cancelHref}>{t("cancel")}</Link>
        </Button>
      </div>
    </form>
  );
}
