import { z } from "zod";
import { found, parseQuery, routeParam, type ApiHandler } from "@/lib/api/handle-api-request";
import { fiscalYearParam, serializeKpiReport } from "@/lib/kpi/api";
import { findTeamsForActor, getTeamDashboardForActor } from "./queries";

/**
 * The producer-team handlers of the JSON API v1 (app/api/v1/teams); a team the actor may not open answers 404.
 */

/** GET /api/v1/teams?fy — producer teams the actor may open (all years when fy is absent). */
export const listTeams: ApiHandler = async (context) => {
  const query = parseQuery(context, z.object({ fy: fiscalYearParam.optional() }));
  return { items: await findTeamsForActor(context.db, context.actor, { fiscalYear: query.fy }) };
};

/** GET /api/v1/teams/{id}?fy — one team's dashboard. */
export const getTeam: ApiHandler = async (context) => {
  const query = parseQuery(context, z.object({ fy: fiscalYearParam.optional() }));
  const dashboard = found(await getTeamDashboardForActor(context.db, context.actor, routeParam(context, "id"), { fiscalYear: query.fy }));
  return { ...dashboard, kpi: serializeKpiReport(dashboard.kpi) };
};
