"use client";

import { useState } from "react";
import { useTranslations } from "next-intl";
import { toast } from "sonner";
import { AlertCircle, Loader2, Pencil, UserPlus } from "lucide-react";
import type { CompanyContactItem } from "@/lib/companies/queries";
import { ConflictNotice, type ConflictRow } from "@/components/cases/conflict-notice";
import { errorsFor, refusalOf, typedChecked, typedText } from "@/components/cases/form-state";
import { useActionForm, type ServerFormAction } from "@/components/cases/use-action-form";
import { useIdempotencyKey } from "@/components/activities/use-idempotency-key";
import { Alert, AlertDescription } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Dialog, DialogContent, DialogDescription, DialogFooter, DialogHeader, DialogTitle, DialogTrigger } from "@/components/ui/dialog";
import { FormField } from "@/components/ui/form-field";
import { Input } from "@/components/ui/input";
import { Select } from "@/components/ui/select";
import { Textarea } from "@/components/ui/textarea";

export const CONTACT_METHODS = ["any", "email", "phone", "visit", "post", "none"] as const;

type ContactDialogProps = {
  companyId: string;
  action: ServerFormAction<{ id: string; version: number }>;
} & (
  | {
      /** The contact to edit, with its version. */
      contact: CompanyContactItem;
      idempotencyKey?: undefined;
    }
  | {
      contact?: undefined;
      /** Adding a contact: the form's one-time key, rendered by the server (newIdempotencyKey()). */
      idempotencyKey: string;
    }
);

const FIELDS = ["name", "nameKana", "title", "email", "phone", "preferredContactMethod", "notes"] as const;

/** 担当者の追加・編集 — personal data (APPI): the server writes it only for those who may read the company's contacts. */
export function ContactDialog({ companyId, action, contact, idempotencyKey: renderedKey }: ContactDialogProps) {
  const t = useTranslations("companies.contacts");
  const tm = useTranslations("companies.contactMethods");
  const [open, setOpen] = useState(false);
  const [version, setVersion] = useState(contact?.version);
  const [conflictRows, setConflictRows] = useState<ConflictRow[]>([]);
  const [idempotencyKey, renewKey] = useIdempotencyKey(renderedKey);
  const { result, formKey, formRef, dispatch, pending } = useActionForm(action, {
    onResult: (outcome) => {
      if (outcome.ok || outcome.code !== "conflict" || !outcome.current || !contact) return;
      const current = outcome.current;
      if (typeof current.version === "number") setVersion(current.version);
      const typed = outcome.values ?? {};
      setConflictRows(
        FIELDS.filter((f) => String(current[f] ?? "") !== String(contact[f] ?? "")).map((f) => ({
          label: t(`fields.${f}`),
          current: f === "preferredContactMethod" ? tm(String(current[f])) : String(current[f] ?? ""),
          yours: f === "preferredContactMethod" ? tm(String(typed[f] ?? "any")) : String(typed[f] ?? ""),
        })),
      );
    },
    onSuccess: () => {
      setOpen(false);
      toast.success(contact ? t("saved") : t("added"));
      // The next contact added with this dialog is another record.
      if (!contact) renewKey();
    },
  });
  const refusal = refusalOf(result);
  const value = (name: (typeof FIELDS)[number]) => typedText(result, name, contact?.[name] ?? "");
  const fieldId = (name: string) => `contact-${contact?.id ?? "new"}-${name}`;

  return (
    <Dialog open={open} onOpenChange={setOpen}>
      <DialogTrigger asChild>
        {contact ? (
          <Button variant="ghost" size="sm" aria-label={t("editLabel", { name: contact.name })}>
            <Pencil aria-hidden />
          </Button>
        ) : (
          <Button variant="outline" size="sm">
            <UserPlus aria-hidden />
            {t("add")}
          </Button>
        )}
      </DialogTrigger>
      <DialogContent className="sm:max-w-xl">
        <DialogHeader>
          <DialogTitle>{contact ? t("editTitle") : t("addTitle")}</DialogTitle>
          <DialogDescription>{t("personalDataNotice")}</DialogDescription>
        </DialogHeader>
        <form key={formKey} ref={formRef} action={dispatch} noValidate className="grid gap-4">
          <input type="hidden" name="companyId" value={companyId} />
          {contact ? (
            <>
              <input type="hidden" name="id" value={contact.id} />
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
            <FormField name="name" id={fieldId("name")} label={t("fields.name")} required requiredLabel={t("required")} errors={errorsFor(result, "name")}>
              <Input name="name" defaultValue={value("name")} maxLength={100} autoComplete="off" />
            </FormField>
            <FormField name="nameKana" id={fieldId("nameKana")} label={t("fields.nameKana")} errors={errorsFor(result, "nameKana")}>
              <Input name="nameKana" defaultValue={value("nameKana")} maxLength={100} autoComplete="off" />
            </FormField>
            <FormField name="title" id={fieldId("title")} label={t("fields.title")} errors={errorsFor(result, "title")}>
              <Input name="title" defaultValue={value("title")} maxLength={100} placeholder={t("titlePlaceholder")} />
            </FormField>
            <div className="flex items-end pb-2">
              <label className="flex items-center gap-2 text-sm">
                <input type="hidden" name="isRepresentative" value="false" />
                <input
                  type="checkbox"
                  name="isRepresentative"
                  defaultChecked={typedChecked(result, "isRepresentative", contact?.isRepresentative ?? false)}
                  className="size-4 accent-primary"
                />
                {t("fields.isRepresentative")}
              </label>
            </div>
            <FormField name="email" id={fieldId("email")} label={t("fields.email")} errors={errorsFor(result, "email")}>
              <Input name="email" type="email" defaultValue={value("email")} maxLength={254} autoComplete="off" />
            </FormField>
            <FormField name="phone" id={fieldId("phone")} label={t("fields.phone")} errors={errorsFor(result, "phone")}>
              <Input name="phone" type="tel" defaultValue={value("phone")} maxLength={50} autoComplete="off" />
            </FormField>
            <FormField
              name="preferredContactMethod"
              id={fieldId("preferredContactMethod")}
              label={t("fields.preferredContactMethod")}
              errors={errorsFor(result, "preferredContactMethod")}
              className="sm:col-span-2"
            >
              <Select name="preferredContactMethod" defaultValue={value("preferredContactMethod") || "any"}>
                {CONTACT_METHODS.map((method) => (
                  <option key={method} value={method}>
                    {tm(method)}
                  </option>
                ))}
              </Select>
            </FormField>
            <FormField name="notes" id={fieldId("notes")} label={t("fields.notes")} errors={errorsFor(result, "notes")} className="sm:col-span-2">
              <Textarea name="notes" defaultValue={value("notes")} maxLength={2000} rows={3} />
            </FormField>
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
