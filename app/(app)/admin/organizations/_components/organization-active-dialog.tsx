"use client";

import { useTranslations } from "next-intl";
import { Power, PowerOff } from "lucide-react";
import { ActionDialog } from "../../_components/action-dialog";
import { setOrganizationActiveAction } from "../actions";

/** 無効化 / 再有効化 of an organization, confirmed in a dialog that says what happens to its users. */
export function OrganizationActiveDialog({ organization }: { organization: { id: string; version: number; nameJa: string; isActive: boolean } }) {
  const t = useTranslations("admin.organizations");
  const deactivating = organization.isActive;
  return (
    <ActionDialog
      action={setOrganizationActiveAction}
      trigger={{
        label: deactivating ? t("deactivate") : t("reactivate"),
        icon: deactivating ? <PowerOff aria-hidden /> : <Power aria-hidden />,
        ariaLabel: t(deactivating ? "deactivateFor" : "reactivateFor", { name: organization.nameJa }),
      }}
      title={t(deactivating ? "deactivateTitle" : "reactivateTitle", { name: organization.nameJa })}
      description={t(deactivating ? "deactivateDescription" : "reactivateDescription")}
      submitLabel={deactivating ? t("deactivate") : t("reactivate")}
      submitVariant={deactivating ? "destructive" : "default"}
      hidden={{ organizationId: organization.id, version: organization.version, active: deactivating ? "false" : "true" }}
      successMessage={() => t(deactivating ? "deactivated" : "reactivated", { name: organization.nameJa })}
    />
  );
}
