import { z } from "zod";
import { userRole } from "@/db/schema";
import {
  checkbox,
  choice,
  CREATING_NEEDS_KEY,
  creatingHasKey,
  idempotencyKeyToCreate,
  optionalText,
  recordId,
  requiredText,
  versionField,
} from "@/lib/validation/form-fields";

/**
 * Input of the administration actions (users, organizations, party kinds), as the admin forms post it.
 * Rules that need the database — is the e-mail free, does the organization exist, does the prefecture lie in
 * the block — live in the actions; message keys are under `validation.` and `admin.validation.`.
 */

const emailField = z
  .string({ error: "validation.required" })
  .trim()
  .min(1, "validation.required")
  .max(254)
  .transform((value) => value.normalize("NFKC"))
  .refine((value) => /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(value), "validation.email");

/** 招待: a new account in an organization, with a one-time initial password the action generates. */
export const inviteUserSchema = z.object({
  email: emailField,
  name: requiredText(100),
  nameKana: optionalText(100),
  organizationId: recordId(),
  role: choice(userRole.enumValues),
});
export type InviteUserInput = z.output<typeof inviteUserSchema>;

const userRef = { userId: recordId(), version: versionField() };

/** 無効化 / 再有効化. `active` is the state the admin wants, so a repeated click changes nothing. */
export const setUserActiveSchema = z.object({ ...userRef, active: checkbox() });

export const changeUserRoleSchema = z.object({ ...userRef, role: choice(userRole.enumValues) });

/** A new one-time initial password for a user who forgot theirs (there is no e-mail to send a link to). */
export const issueInitialPasswordSchema = z.object({ ...userRef });

const blankToUndefined = (value: unknown) => (typeof value === "string" && value.trim() === "" ? undefined : value);

/** A party kind's key as it travels in URLs and code: lower-case letters, digits and underscores. */
export const PARTY_KIND_KEY = /^[a-z][a-z0-9_]{1,31}$/;

/**
 * An organization. Without `id` it is created; with `id` and `version` it is an edit. The block may be left
 * empty only for a national body (特許庁); a prefecture, when given, decides the block.
 */
export const saveOrganizationSchema = z
  .object({
    id: z.preprocess(blankToUndefined, recordId().optional()),
    version: z.preprocess(blankToUndefined, versionField().optional()),
    nameJa: requiredText(200),
    nameEn: optionalText(200),
    partyKindKey: z.preprocess(
      blankToUndefined,
      z.string({ error: "validation.choose" }).regex(PARTY_KIND_KEY, "validation.choose"),
    ),
    blockCode: z.preprocess(blankToUndefined, z.string().regex(/^[a-z_]{2,32}$/, "validation.choose").optional()),
    prefectureCode: z.preprocess(
      (v) => (typeof v === "string" ? (v.trim() === "" ? undefined : Number(v.normalize("NFKC"))) : v),
      z.number({ error: "validation.prefecture" }).int("validation.prefecture").min(1, "validation.prefecture").max(47, "validation.prefecture").optional(),
    ),
    /** Creating: the form's one-time key, so that a double submit creates one organization. */
    idempotencyKey: idempotencyKeyToCreate(),
  })
  .refine((input) => input.id === undefined || input.version !== undefined, { path: ["version"], message: "validation.version" })
  .refine(creatingHasKey, CREATING_NEEDS_KEY);
export type SaveOrganizationInput = z.output<typeof saveOrganizationSchema>;

export const setOrganizationActiveSchema = z.object({ organizationId: recordId(), version: versionField(), active: checkbox() });

const RESERVED_PARTY_KEYS: readonly string[] = ["system", "external"];

/** 機関区分の追加 (e.g. 中小企業庁 `smea`): party kinds are data, DOMAIN.md. */
export const addPartyKindSchema = z.object({
  key: z
    .string({ error: "validation.required" })
    .trim()
    .toLowerCase()
    .regex(PARTY_KIND_KEY, "admin.validation.partyKindKey")
    // Words the UI already uses for "no party" (administrators) and "outside Renkei" (logged referrals).
    .refine((key) => !RESERVED_PARTY_KEYS.includes(key), "admin.validation.partyKindKey"),
  nameJa: requiredText(100),
  nameEn: requiredText(100),
});
export type AddPartyKindInput = z.output<typeof addPartyKindSchema>;
