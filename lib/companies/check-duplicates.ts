import { defineAction } from "@/lib/authz/action";
import { findDuplicateCandidates, type DuplicateCandidate } from "./find-duplicates";
import { createCompanySchema } from "./schema";

/** The registration form's own fields that decide a duplicate, validated exactly as the registration will be. */
const checkDuplicatesSchema = createCompanySchema.pick({ corporateNumber: true, name: true, prefectureCode: true });

/**
 * 重複確認 before registering: the registration form asks while the user types, so that likely duplicates (same
 * 法人番号, or the same normalized name in the same prefecture) are shown before anything is submitted. It runs
 * through the action wrapper like the registration itself — the same authentication, the same permission
 * (company:create: whoever may not register learns nothing here either) and the same validation, so a wrong
 * check digit is reported while typing. It reads only, and so declares that it changed nothing.
 */
export const checkCompanyDuplicates = defineAction({
  name: "company.check_duplicates",
  permission: "company:create",
  schema: checkDuplicatesSchema,
  handler: async ({ actor, tx, input, declareUnchanged }): Promise<DuplicateCandidate[]> => {
    declareUnchanged();
    return findDuplicateCandidates(tx, actor, {
      corporateNumber: input.corporateNumber,
      name: input.name,
      prefectureCode: input.prefectureCode,
    });
  },
});
