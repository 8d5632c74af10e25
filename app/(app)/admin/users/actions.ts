"use server";

import { refresh } from "next/cache";
import { invokeAction } from "@/lib/auth/invoke-action";
import type { ActionResult } from "@/lib/authz/action";
import { changeUserRole } from "@/lib/admin/change-user-role";
import { inviteUser } from "@/lib/admin/invite-user";
import { issueInitialPassword } from "@/lib/admin/issue-initial-password";
import { setUserActive } from "@/lib/admin/set-user-active";

/**
 * The users screen's server functions. Each is a public endpoint whose body is invokeAction: the permission
 * (user:manage), validation, the rules of lib/admin and the audit row happen there.
 */

async function refreshed<T>(pending: Promise<ActionResult<T>>): Promise<ActionResult<T>> {
  const result = await pending;
  if (result.ok) refresh();
  return result;
}

export async function inviteUserAction(_previous: unknown, formData: FormData) {
  return refreshed(invokeAction(inviteUser, formData));
}

export async function changeUserRoleAction(_previous: unknown, formData: FormData) {
  return refreshed(invokeAction(changeUserRole, formData));
}

export async function setUserActiveAction(_previous: unknown, formData: FormData) {
  return refreshed(invokeAction(setUserActive, formData));
}

export async function issueInitialPasswordAction(_previous: unknown, formData: FormData) {
  return refreshed(invokeAction(issueInitialPassword, formData));
}
