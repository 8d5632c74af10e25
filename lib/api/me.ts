import { eq } from "drizzle-orm";
import type { Queryable } from "@/db/client";
import { organizations, partyKinds, prefectures, regionalBlocks, type UserRole } from "@/db/schema";
import type { Actor } from "@/lib/authz/actor";
import { PERMISSIONS, permissionsFor, type Permission } from "@/lib/authz/permissions";

export interface Profile {
  user: { id: string; name: string; email: string; locale: string };
  organization: {
    id: string;
    nameJa: string;
    nameEn: string | null;
    block: { code: string; nameJa: string; nameEn: string } | null;
    prefecture: { code: number; nameJa: string; nameEn: string } | null;
  };
  /** The party kind (経産局, INPIT, …); null for the system organization of administrators. */
  party: { key: string; nameJa: string; nameEn: string } | null;
  role: UserRole;
  /** What the role may do in this party, in the order of PERMISSIONS; the client hides what it may not. */
  permissions: Permission[];
  teamIds: string[];
}

/** The signed-in user's own profile: who they are, for which organization and party, and what they may do. */
export async function getProfileForActor(db: Queryable, actor: Actor): Promise<Profile> {
  // The actor's own organization: no scope beyond "it is theirs".
  const [org] = await db
    .select({
      nameEn: organizations.nameEn,
      partyKey: partyKinds.key,
      partyNameJa: partyKinds.nameJa,
      partyNameEn: partyKinds.nameEn,
      blockCode: regionalBlocks.code,
      blockNameJa: regionalBlocks.nameJa,
      blockNameEn: regionalBlocks.nameEn,
      prefectureCode: prefectures.code,
      prefectureNameJa: prefectures.nameJa,
      prefectureNameEn: prefectures.nameEn,
    })
    .from(organizations)
    .leftJoin(partyKinds, eq(partyKinds.key, organizations.partyKindKey))
    .leftJoin(regionalBlocks, eq(regionalBlocks.code, organizations.blockCode))
    .leftJoin(prefectures, eq(prefectures.code, organizations.prefectureCode))
    .where(eq(organizations.id, actor.orgId))
    .limit(1);

  const granted = permissionsFor(actor.role, actor.partyKind);
  return {
    user: { id: actor.userId, name: actor.name, email: actor.email, locale: actor.locale },
    organization: {
      id: actor.orgId,
      nameJa: actor.orgName,
      nameEn: org?.nameEn ?? null,
      block:
        org?.blockCode && org.blockNameJa && org.blockNameEn
          ? { code: org.blockCode, nameJa: org.blockNameJa, nameEn: org.blockNameEn }
          : null,
      prefecture:
        org?.prefectureCode && org.prefectureNameJa && org.prefectureNameEn
          ? { code: org.prefectureCode, nameJa: org.prefectureNameJa, nameEn: org.prefectureNameEn }
          : null,
    },
    party:
      org?.partyKey && org.partyNameJa && org.partyNameEn
        ? { key: org.partyKey, nameJa: org.partyNameJa, nameEn: org.partyNameEn }
        : null,
    role: actor.role,
    permissions: PERMISSIONS.filter((p) => granted.has(p)),
    teamIds: actor.teamIds,
  };
}
