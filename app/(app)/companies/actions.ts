"use server";

import { refresh } from "next/cache";
import { invokeAction } from "@/lib/auth/invoke-action";
import type { ActionResult } from "@/lib/authz/action";
import { checkCompanyDuplicates } from "@/lib/companies/check-duplicates";
import { createCompany } from "@/lib/companies/create-company";
import { mergeCompanies } from "@/lib/companies/merge-companies";
import { saveContact } from "@/lib/companies/save-contact";
import { saveIpRight } from "@/lib/companies/save-ip-right";
import { updateCompany } from "@/lib/companies/update-company";

/**
 * The company screens' server functions. Each is a public endpoint whose body is invokeAction: authentication,
 * permission, validation and the audit row happen there. Edits re-render the page they came from in the same
 * round trip (refresh()); creating and merging navigate elsewhere, so they do not.
 */

async function refreshed<T>(pending: Promise<ActionResult<T>>): Promise<ActionResult<T>> {
  const result = await pending;
  if (result.ok) refresh();
  return result;
}

export async function checkCompanyDuplicatesAction(input: { name: string; prefectureCode: string; corporateNumber: string }) {
  return invokeAction(checkCompanyDuplicates, input);
}

export async function createCompanyAction(_previous: unknown, formData: FormData) {
  return invokeAction(createCompany, formData);
}

export async function updateCompanyAction(_previous: unknown, formData: FormData) {
  return refreshed(invokeAction(updateCompany, formData));
}

export async function mergeCompaniesAction(_previous: unknown, formData: FormData) {
  return invokeAction(mergeCompanies, formData);
}

export async function saveContactAction(_previous: unknown, formData: FormData) {
  return refreshed(invokeAction(saveContact, formData));
}

export async function saveIpRightAction(_previous: unknown, formData: FormData) {
  return refreshed(invokeAction(saveIpRight, formData));
}
