import { sql } from "drizzle-orm";
import { getDbHandle } from "@/db/client";

export const dynamic = "force-dynamic";

/** 200 when the database answers, 503 when it does not. Public: it reveals nothing but liveness. */
export async function GET() {
  try {
    const handle = getDbHandle();
    await Promise.race([
      handle.db.execute(sql`select 1`),
      new Promise((_, reject) => setTimeout(() => reject(new Error("database timeout")), 3000)),
    ]);
    return Response.json({ status: "ok", database: handle.engine });
  } catch {
    return Response.json({ status: "unavailable" }, { status: 503 });
  }
}
