import { apiRoute } from "@/lib/api/route";
import { getCase } from "@/lib/api/v1";

export const dynamic = "force-dynamic";

/** GET /api/v1/cases/{id} — one case; reading its confidential notes is audited. */
export const GET = apiRoute(getCase);
