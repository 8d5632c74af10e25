import { apiRoute } from "@/lib/api/route";
import { listKpiScopes } from "@/lib/kpi/api";

export const dynamic = "force-dynamic";

/** GET /api/v1/kpi/scopes?fy — the KPI scopes the actor may see that fiscal year. */
export const GET = apiRoute(listKpiScopes);
