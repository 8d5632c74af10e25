import { getDbHandle } from "@/db/client";
import { healthResponse } from "@/lib/health";

export const dynamic = "force-dynamic";

/** 200 when the database answers, 503 when it does not (lib/health.ts). Public: it reveals nothing but liveness. */
export async function GET() {
  return healthResponse(getDbHandle);
}
