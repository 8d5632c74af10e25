"use client";

import { useTranslations } from "next-intl";
import { Plus } from "lucide-react";
import { errorsFor, typedText } from "@/components/cases/form-state";
import { FormField } from "@/components/ui/form-field";
import { Input } from "@/components/ui/input";
import { ActionDialog } from "../../_components/action-dialog";
import { addPartyKindAction } from "../actions";

/** 機関区分の追加 (e.g. 中小企業庁 `smea`): a key for the system, and its Japanese and English names. */
export function PartyKindDialog() {
  const t = useTranslations("admin.partyKinds");
  const tc = useTranslations("common");
  return (
    <ActionDialog
      action={addPartyKindAction}
      trigger={{ label: t("add"), icon: <Plus aria-hidden />, testId: "add-party-kind" }}
      title={t("addTitle")}
      description={t("addDescription")}
      submitLabel={t("addSubmit")}
      fieldNames={["key", "nameJa", "nameEn"]}
      successMessage={(data) => t("added", { key: data.key })}
      fields={(result) => (
        <>
          <FormField name="key" id="party-kind-key" label={t("key")} description={t("keyHint")} errors={errorsFor(result, "key")} required requiredLabel={tc("required")}>
            <Input name="key" maxLength={32} pattern="[a-z][a-z0-9_]{1,31}" defaultValue={typedText(result, "key")} required className="w-48 font-mono" />
          </FormField>
          <FormField name="nameJa" id="party-kind-nameJa" label={t("nameJa")} errors={errorsFor(result, "nameJa")} required requiredLabel={tc("required")}>
            <Input name="nameJa" maxLength={100} defaultValue={typedText(result, "nameJa")} required />
          </FormField>
          <FormField name="nameEn" id="party-kind-nameEn" label={t("nameEn")} errors={errorsFor(result, "nameEn")} required requiredLabel={tc("required")}>
            <Input name="nameEn" maxLength={100} defaultValue={typedText(result, "nameEn")} required />
          </FormField>
        </>
      )}
    />
  );
}
