import { apiRoute } from "@/lib/api/route";
import { getTeam } from "@/lib/teams/api";

export const dynamic = "force-dynamic";

/** GET /api/v1/teams/{id}?fy — a producer team's dashboard; 404 when the actor may not open it. */
export const GET = apiRoute(getTeam);
