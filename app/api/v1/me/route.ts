import { apiRoute } from "@/lib/api/route";
import { getMe } from "@/lib/api/v1";

export const dynamic = "force-dynamic";

/** GET /api/v1/me — the signed-in user, organization, party, role and permissions. */
export const GET = apiRoute(getMe);
