import { z } from "zod";
import { caseStage, referralStatus } from "@/db/schema";
import { prefectureParam } from "@/lib/cases/list-filters";
import { findCasesForActor, getCaseForActor } from "@/lib/cases/queries";
import { findCompaniesForActor, getCompanyForActor } from "@/lib/companies/queries";
import { MAX_CURSOR_LENGTH, MAX_PAGE_SIZE } from "@/lib/pagination";
import { findReferralsForActor, getReferralForActor } from "@/lib/referrals/queries";
import { found, parseQuery, routeParam, type ApiHandler } from "./handle-api-request";
import { getProfileForActor } from "./me";

/**
 * The handlers of the JSON API v1, one per route. Each route file under app/api/v1 is
 * `export const GET = apiRoute(handler)`; tests run these same handlers through handleApiRequest.
 */

/** Text parameters end up in SQL parameters, where PostgreSQL refuses NUL: refuse it as a 400 first. */
const text = (max: number) => z.string().max(max).regex(/^[^\u0000]*$/);

const pageQuery = {
  cursor: text(MAX_CURSOR_LENGTH).optional(),
  limit: z.coerce.number().int().min(1).max(MAX_PAGE_SIZE).optional(),
};

export const getMe: ApiHandler = ({ db, actor }) => getProfileForActor(db, actor);

const companiesQuery = z.object({
  ...pageQuery,
  q: text(100).optional(),
  prefecture: z.coerce.number().int().min(1).max(47).optional(),
});

export const listCompanies: ApiHandler = (context) =>
  findCompaniesForActor(context.db, context.actor, parseQuery(context, companiesQuery));

export const getCompany: ApiHandler = async (context) =>
  found(await getCompanyForActor(context.db, context.actor, routeParam(context, "id")));

const casesQuery = z.object({ ...pageQuery, stage: z.enum(caseStage.enumValues).optional(), prefecture: prefectureParam.optional() });

export const listCases: ApiHandler = (context) => findCasesForActor(context.db, context.actor, parseQuery(context, casesQuery));

export const getCase: ApiHandler = async (context) =>
  found(await getCaseForActor(context.db, context.actor, routeParam(context, "id")));

const referralsQuery = z.object({
  ...pageQuery,
  box: z.enum(["inbox", "outbox"]),
  status: z.enum(referralStatus.enumValues).optional(),
});

export const listReferrals: ApiHandler = (context) =>
  findReferralsForActor(context.db, context.actor, parseQuery(context, referralsQuery));

export const getReferral: ApiHandler = async (context) =>
  found(await getReferralForActor(context.db, context.actor, routeParam(context, "id")));
