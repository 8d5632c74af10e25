"use client";

import { useState } from "react";
import { useTranslations } from "next-intl";
import { UserPlus } from "lucide-react";
import { rolesForOrganization } from "@/lib/admin/roles";
import { errorsFor, typedText } from "@/components/cases/form-state";
import { FormField } from "@/components/ui/form-field";
import { Input } from "@/components/ui/input";
import { Select } from "@/components/ui/select";
import { ActionDialog } from "../../_components/action-dialog";
import { OneTimePassword } from "../../_components/one-time-password";
import { inviteUserAction } from "../actions";

export interface OrganizationOption {
  id: string;
  name: string;
  isSystem: boolean;
}

const FIELDS = ["email", "name", "nameKana", "organizationId", "role"] as const;

/**
 * 招待: e-mail, name, organization and role; the server makes a one-time initial password and this dialog shows
 * it once. The role list follows the organization (administrators only in the system organization), and the
 * server checks the same rule.
 */
export function InviteUserDialog({ organizations }: { organizations: readonly OrganizationOption[] }) {
  const t = useTranslations("admin.users");
  const tRoles = useTranslations("roles");
  const tc = useTranslations("common");
  const [orgId, setOrgId] = useState("");
  const isSystem = organizations.find((o) => o.id === orgId)?.isSystem ?? false;
  const roles = rolesForOrganization(isSystem);

  return (
    <ActionDialog
      action={inviteUserAction}
      trigger={{ label: t("invite"), icon: <UserPlus aria-hidden />, variant: "default", size: "default", testId: "invite-user" }}
      title={t("inviteTitle")}
      description={t("inviteDescription")}
      submitLabel={t("inviteSubmit")}
      fieldNames={FIELDS}
      successMessage={(data) => t("invited", { name: data.name })}
      renderSuccess={(data) => <OneTimePassword email={data.email} password={data.initialPassword} />}
      fields={(result) => (
        <>
          <FormField name="email" id="invite-email" label={t("email")} errors={errorsFor(result, "email")} required requiredLabel={tc("required")}>
            <Input name="email" type="email" autoComplete="off" maxLength={254} defaultValue={typedText(result, "email")} required />
          </FormField>
          <FormField name="name" id="invite-name" label={t("name")} errors={errorsFor(result, "name")} required requiredLabel={tc("required")}>
            <Input name="name" maxLength={100} defaultValue={typedText(result, "name")} required />
          </FormField>
          <FormField name="nameKana" id="invite-nameKana" label={t("nameKana")} errors={errorsFor(result, "nameKana")}>
            <Input name="nameKana" maxLength={100} defaultValue={typedText(result, "nameKana")} />
          </FormField>
          <FormField
            name="organizationId"
            id="invite-organizationId"
            label={t("organization")}
            errors={errorsFor(result, "organizationId")}
            required
            requiredLabel={tc("required")}
          >
            <Select name="organizationId" defaultValue={typedText(result, "organizationId", orgId)} onChange={(event) => setOrgId(event.target.value)} required>
              <option value="">{t("chooseOrganization")}</option>
              {organizations.map((o) => (
                <option key={o.id} value={o.id}>
                  {o.name}
                </option>
              ))}
            </Select>
          </FormField>
          <FormField name="role" id="invite-role" label={t("role")} description={t("roleHint")} errors={errorsFor(result, "role")} required requiredLabel={tc("required")}>
            <Select name="role" defaultValue={typedText(result, "role", roles[0])} key={isSystem ? "system" : "party"} required>
              {roles.map((role) => (
                <option key={role} value={role}>
                  {tRoles(role)}
                </option>
              ))}
            </Select>
          </FormField>
        </>
      )}
    />
  );
}
