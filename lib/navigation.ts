import type { Actor } from "@/lib/authz/actor";
import { can } from "@/lib/authz/can";
import type { Permission } from "@/lib/authz/permissions";

/**
 * The sidebar, built from the actor's party and role. Every item names the permission its page requires, and
 * an item is shown only when can() grants it — the same table the pages and actions check, so the menu never
 * offers what the server would refuse. Hiding a link is convenience; the page's own check is the rule.
 */

export type NavIcon =
  | "home"
  | "tasks"
  | "map"
  | "cases"
  | "companies"
  | "referrals"
  | "inbox"
  | "send"
  | "intake"
  | "teams"
  | "kpi"
  | "users"
  | "organizations"
  | "audit";

export type NavLabelKey =
  | "dashboard"
  | "home"
  | "todayTasks"
  | "regionOverview"
  | "cases"
  | "companies"
  | "referrals"
  | "referralInbox"
  | "referralOutbox"
  | "ipNeedIntake"
  | "producerTeams"
  | "kpi"
  | "users"
  | "organizations"
  | "auditLog";

/**
 * A live number beside an item (TanStack Query over /api/v1/referrals/counts): the referrals awaiting the
 * organization's answer, or the sent ones that need chasing (overdue, follow-up due).
 */
export type NavBadge = "referrals" | "referralInbox" | "referralOutbox";

export interface NavItem {
  /** Unique within the menu; also the React key. */
  id: string;
  href: string;
  /** A key under `nav.` in lib/i18n/messages. */
  label: NavLabelKey;
  icon: NavIcon;
  permission: Permission;
  /** The page does not exist yet: the item is listed as 「準備中」 and is not a link. */
  planned: boolean;
  badge?: NavBadge;
}

/**
 * Pages that later work builds. Remove a path here when its page lands, and the menu links to it.
 */
export const PLANNED_PATHS: ReadonlySet<string> = new Set<string>([]);

type ItemSpec = Omit<NavItem, "planned">;

const ITEMS = {
  dashboard: { id: "dashboard", href: "/dashboard", label: "dashboard", icon: "home", permission: "dashboard:view" },
  home: { id: "dashboard", href: "/dashboard", label: "home", icon: "home", permission: "dashboard:view" },
  // My day: the signed-in user's overdue, today's and upcoming next actions, whatever their party.
  todayTasks: { id: "my-day", href: "/my-day", label: "todayTasks", icon: "tasks", permission: "next-action:complete" },
  regionOverview: { id: "dashboard", href: "/dashboard", label: "regionOverview", icon: "map", permission: "dashboard:view" },
  cases: { id: "cases", href: "/cases", label: "cases", icon: "cases", permission: "case:read" },
  companies: { id: "companies", href: "/companies", label: "companies", icon: "companies", permission: "company:read" },
  referrals: { id: "referrals", href: "/referrals", label: "referrals", icon: "referrals", permission: "referral:read", badge: "referrals" },
  referralInbox: {
    id: "referral-inbox",
    href: "/referrals?box=inbox",
    label: "referralInbox",
    icon: "inbox",
    permission: "referral:read",
    badge: "referralInbox",
  },
  referralOutbox: {
    id: "referral-outbox",
    href: "/referrals?box=outbox",
    label: "referralOutbox",
    icon: "send",
    permission: "referral:read",
    badge: "referralOutbox",
  },
  ipNeedIntake: { id: "ip-need-intake", href: "/referrals/new", label: "ipNeedIntake", icon: "intake", permission: "referral:send" },
  producerTeams: { id: "teams", href: "/teams", label: "producerTeams", icon: "teams", permission: "team:read" },
  kpi: { id: "kpi", href: "/kpi", label: "kpi", icon: "kpi", permission: "kpi:read" },
  users: { id: "users", href: "/admin/users", label: "users", icon: "users", permission: "user:manage" },
  organizations: { id: "organizations", href: "/admin/organizations", label: "organizations", icon: "organizations", permission: "organization:manage" },
  auditLog: { id: "audit", href: "/audit", label: "auditLog", icon: "audit", permission: "audit:read" },
} as const satisfies Record<string, ItemSpec>;

/** Each party's own order: what its people open first comes first (DOMAIN.md, "Who sees what"). */
const PARTY_MENUS: Record<string, readonly ItemSpec[]> = {
  // 経産局: the region's picture, its producer teams and KPIs; case details only where they are members.
  meti: [ITEMS.regionOverview, ITEMS.producerTeams, ITEMS.kpi, ITEMS.todayTasks, ITEMS.cases, ITEMS.companies, ITEMS.referrals],
  // INPIT desks: today's next actions, then the desk's home, their cases, companies and referrals.
  inpit: [ITEMS.todayTasks, ITEMS.home, ITEMS.cases, ITEMS.companies, ITEMS.referrals],
  // 弁理士会 works from the referral inbox.
  jpaa: [ITEMS.referralInbox, ITEMS.home, ITEMS.todayTasks, ITEMS.cases, ITEMS.companies],
  // 商工会議所: spot an IP need and refer the company on, then follow what became of it (closed loop).
  jcci: [ITEMS.ipNeedIntake, ITEMS.referralOutbox, ITEMS.home, ITEMS.todayTasks, ITEMS.companies, ITEMS.cases],
};

/** A party kind added later (the list is data) gets the general menu until it is given its own. */
const GENERAL_MENU: readonly ItemSpec[] = [ITEMS.home, ITEMS.todayTasks, ITEMS.cases, ITEMS.companies, ITEMS.referrals];

/** Administrators manage users and organizations and read the audit log; they get no case content. */
const ADMIN_MENU: readonly ItemSpec[] = [ITEMS.dashboard, ITEMS.users, ITEMS.organizations, ITEMS.auditLog];

/** Added after the party's menu for roles that need them, when the party's menu does not have them already. */
const ROLE_EXTRAS: Partial<Record<Actor["role"], readonly ItemSpec[]>> = {
  producer: [ITEMS.producerTeams],
  manager: [ITEMS.kpi, ITEMS.auditLog],
};

export function buildNavigation(actor: Pick<Actor, "role" | "partyKind">): NavItem[] {
  const partyMenu = actor.partyKind ? PARTY_MENUS[actor.partyKind] : undefined;
  const base = actor.role === "admin" ? ADMIN_MENU : (partyMenu ?? GENERAL_MENU);
  const extras = actor.role === "admin" ? [] : (ROLE_EXTRAS[actor.role] ?? []);
  const seen = new Set<string>();
  const items: NavItem[] = [];
  for (const spec of [...base, ...extras]) {
    if (seen.has(spec.id) || !can(actor, spec.permission)) continue;
    seen.add(spec.id);
    items.push({ ...spec, planned: PLANNED_PATHS.has(spec.href.split("?")[0]!) });
  }
  return items;
}

/** Query parameters whose absence means a default value, so that `/referrals` marks the inbox item current. */
const QUERY_DEFAULTS: Record<string, Record<string, string>> = { "/referrals": { box: "inbox" } };

/**
 * Is this item the current page? A path matches itself and the pages below it (`/cases` for `/cases/123`).
 * An item with a query (`/referrals?box=outbox`) is one view of a list: it matches that list only, with the
 * same parameters.
 */
export function isNavItemActive(item: Pick<NavItem, "href">, pathname: string, searchParams: URLSearchParams): boolean {
  const [path = "", query = ""] = item.href.split("?");
  const exactOnly = path === "/dashboard" || query !== "";
  const onPath = pathname === path || (!exactOnly && pathname.startsWith(`${path}/`));
  if (!onPath) return false;
  const defaults = QUERY_DEFAULTS[path] ?? {};
  for (const [name, value] of new URLSearchParams(query)) {
    if ((searchParams.get(name) ?? defaults[name]) !== value) return false;
  }
  return true;
}
