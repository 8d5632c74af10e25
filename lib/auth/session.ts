import { cache } from "react";
import { cookies } from "next/headers";
import { notFound, redirect } from "next/navigation";
import { getDb } from "@/db/client";
import { loadActor, type Actor } from "@/lib/authz/actor";
import { can } from "@/lib/authz/can";
import type { Permission } from "@/lib/authz/permissions";
import { auth } from "./index";
import { sessionCookieKey, VerifiedSessions } from "./verified-sessions";

const verifiedSessions = new VerifiedSessions();

/**
 * The session's user id, or null. Only an id: everything else is re-read by getActor(). A cookie Auth.js verified
 * within the last minute is not decrypted again (./verified-sessions.ts).
 */
export async function getSessionUserId(): Promise<string | null> {
  const key = sessionCookieKey((await cookies()).getAll());
  if (key === null) return null;
  const known = verifiedSessions.get(key);
  if (known !== undefined) return known;
  const session = await auth();
  const userId = session?.user?.id ?? null;
  if (userId) verifiedSessions.remember(key, userId);
  return userId;
}

/** The current actor, re-read from the database once per request; null when signed out or deactivated. */
export const getActor = cache(async (): Promise<Actor | null> => {
  const userId = await getSessionUserId();
  return userId ? loadActor(getDb(), userId) : null;
});

/** For pages and layouts: the actor, or a redirect to sign-in. */
export async function requireActor(): Promise<Actor> {
  const actor = await getActor();
  if (!actor) redirect("/sign-in");
  return actor;
}

/** For pages: the actor holding a permission; a page the actor may not use does not exist for them. */
export async function requirePermission(permission: Permission): Promise<Actor> {
  const actor = await requireActor();
  if (!can(actor, permission)) notFound();
  return actor;
}
