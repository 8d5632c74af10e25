"use client";

import { useTranslations } from "next-intl";
import { KeyRound, ShieldCheck, UserCheck, UserX } from "lucide-react";
import type { UserRole } from "@/db/schema";
import { rolesForOrganization } from "@/lib/admin/roles";
import { errorsFor, typedText } from "@/components/cases/form-state";
import { FormField } from "@/components/ui/form-field";
import { Select } from "@/components/ui/select";
import { ActionDialog } from "../../_components/action-dialog";
import { OneTimePassword } from "../../_components/one-time-password";
import { changeUserRoleAction, issueInitialPasswordAction, setUserActiveAction } from "../actions";

export interface ManagedUser {
  id: string;
  name: string;
  email: string;
  role: UserRole;
  isActive: boolean;
  version: number;
  organizationIsSystem: boolean;
}

/**
 * What an administrator can do to one user: change the role, deactivate or reactivate, issue a new initial
 * password. Not offered on their own row (the server refuses it too): an administrator cannot lock
 * themselves out by a slip.
 */
export function UserRowActions({ user, isSelf }: { user: ManagedUser; isSelf: boolean }) {
  const t = useTranslations("admin.users");
  const tRoles = useTranslations("roles");
  if (isSelf) return <span className="text-xs text-muted-foreground">{t("you")}</span>;
  const roles = rolesForOrganization(user.organizationIsSystem);
  const hidden = { userId: user.id, version: user.version };

  return (
    <div className="flex flex-wrap gap-1.5">
      {roles.length > 1 ? (
        <ActionDialog
          action={changeUserRoleAction}
          trigger={{ label: t("changeRole"), icon: <ShieldCheck aria-hidden />, ariaLabel: t("changeRoleFor", { name: user.name }), testId: `change-role-${user.email}` }}
          title={t("changeRoleTitle", { name: user.name })}
          description={t("changeRoleDescription")}
          submitLabel={t("changeRoleSubmit")}
          hidden={hidden}
          fieldNames={["role"]}
          successMessage={() => t("roleChanged", { name: user.name })}
          fields={(result) => (
            <FormField name="role" id={`role-${user.id}`} label={t("role")} errors={errorsFor(result, "role")}>
              <Select name="role" defaultValue={typedText(result, "role", user.role)}>
                {roles.map((role) => (
                  <option key={role} value={role}>
                    {tRoles(role)}
                  </option>
                ))}
              </Select>
            </FormField>
          )}
        />
      ) : null}
      <ActionDialog
        action={setUserActiveAction}
        trigger={{
          label: user.isActive ? t("deactivate") : t("reactivate"),
          icon: user.isActive ? <UserX aria-hidden /> : <UserCheck aria-hidden />,
          ariaLabel: t(user.isActive ? "deactivateFor" : "reactivateFor", { name: user.name }),
          testId: `${user.isActive ? "deactivate" : "reactivate"}-${user.email}`,
        }}
        title={t(user.isActive ? "deactivateTitle" : "reactivateTitle", { name: user.name })}
        description={t(user.isActive ? "deactivateDescription" : "reactivateDescription")}
        submitLabel={user.isActive ? t("deactivate") : t("reactivate")}
        submitVariant={user.isActive ? "destructive" : "default"}
        hidden={{ ...hidden, active: user.isActive ? "false" : "true" }}
        successMessage={() => t(user.isActive ? "deactivated" : "reactivated", { name: user.name })}
      />
      {user.isActive ? (
        <ActionDialog
          action={issueInitialPasswordAction}
          trigger={{ label: t("issuePassword"), icon: <KeyRound aria-hidden />, ariaLabel: t("issuePasswordFor", { name: user.name }), testId: `issue-password-${user.email}` }}
          title={t("issuePasswordTitle", { name: user.name })}
          description={t("issuePasswordDescription")}
          submitLabel={t("issuePasswordSubmit")}
          hidden={hidden}
          renderSuccess={(data) => <OneTimePassword email={data.email} password={data.initialPassword} />}
        />
      ) : null}
    </div>
  );
}
