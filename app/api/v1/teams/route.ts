import { apiRoute } from "@/lib/api/route";
import { listTeams } from "@/lib/teams/api";

export const dynamic = "force-dynamic";

/** GET /api/v1/teams?fy — producer teams the actor may open. */
export const GET = apiRoute(listTeams);
