import type { UserRole } from "@/db/schema";

/**
 * Every permission in Renkei, as `resource:action`. A permission says what kind of thing a role may do;
 * *which* records it may do it to is decided by the query scopes in ./scopes.ts.
 */
export const PERMISSIONS = [
  "dashboard:view",
  "company:read",
  "company:create",
  "company:update",
  "company:merge",
  "contact:read",
  "contact:write",
  "case:read",
  "case:create",
  "case:update",
  "activity:create",
  "next-action:complete",
  "confidential:read",
  "confidential:write",
  "consent:record",
  "referral:read",
  "referral:send",
  "referral:respond",
  "referral:withdraw",
  "referral:revoke",
  "notification:read",
  "team:read",
  "team:manage",
  "kpi:read",
  "kpi:set",
  "pdca:write",
  "report:read",
  "export:read",
  "audit:read",
  "user:manage",
  "organization:manage",
] as const;
export type Permission = (typeof PERMISSIONS)[number];

const coordinator: Permission[] = [
  "dashboard:view",
  "company:read",
  "company:create",
  "company:update",
  "contact:read",
  "contact:write",
  "case:read",
  "case:create",
  "case:update",
  "activity:create",
  "next-action:complete",
  "confidential:read",
  "confidential:write",
  "consent:record",
  "referral:read",
  "referral:send",
  "referral:respond",
  "referral:withdraw",
  "notification:read",
  "team:read",
  "kpi:read",
  "report:read",
  "export:read",
];

/** What each role may do, before the party adjustments below. */
export const ROLE_PERMISSIONS: Record<UserRole, readonly Permission[]> = {
  coordinator,
  // 管理者: everything of the organization, KPI targets, the audit view.
  manager: [...coordinator, "company:merge", "referral:revoke", "team:manage", "kpi:set", "pdca:write", "audit:read"],
  // 事業プロデューサー: the team's dashboard and cases, and the team's PDCA notes.
  producer: [...coordinator, "pdca:write"],
  // Administrators manage users and organizations. They get no case content at all: confidential notes
  // must never reach an administrator by default (DOMAIN.md, Confidentiality).
  admin: ["dashboard:view", "notification:read", "user:manage", "organization:manage", "audit:read"],
};

/**
 * Party adjustments: permissions a party kind never has, whatever the role. Party kinds are data; a kind
 * not listed here (e.g. the SME Agency, added later) gets the role's permissions unchanged.
 */
export const PARTY_DENIED: Record<string, readonly Permission[]> = {
  // 弁理士会 works from referrals: it sees a company only through a live referral or a case it is a member of,
  // so it neither registers nor merges companies.
  jpaa: ["company:create", "company:merge"],
};

export function permissionsFor(role: UserRole, partyKind: string | null): ReadonlySet<Permission> {
  const denied = new Set(partyKind ? (PARTY_DENIED[partyKind] ?? []) : []);
  return new Set(ROLE_PERMISSIONS[role].filter((p) => !denied.has(p)));
}
