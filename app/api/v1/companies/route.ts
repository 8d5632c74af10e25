import { apiRoute } from "@/lib/api/route";
import { listCompanies } from "@/lib/api/v1";

export const dynamic = "force-dynamic";

/** GET /api/v1/companies?q&prefecture&cursor&limit — companies the actor may find. */
export const GET = apiRoute(listCompanies);
