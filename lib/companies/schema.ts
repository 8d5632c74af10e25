import { z } from "zod";
import { contactMethod, ipRightKind, ipRightStatus, type Company } from "@/db/schema";
import {
  checkbox,
  choice,
  CREATING_NEEDS_KEY,
  creatingHasKey,
  idempotencyKey,
  idempotencyKeyToCreate,
  optionalDate,
  optionalInteger,
  optionalText,
  recordId,
  requiredText,
  versionField,
} from "@/lib/validation/form-fields";
import { isValidCorporateNumber, normalizeCorporateNumber } from "./corporate-number";
import { normalizeKanaReading } from "./normalize-kana";

/**
 * 法人番号 as typed: full-width digits, spaces and hyphens are accepted and normalized to 13 ASCII digits;
 * a number whose check digit does not match is refused (it is a typo, not a company). Blank → null, since
 * sole proprietors and founders-to-be have none.
 */
export const corporateNumberField = z.preprocess(
  (v) => (typeof v === "string" && v.trim() === "" ? null : v),
  z
    .string()
    .nullable()
    .optional()
    .transform((value, ctx) => {
      if (value === null || value === undefined) return value;
      const normalized = normalizeCorporateNumber(value);
      if (normalized === null) {
        ctx.addIssue({ code: "custom", message: "validation.corporateNumber.format" });
        return z.NEVER;
      }
      if (!isValidCorporateNumber(normalized)) {
        ctx.addIssue({ code: "custom", message: "validation.corporateNumber.checkDigit" });
        return z.NEVER;
      }
      return normalized;
    }),
);

const prefectureCodeField = z.preprocess(
  (v) => (typeof v === "string" ? (v.trim() === "" ? undefined : Number(v.normalize("NFKC"))) : v),
  z
    .number({ error: "validation.prefecture" })
    .int("validation.prefecture")
    .min(1, "validation.prefecture")
    .max(47, "validation.prefecture"),
);

const websiteField = optionalText(500).refine((value) => {
  if (value === null || value === undefined) return true;
  try {
    const url = new URL(value);
    return url.protocol === "http:" || url.protocol === "https:";
  } catch {
    return false;
  }
}, "validation.url");

/**
 * A kana reading (フリガナ), stored in one form whatever the IME typed (./normalize-kana.ts): hiragana and
 * half-width katakana are found by the same searches as the full-width katakana they become.
 */
function kanaReading(max: number) {
  return optionalText(max).transform((value) => (typeof value === "string" ? normalizeKanaReading(value) : value));
}

/** A checkbox on an edit form: absent means "not sent" — the form posts a hidden "false" before the box. */
function optionalCheckbox() {
  return checkbox().optional();
}

/** The company's own fields, as the registration and edit forms send them. */
const companyFields = {
  corporateNumber: corporateNumberField,
  name: requiredText(200),
  nameKana: kanaReading(200),
  prefectureCode: prefectureCodeField,
  city: optionalText(100),
  address: optionalText(300),
  industry: optionalText(100),
  employeeCount: optionalInteger(0, 10_000_000),
  capitalYen: optionalInteger(0, Number.MAX_SAFE_INTEGER),
  website: websiteField,
  foundedOn: optionalDate(),
};

export const createCompanySchema = z.object({
  ...companyFields,
  isProvisional: checkbox(),
  /** The user saw the likely duplicates and registers the company anyway. */
  confirmDuplicate: checkbox(),
  idempotencyKey: idempotencyKey(),
});

export const updateCompanySchema = z.object({
  id: recordId(),
  version: versionField(),
  ...companyFields,
  isProvisional: optionalCheckbox(),
});

/** The fields a company edit may change: what a stale edit's conflict shows as "now". */
export const EDITABLE_COMPANY_FIELDS = [
  "corporateNumber",
  "name",
  "nameKana",
  "prefectureCode",
  "city",
  "address",
  "industry",
  "employeeCount",
  "capitalYen",
  "website",
  "foundedOn",
  "isProvisional",
] as const satisfies readonly (keyof Company)[];

/** A company as the audit log records it: its own fields, without the derived search columns. */
export function auditViewOfCompany(company: Company) {
  const { searchText: _searchText, searchBigrams: _searchBigrams, ...rest } = company;
  return rest;
}

export const mergeCompaniesSchema = z
  .object({
    /** The duplicate that goes away. */
    sourceId: recordId(),
    sourceVersion: versionField(),
    /** The record that stays and receives everything. */
    targetId: recordId(),
    targetVersion: versionField(),
  })
  .refine((input) => input.sourceId !== input.targetId, {
    path: ["targetId"],
    message: "validation.company.mergeIntoItself",
  });

const emailField = optionalText(254).refine(
  (value) => value === null || value === undefined || /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(value),
  "validation.email",
);

/**
 * A contact person (担当者・代表者) — personal data. Without `id` it is added to the company; with `id` and
 * `version` it is an edit of that contact.
 */
export const saveContactSchema = z
  .object({
    companyId: recordId(),
    id: z.preprocess((v) => (v === "" ? undefined : v), recordId().optional()),
    version: z.preprocess((v) => (v === "" ? undefined : v), versionField().optional()),
    name: requiredText(100),
    nameKana: kanaReading(100),
    title: optionalText(100),
    /** Absent on an edit: left as it is (the edit form posts a hidden "false" before the box). */
    isRepresentative: optionalCheckbox(),
    email: emailField,
    phone: optionalText(50),
    preferredContactMethod: choice(contactMethod.enumValues).optional(),
    notes: optionalText(2000),
    /** Adding a contact: the form's one-time key, so that a double submit adds one contact. */
    idempotencyKey: idempotencyKeyToCreate(),
  })
  .refine((input) => input.id === undefined || input.version !== undefined, {
    path: ["version"],
    message: "validation.version",
  })
  .refine(creatingHasKey, CREATING_NEEDS_KEY);

/** 保有知財: an IP right the company holds or has applied for; with `id` and `version` an edit. */
export const saveIpRightSchema = z
  .object({
    companyId: recordId(),
    id: z.preprocess((v) => (v === "" ? undefined : v), recordId().optional()),
    version: z.preprocess((v) => (v === "" ? undefined : v), versionField().optional()),
    kind: choice(ipRightKind.enumValues),
    title: requiredText(200),
    applicationNumber: optionalText(50),
    registrationNumber: optionalText(50),
    status: choice(ipRightStatus.enumValues),
    filedOn: optionalDate(),
    registeredOn: optionalDate(),
    /** Adding a right: the form's one-time key, so that a double submit adds one right. */
    idempotencyKey: idempotencyKeyToCreate(),
  })
  .refine((input) => input.id === undefined || input.version !== undefined, {
    path: ["version"],
    message: "validation.version",
  })
  .refine(creatingHasKey, CREATING_NEEDS_KEY)
  // A registered right is known by its registration number; without it the record cannot be checked.
  .refine((input) => input.status !== "registered" || Boolean(input.registrationNumber), {
    path: ["registrationNumber"],
    message: "validation.ipRight.registrationNumberRequired",
  });
