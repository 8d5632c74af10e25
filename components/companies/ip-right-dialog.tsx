"use client";

import { useState } from "react";
import { useTranslations } from "next-intl";
import { toast } from "sonner";
import { AlertCircle, FilePlus2, Loader2, Pencil } from "lucide-react";
import type { IpRightItem } from "@/lib/companies/queries";
import { ConflictNotice, type ConflictRow } from "@/components/cases/conflict-notice";
import { errorsFor, refusalOf, typedText } from "@/components/cases/form-state";
import { useActionForm, type ServerFormAction } from "@/components/cases/use-action-form";
import { useIdempotencyKey } from "@/components/activities/use-idempotency-key";
import { Alert, AlertDescription } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Dialog, DialogContent, DialogDescription, DialogFooter, DialogHeader, DialogTitle, DialogTrigger } from "@/components/ui/dialog";
import { FormField } from "@/components/ui/form-field";
import { Input } from "@/components/ui/input";
import { Select } from "@/components/ui/select";

export const IP_RIGHT_KINDS = ["patent", "utility_model", "design", "trademark", "plant_variety"] as const;
export const IP_RIGHT_STATUSES = ["preparing", "filed", "examination", "registered", "refused", "abandoned", "expired"] as const;

const FIELDS = ["kind", "title", "applicationNumber", "registrationNumber", "status", "filedOn", "registeredOn"] as const;

type IpRightDialogProps = {
  companyId: string;
  action: ServerFormAction<{ id: string; version: number }>;
} & (
  | {
      /** The right to edit, with its version. */
      right: IpRightItem;
      idempotencyKey?: undefined;
    }
  | {
      right?: undefined;
      /** Adding a right: the form's one-time key, rendered by the server (newIdempotencyKey()). */
      idempotencyKey: string;
    }
);

/** 保有知財の登録・編集: kind, title, application or registration number, status. */
export function IpRightDialog({ companyId, action, right, idempotencyKey: renderedKey }: IpRightDialogProps) {
  const t = useTranslations("companies.ipRightForm");
  const tk = useTranslations("companies.ipKinds");
  const ts = useTranslations("companies.ipStatus");
  const [open, setOpen] = useState(false);
  const [version, setVersion] = useState(right?.version);
  const [conflictRows, setConflictRows] = useState<ConflictRow[]>([]);
  const [idempotencyKey, renewKey] = useIdempotencyKey(renderedKey);
  const show = (field: (typeof FIELDS)[number], value: unknown) => {
    const text = value === null || value === undefined ? "" : String(value);
    if (!text) return "";
    if (field === "kind") return tk(text);
    if (field === "status") return ts(text);
    return text;
  };
  const { result, formKey, formRef, dispatch, pending } = useActionForm(action, {
    onResult: (outcome) => {
      if (outcome.ok || outcome.code !== "conflict" || !outcome.current || !right) return;
      const current = outcome.current;
      if (typeof current.version === "number") setVersion(current.version);
      const typed = outcome.values ?? {};
      setConflictRows(
        FIELDS.filter((f) => show(f, current[f]) !== show(f, right[f])).map((f) => ({
          label: t(`fields.${f}`),
          current: show(f, current[f]),
          yours: show(f, typed[f]),
        })),
      );
    },
    onSuccess: () => {
      setOpen(false);
      toast.success(t("saved"));
      // The next right added with this dialog is another record.
      if (!right) renewKey();
    },
  });
  const refusal = refusalOf(result);
  const value = (name: (typeof FIELDS)[number]) => typedText(result, name, right?.[name] ?? "");
  const fieldId = (name: string) => `ip-${right?.id ?? "new"}-${name}`;
  const field = (name: (typeof FIELDS)[number], control: React.ReactElement, required = false) => (
    <FormField name={name} id={fieldId(name)} label={t(`fields.${name}`)} required={required} requiredLabel={t("required")} errors={errorsFor(result, name)}>
      {control}
    </FormField>
  );

  return (
    <Dialog open={open} onOpenChange={setOpen}>
      <DialogTrigger asChild>
        {right ? (
          <Button variant="ghost" size="sm" aria-label={t("editLabel", { title: right.title })}>
            <Pencil aria-hidden />
          </Button>
        ) : (
          <Button variant="outline" size="sm">
            <FilePlus2 aria-hidden />
            {t("add")}
          </Button>
        )}
      </DialogTrigger>
      <DialogContent className="sm:max-w-xl">
        <DialogHeader>
          <DialogTitle>{right ? t("editTitle") : t("addTitle")}</DialogTitle>
          <DialogDescription>{t("preparingNotice")}</DialogDescription>
        </DialogHeader>
        <form key={formKey} ref={formRef} action={dispatch} noValidate className="grid gap-4">
          <input type="hidden" name="companyId" value={companyId} />
          {right ? (
            <>
              <input type="hidden" name="id" value={right.id} />
              <input type="hidden" name="version" value={version} />
            </>
          ) : (
            <input type="hidden" name="idempotencyKey" value={idempotencyKey} />
          )}
          {refusal?.code === "conflict" ? (
            <ConflictNotice rows={conflictRows} message={refusal.message} />
          ) : refusal ? (
            <Alert variant="destructive">
              <AlertCircle aria-hidden />
              <AlertDescription>{refusal.message}</AlertDescription>
            </Alert>
          ) : null}
          <div className="grid gap-3 sm:grid-cols-2">
            {field(
              "kind",
              <Select name="kind" defaultValue={value("kind") || "patent"}>
                {IP_RIGHT_KINDS.map((kind) => (
                  <option key={kind} value={kind}>
                    {tk(kind)}
                  </option>
                ))}
              </Select>,
              true,
            )}
            {field(
              "status",
              <Select name="status" defaultValue={value("status") || "filed"}>
                {IP_RIGHT_STATUSES.map((status) => (
                  <option key={status} value={status}>
                    {ts(status)}
                  </option>
                ))}
              </Select>,
              true,
            )}
            <div className="sm:col-span-2">{field("title", <Input name="title" defaultValue={value("title")} maxLength={200} />, true)}</div>
            {field("applicationNumber", <Input name="applicationNumber" defaultValue={value("applicationNumber")} maxLength={50} placeholder={t("applicationPlaceholder")} />)}
            {field("registrationNumber", <Input name="registrationNumber" defaultValue={value("registrationNumber")} maxLength={50} placeholder={t("registrationPlaceholder")} />)}
            {field("filedOn", <Input name="filedOn" type="date" defaultValue={value("filedOn")} />)}
            {field("registeredOn", <Input name="registeredOn" type="date" defaultValue={value("registeredOn")} />)}
          </div>
          <DialogFooter>
            <Button type="submit" disabled={pending}>
              {pending ? <Loader2 aria-hidden className="animate-spin" /> : null}
              {t("submit")}
            </Button>
          </DialogFooter>
        </form>
      </DialogContent>
    </Dialog>
  );
}
