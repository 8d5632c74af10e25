"use server";

import { invokeAction } from "@/lib/auth/invoke-action";
import { changeUserRole } from "@/lib/admin/change-user-role";
import { inviteUser } from "@/lib/admin/invite-user";
import { issueInitialPassword } from "@/lib/admin/issue-initial-password";
import { setUserActive } from "@/lib/admin/set-user-active";

/**
 * The users screen's server functions. Each is a public endpoint whose body is invokeAction: the permission
 * (user:manage), validation, the rules of lib/admin and the audit row happen there.
 */

export async function inviteUserAction(_previous: unknown, formData: FormData) {
  return invokeAction(inviteUser, formData, { refresh: true });
}

export async function changeUserRoleAction(_previous: unknown, formData: FormData) {
  return invokeAction(changeUserRole, formData, { refresh: true });
}

export async function setUserActiveAction(_previous: unknown, formData: FormData) {
  return invokeAction(setUserActive, formData, { refresh: true });
}

export async function issueInitialPasswordAction(_previous: unknown, formData: FormData) {
  return invokeAction(issueInitialPassword, formData, { refresh: true });
}
