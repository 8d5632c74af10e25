import { apiRoute } from "@/lib/api/route";
import { listCases } from "@/lib/api/v1";

export const dynamic = "force-dynamic";

/** GET /api/v1/cases?stage&prefecture&cursor&limit — cases the actor may open, most recently updated first. */
export const GET = apiRoute(listCases);
