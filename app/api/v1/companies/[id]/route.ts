import { apiRoute } from "@/lib/api/route";
import { getCompany } from "@/lib/api/v1";

export const dynamic = "force-dynamic";

/** GET /api/v1/companies/{id} — one company; 404 when outside the actor's scope. */
export const GET = apiRoute(getCompany);
