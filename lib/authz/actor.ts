import { and, eq } from "drizzle-orm";
import type { Queryable } from "@/db/client";
import { organizations, producerTeamMembers, users, type UserRole } from "@/db/schema";

/**
 * The signed-in user as the server sees them on this request: always re-read from the database, never
 * taken from the session cookie, so that a role change or a deactivation takes effect on the next request.
 */
export interface Actor {
  userId: string;
  email: string;
  name: string;
  role: UserRole;
  locale: string;
  orgId: string;
  orgName: string;
  /** meti / inpit / jpaa / jcci / … ; null for the system organization of administrators. */
  partyKind: string | null;
  blockCode: string | null;
  prefectureCode: number | null;
  /** Producer teams the user belongs to (as lead or member). */
  teamIds: string[];
}

export async function loadActor(db: Queryable, userId: string): Promise<Actor | null> {
  if (!/^[0-9a-f-]{36}$/i.test(userId)) return null;
  const [row] = await db
    .select({
      userId: users.id,
      email: users.email,
      name: users.name,
      role: users.role,
      locale: users.locale,
      orgId: organizations.id,
      orgName: organizations.nameJa,
      partyKind: organizations.partyKindKey,
      blockCode: organizations.blockCode,
      prefectureCode: organizations.prefectureCode,
    })
    .from(users)
    .innerJoin(organizations, eq(organizations.id, users.organizationId))
    .where(and(eq(users.id, userId), eq(users.isActive, true), eq(organizations.isActive, true)))
    .limit(1);
  if (!row) return null;
  const teams = await db
    .select({ teamId: producerTeamMembers.teamId })
    .from(producerTeamMembers)
    .where(eq(producerTeamMembers.userId, userId));
  return { ...row, teamIds: teams.map((t) => t.teamId) };
}
