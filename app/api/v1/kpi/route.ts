import { apiRoute } from "@/lib/api/route";
import { getKpi } from "@/lib/kpi/api";

export const dynamic = "force-dynamic";

/** GET /api/v1/kpi?fy&scope&ref — targets, actuals and last year's same point of a scope, with its PDCA notes. */
export const GET = apiRoute(getKpi);
