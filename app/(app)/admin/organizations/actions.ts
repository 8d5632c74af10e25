"use server";

import { refresh } from "next/cache";
import { invokeAction } from "@/lib/auth/invoke-action";
import type { ActionResult } from "@/lib/authz/action";
import { addPartyKind } from "@/lib/admin/add-party-kind";
import { saveOrganization } from "@/lib/admin/save-organization";
import { setOrganizationActive } from "@/lib/admin/set-organization-active";

/** The organizations screen's server functions: each is one invokeAction (organization:manage). */

async function refreshed<T>(pending: Promise<ActionResult<T>>): Promise<ActionResult<T>> {
  const result = await pending;
  if (result.ok) refresh();
  return result;
}

export async function saveOrganizationAction(_previous: unknown, formData: FormData) {
  return refreshed(invokeAction(saveOrganization, formData));
}

export async function setOrganizationActiveAction(_previous: unknown, formData: FormData) {
  return refreshed(invokeAction(setOrganizationActive, formData));
}

export async function addPartyKindAction(_previous: unknown, formData: FormData) {
  return refreshed(invokeAction(addPartyKind, formData));
}
