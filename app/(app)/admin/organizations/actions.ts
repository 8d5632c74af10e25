"use server";

import { invokeAction } from "@/lib/auth/invoke-action";
import { addPartyKind } from "@/lib/admin/add-party-kind";
import { saveOrganization } from "@/lib/admin/save-organization";
import { setOrganizationActive } from "@/lib/admin/set-organization-active";

/** The organizations screen's server functions: each is one invokeAction (organization:manage). */

export async function saveOrganizationAction(_previous: unknown, formData: FormData) {
  return invokeAction(saveOrganization, formData, { refresh: true });
}

export async function setOrganizationActiveAction(_previous: unknown, formData: FormData) {
  return invokeAction(setOrganizationActive, formData, { refresh: true });
}

export async function addPartyKindAction(_previous: unknown, formData: FormData) {
  return invokeAction(addPartyKind, formData, { refresh: true });
}
