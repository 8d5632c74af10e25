"use server";

import { invokeAction } from "@/lib/auth/invoke-action";
import { checkCompanyDuplicates } from "@/lib/companies/check-duplicates";
import { createCompany } from "@/lib/companies/create-company";
import { mergeCompanies } from "@/lib/companies/merge-companies";
import { saveContact } from "@/lib/companies/save-contact";
import { saveIpRight } from "@/lib/companies/save-ip-right";
import { updateCompany } from "@/lib/companies/update-company";

/**
 * The company screens' server functions. Each is a public endpoint whose body is invokeAction: authentication,
 * permission, validation and the audit row happen there. Edits re-render the page they came from in the same
 * round trip (`{ refresh: true }`); creating and merging navigate elsewhere, so they do not.
 */

export async function checkCompanyDuplicatesAction(input: { name: string; prefectureCode: string; corporateNumber: string }) {
  return invokeAction(checkCompanyDuplicates, input);
}

export async function createCompanyAction(_previous: unknown, formData: FormData) {
  return invokeAction(createCompany, formData);
}

export async function updateCompanyAction(_previous: unknown, formData: FormData) {
  return invokeAction(updateCompany, formData, { refresh: true });
}

export async function mergeCompaniesAction(_previous: unknown, formData: FormData) {
  return invokeAction(mergeCompanies, formData);
}

export async function saveContactAction(_previous: unknown, formData: FormData) {
  return invokeAction(saveContact, formData, { refresh: true });
}

export async function saveIpRightAction(_previous: unknown, formData: FormData) {
  return invokeAction(saveIpRight, formData, { refresh: true });
}
