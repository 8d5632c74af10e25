"use client";

import { useState } from "react";
import { useTranslations } from "next-intl";
import { Pencil, Plus } from "lucide-react";
import { errorsFor, typedText } from "@/components/cases/form-state";
import { FormField } from "@/components/ui/form-field";
import { Input } from "@/components/ui/input";
import { Select } from "@/components/ui/select";
import { ActionDialog } from "../../_components/action-dialog";
import { saveOrganizationAction } from "../actions";

export interface Option {
  value: string;
  label: string;
}

export interface PrefectureOption extends Option {
  blockCode: string;
}

export interface EditableOrganization {
  id: string;
  version: number;
  nameJa: string;
  nameEn: string | null;
  partyKindKey: string | null;
  blockCode: string | null;
  prefectureCode: number | null;
}

const FIELDS = ["nameJa", "nameEn", "partyKindKey", "blockCode", "prefectureCode"] as const;

/**
 * 組織の登録・編集: name, party kind, regional block, prefecture. The prefecture list follows the chosen block;
 * leaving the block empty makes a national body (特許庁). The server checks that the prefecture lies in the block.
 */
export function OrganizationDialog({
  organization,
  idempotencyKey,
  partyKinds,
  blocks,
  prefectures,
}: {
  partyKinds: readonly Option[];
  blocks: readonly Option[];
  prefectures: readonly PrefectureOption[];
} & (
  | { organization: EditableOrganization; idempotencyKey?: undefined }
  /** Creating: the form's one-time key, rendered by the server (newIdempotencyKey()). */
  | { organization?: undefined; idempotencyKey: string }
)) {
  const t = useTranslations("admin.organizations");
  const tc = useTranslations("common");
  const [block, setBlock] = useState(organization?.blockCode ?? "");
  const editing = organization !== undefined;
  const id = (name: string) => `org-${organization?.id ?? "new"}-${name}`;

  return (
    <ActionDialog
      action={saveOrganizationAction}
      trigger={
        editing
          ? { label: t("edit"), icon: <Pencil aria-hidden />, ariaLabel: t("editFor", { name: organization.nameJa }) }
          : { label: t("create"), icon: <Plus aria-hidden />, variant: "default", size: "default", testId: "create-organization" }
      }
      title={editing ? t("editTitle", { name: organization.nameJa }) : t("createTitle")}
      description={t("formDescription")}
      submitLabel={editing ? t("save") : t("createSubmit")}
      hidden={editing ? { id: organization.id, version: organization.version } : {}}
      idempotencyKey={idempotencyKey}
      fieldNames={FIELDS}
      successMessage={() => (editing ? t("saved") : t("created"))}
      fields={(result) => (
        <>
          <FormField name="nameJa" id={id("nameJa")} label={t("nameJa")} errors={errorsFor(result, "nameJa")} required requiredLabel={tc("required")}>
            <Input name="nameJa" maxLength={200} defaultValue={typedText(result, "nameJa", organization?.nameJa)} required />
          </FormField>
          <FormField name="nameEn" id={id("nameEn")} label={t("nameEn")} errors={errorsFor(result, "nameEn")}>
            <Input name="nameEn" maxLength={200} defaultValue={typedText(result, "nameEn", organization?.nameEn)} />
          </FormField>
          <FormField name="partyKindKey" id={id("partyKindKey")} label={t("party")} errors={errorsFor(result, "partyKindKey")} required requiredLabel={tc("required")}>
            <Select name="partyKindKey" defaultValue={typedText(result, "partyKindKey", organization?.partyKindKey)} required>
              <option value="">{t("choose")}</option>
              {partyKinds.map((o) => (
                <option key={o.value} value={o.value}>
                  {o.label}
                </option>
              ))}
            </Select>
          </FormField>
          <FormField name="blockCode" id={id("blockCode")} label={t("block")} description={t("blockHint")} errors={errorsFor(result, "blockCode")}>
            <Select name="blockCode" defaultValue={typedText(result, "blockCode", block)} onChange={(event) => setBlock(event.target.value)}>
              <option value="">{t("national")}</option>
              {blocks.map((o) => (
                <option key={o.value} value={o.value}>
                  {o.label}
                </option>
              ))}
            </Select>
          </FormField>
          <FormField name="prefectureCode" id={id("prefectureCode")} label={t("prefecture")} description={t("prefectureHint")} errors={errorsFor(result, "prefectureCode")}>
            <Select name="prefectureCode" key={block} defaultValue={typedText(result, "prefectureCode", organization?.blockCode === block ? organization?.prefectureCode : "")}>
              <option value="">{t("noPrefecture")}</option>
              {prefectures
                .filter((p) => !block || p.blockCode === block)
                .map((o) => (
                  <option key={o.value} value={o.value}>
                    {o.label}
                  </option>
                ))}
            </Select>
          </FormField>
        </>
      )}
    />
  );
}
