import { cache } from "react";
import { notFound, redirect } from "next/navigation";
import { getDb } from "@/db/client";
import { loadActor, type Actor } from "@/lib/authz/actor";
import { can } from "@/lib/authz/can";
import type { Permission } from "@/lib/authz/permissions";
import { auth } from "./index";

/** The session's user id, or null. Only an id: everything else is re-read by getActor(). */
export async function getSessionUserId(): Promise<string | null> {
  const session = await auth();
  return session?.user?.id ?? null;
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
