export { PERMISSIONS, ROLE_PERMISSIONS, PARTY_DENIED, permissionsFor, type Permission } from "./permissions";
export { loadActor, type Actor } from "./actor";
export { can, assertCan } from "./can";
export { NotFoundError, ForbiddenError, ConflictError, DomainValidationError } from "./errors";
export {
  caseScope,
  companyScope,
  contactAccessForCompany,
  referralBoxScope,
  referralScope,
  confidentialNoteScope,
  confidentialNoteAccessForCase,
  ipRightScope,
  LIVE_REFERRAL_STATUSES,
  OPEN_REFERRAL_STATUSES,
} from "./scopes";
export { defineAction, runAction, formDataToObject, type ActionResult, type ActionContext, type ActionDefinition } from "./action";
