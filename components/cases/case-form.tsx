"use client";

import { useState } from "react";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useLocale, useTranslations } from "next-intl";
import { toast } from "sonner";
import { AlertCircle, Loader2 } from "lucide-react";
import type { SelectableUser } from "@/lib/cases/queries";
import { useIdempotencyKey } from "@/components/activities/use-idempotency-key";
import { Alert, AlertDescription } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { FormField } from "@/components/ui/form-field";
import { Input } from "@/components/ui/input";
import { Select } from "@/components/ui/select";
import { Textarea } from "@/components/ui/textarea";
import { ConflictNotice, type ConflictRow } from "./conflict-notice";
import { errorsFor, formLevelErrors, refusalOf, typedList, typedText } from "./form-state";
import { useActionForm, type ServerFormAction } from "./use-action-form";

export interface CaseFormValues {
  title: string;
  summary: string;
  themes: string[];
  source: string;
}

interface Option {
  key: string;
  nameJa: string;
  nameEn: string;
}

type CaseFormProps = {
  themes: Option[];
  initial: CaseFormValues;
  cancelHref: string;
} & (
  | {
      mode: "open";
      companyId: string;
      /** Rendered by the server component (lib/validation/idempotency-key.ts): in the HTML before hydration. */
      idempotencyKey: string;
      me: { id: string; name: string };
      people: SelectableUser[];
      teams: { id: string; name: string; fiscalYear: number }[];
      action: ServerFormAction<{ id: string }>;
    }
  | { mode: "edit"; id: string; version: number; action: ServerFormAction<{ id: string }> }
);

const RENDERED = ["title", "summary", "themes", "source", "leadUserId", "memberIds", "producerTeamId"];

/**
 * 案件の開始と編集. Opening takes the company from the page it was started on, makes the signed-in user the lead
 * unless another is chosen, and carries a one-time key (a double submit opens one case). Editing carries the
 * version; a stale edit shows what changed beside what the user typed, which stays in the form.
 */
export function CaseForm(props: CaseFormProps) {
  const t = useTranslations("cases.form");
  const locale = useLocale();
  const router = useRouter();
  const [idempotencyKey, renewKey] = useIdempotencyKey(props.mode === "open" ? props.idempotencyKey : undefined);
  const [version, setVersion] = useState(props.mode === "edit" ? props.version : 0);
  const [conflictRows, setConflictRows] = useState<ConflictRow[]>([]);
  const themeName = (key: string) => {
    const theme = props.themes.find((th) => th.key === key);
    return theme ? (locale === "ja" ? theme.nameJa : theme.nameEn) : key;
  };
  const { result, formKey, formRef, dispatch, pending } = useActionForm(props.action, {
    onResult: (outcome) => {
      if (outcome.ok || outcome.code !== "conflict" || !outcome.current || props.mode !== "edit") return;
      const current = outcome.current as Partial<CaseFormValues> & { version?: number };
      if (typeof current.version === "number") setVersion(current.version);
      const typed = outcome.values ?? {};
      const typedThemes = ([] as unknown[]).concat(typed.themes ?? []).map(String).filter(Boolean);
      const rows: ConflictRow[] = [];
      for (const field of ["title", "summary", "source"] as const) {
        if ((current[field] ?? "") !== props.initial[field]) {
          rows.push({ label: t(field), current: String(current[field] ?? ""), yours: String(typed[field] ?? "") });
        }
      }
      const currentThemes = [...(current.themes ?? [])].sort();
      if (currentThemes.join() !== [...props.initial.themes].sort().join()) {
        rows.push({ label: t("themes"), current: currentThemes.map(themeName).join("、"), yours: typedThemes.map(themeName).join("、") });
      }
      setConflictRows(rows);
    },
    onSuccess: (data) => {
      toast.success(props.mode === "open" ? t("opened") : t("saved"));
      // The case exists: if this page is shown again from the router's cache, its form opens another one.
      if (props.mode === "open") renewKey();
      router.push(`/cases/${data.id}`);
    },
  });
  const refusal = refusalOf(result);
  const chosenThemes = typedList(result, "themes", props.initial.themes);
  const otherErrors = formLevelErrors(result, RENDERED);

  return (
    <form key={formKey} ref={formRef} action={dispatch} noValidate className="grid gap-5">
      {props.mode === "open" ? (
        <>
          <input type="hidden" name="companyId" value={props.companyId} />
          <input type="hidden" name="idempotencyKey" value={idempotencyKey} />
          {/* Whoever opens a case works on it: a member, whoever is made the lead. */}
          <input type="hidden" name="memberIds[]" value={props.me.id} />
        </>
      ) : (
        <>
          <input type="hidden" name="id" value={props.id} />
          <input type="hidden" name="version" value={version} />
        </>
      )}
      {refusal?.code === "conflict" ? (
        <ConflictNotice rows={conflictRows} message={refusal.message} />
      ) : refusal ? (
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
      <FormField name="title" label={t("title")} required requiredLabel={t("required")} errors={errorsFor(result, "title")} description={t("titleHelp")}>
        <Input name="title" defaultValue={typedText(result, "title", props.initial.title)} maxLength={200} autoFocus={result === null} />
      </FormField>
      <FormField name="summary" label={t("summary")} errors={errorsFor(result, "summary")} description={t("summaryHelp")}>
        <Textarea name="summary" defaultValue={typedText(result, "summary", props.initial.summary)} rows={5} maxLength={4000} />
      </FormField>
      <fieldset className="grid gap-2">
        <legend className="mb-1 text-sm font-medium">{t("themes")}</legend>
        {/* A blank entry first: with no box ticked the list still arrives, empty, and clears the themes. */}
        <input type="hidden" name="themes[]" value="" />
        <div className="grid gap-x-4 gap-y-1.5 sm:grid-cols-2 lg:grid-cols-3">
          {props.themes.map((theme) => (
            <label key={theme.key} className="flex items-center gap-2 text-sm">
              <input type="checkbox" name="themes[]" value={theme.key} defaultChecked={chosenThemes.includes(theme.key)} className="size-4 accent-primary" />
              {locale === "ja" ? theme.nameJa : theme.nameEn}
            </label>
          ))}
        </div>
        {errorsFor(result, "themes") ? <p className="text-xs font-medium text-destructive">{errorsFor(result, "themes")!.join(" ")}</p> : null}
      </fieldset>
      <FormField name="source" label={t("source")} errors={errorsFor(result, "source")} description={t("sourceHelp")}>
        <Input name="source" list="case-sources" defaultValue={typedText(result, "source", props.initial.source)} maxLength={200} />
      </FormField>
      <datalist id="case-sources">
        {(["visit", "consultation", "seminar", "referral", "event"] as const).map((key) => (
          <option key={key} value={t(`sources.${key}`)} />
        ))}
      </datalist>

      {props.mode === "open" ? (
        <div className="grid items-start gap-4 md:grid-cols-2">
          <FormField name="leadUserId" label={t("lead")} errors={errorsFor(result, "leadUserId")}>
            <Select name="leadUserId" defaultValue={typedText(result, "leadUserId", props.me.id)}>
              {props.people.map((person) => (
                <option key={person.id} value={person.id}>
                  {person.id === props.me.id ? t("me", { name: person.name }) : `${person.name}（${person.orgName}）`}
                </option>
              ))}
            </Select>
          </FormField>
          {props.teams.length > 0 ? (
            <FormField name="producerTeamId" label={t("team")} errors={errorsFor(result, "producerTeamId")} description={t("teamHelp")}>
              <Select name="producerTeamId" defaultValue={typedText(result, "producerTeamId")}>
                <option value="">{t("noTeam")}</option>
                {props.teams.map((team) => (
                  <option key={team.id} value={team.id}>
                    {team.name}（FY{team.fiscalYear}）
                  </option>
                ))}
              </Select>
            </FormField>
          ) : null}
          <fieldset className="grid gap-1.5 md:col-span-2">
            <legend className="mb-1 text-sm font-medium">{t("members")}</legend>
            <p className="text-xs text-muted-foreground">{t("membersHelp")}</p>
            <div className="grid max-h-56 gap-x-4 gap-y-1 overflow-y-auto rounded-md border p-2 sm:grid-cols-2">
              {props.people
                .filter((person) => person.id !== props.me.id)
                .map((person) => (
                  <label key={person.id} className="flex items-center gap-2 text-sm">
                    <input
                      type="checkbox"
                      name="memberIds[]"
                      value={person.id}
                      defaultChecked={typedList(result, "memberIds", []).includes(person.id)}
                      className="size-4 accent-primary"
                    />
                    {person.name}
                    <span className="text-xs text-muted-foreground">{person.orgName}</span>
                  </label>
                ))}
            </div>
            {errorsFor(result, "memberIds") ? <p className="text-xs font-medium text-destructive">{errorsFor(result, "memberIds")!.join(" ")}</p> : null}
          </fieldset>
        </div>
      ) : null}

      <div className="flex flex-wrap gap-2">
        <Button type="submit" disabled={pending}>
          {pending ? <Loader2 aria-hidden className="animate-spin" /> : null}
          {props.mode === "open" ? t("submitOpen") : t("submitEdit")}
        </Button>
        <Button asChild variant="ghost">
          <Link href={props.cancelHref}>{t("cancel")}</Link>
        </Button>
      </div>
    </form>
  );
}
