import type { DbHandle } from "@/db/client";

/** How long the database gets to answer `select 1` before the check calls it unavailable. */
export const HEALTH_TIMEOUT_MS = 3000;

/** What the check needs of a database handle: its engine's name and a way to run SQL. */
export type HealthProbe = Pick<DbHandle, "engine" | "raw">;

/**
 * GET /api/health (app/api/health/route.ts): 200 when the database answers within the timeout, 503 otherwise —
 * whether opening the handle throws, the query fails, or it never answers (a hung connection must not hang the
 * load balancer's probe). Public, so it reveals liveness and the engine, never the error. The handle comes in
 * as a function so that tests pass failing and hanging databases, and so that a throw while opening is a 503.
 */
export async function healthResponse(openHandle: () => HealthProbe, timeoutMs = HEALTH_TIMEOUT_MS): Promise<Response> {
  const headers = { "Cache-Control": "no-store" };
  let timer: ReturnType<typeof setTimeout> | undefined;
  try {
    const handle = openHandle();
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error("database timeout")), timeoutMs);
    });
    await Promise.race([handle.raw("select 1"), timeout]);
    return Response.json({ status: "ok", database: handle.engine }, { headers });
  } catch {
    return Response.json({ status: "unavailable" }, { status: 503, headers });
  } finally {
    // The race is decided: a pending timer would keep a serverless instance (or a test) alive for 3 s.
    clearTimeout(timer);
  }
}
