import { describe, expect, it } from "vitest";
import type { Actor } from "@/lib/authz/actor";
import { can } from "@/lib/authz/can";
import { buildNavigation, isNavItemActive, PLANNED_PATHS } from "./navigation";

type Who = Pick<Actor, "role" | "partyKind">;
const labels = (who: Who) => buildNavigation(who).map((item) => item.label);
const hrefs = (who: Who) => buildNavigation(who).map((item) => item.href);

describe("buildNavigation", () => {
  it("gives administrators user, organization and audit screens and nothing with case content", () => {
    const admin: Who = { role: "admin", partyKind: null };
    expect(labels(admin)).toEqual(["dashboard", "users", "organizations", "auditLog"]);
    expect(hrefs(admin).some((href) => /^\/(cases|companies|referrals)/.test(href))).toBe(false);
  });

  it("puts the referral inbox first for 弁理士会", () => {
    const items = buildNavigation({ role: "coordinator", partyKind: "jpaa" });
    expect(items[0]).toMatchObject({ label: "referralInbox", href: "/referrals?box=inbox", planned: false });
  });

  it("opens with the IP need intake and the referrals sent for 商工会議所", () => {
    expect(labels({ role: "coordinator", partyKind: "jcci" }).slice(0, 2)).toEqual(["ipNeedIntake", "referralOutbox"]);
  });

  it("shows 経産局 their region, producer teams and KPIs", () => {
    expect(labels({ role: "coordinator", partyKind: "meti" }).slice(0, 3)).toEqual(["regionOverview", "producerTeams", "kpi"]);
  });

  it("shows INPIT desks today's tasks, then their home, cases, companies and referrals", () => {
    expect(labels({ role: "coordinator", partyKind: "inpit" })).toEqual(["todayTasks", "home", "cases", "companies", "referrals"]);
  });

  it("links today's tasks to My day for everyone who takes next actions, and not for administrators", () => {
    for (const partyKind of ["meti", "inpit", "jpaa", "jcci", "sme"]) {
      expect(buildNavigation({ role: "coordinator", partyKind }).find((i) => i.label === "todayTasks")).toMatchObject({ href: "/my-day", planned: false });
    }
    expect(labels({ role: "admin", partyKind: null })).not.toContain("todayTasks");
  });

  it("gives a party kind added later the general menu", () => {
    expect(labels({ role: "coordinator", partyKind: "sme" })).toEqual(["home", "todayTasks", "cases", "companies", "referrals"]);
  });

  it("adds KPI and the audit log for managers, once each", () => {
    expect(labels({ role: "manager", partyKind: "inpit" })).toEqual(["todayTasks", "home", "cases", "companies", "referrals", "kpi", "auditLog"]);
    const meti = labels({ role: "manager", partyKind: "meti" });
    expect(meti.filter((l) => l === "kpi")).toHaveLength(1);
  });

  it("adds the producer teams for business producers of any party", () => {
    expect(labels({ role: "producer", partyKind: "inpit" })).toContain("producerTeams");
    expect(labels({ role: "coordinator", partyKind: "inpit" })).not.toContain("producerTeams");
  });

  it("keeps the audit log away from coordinators", () => {
    for (const partyKind of ["meti", "inpit", "jpaa", "jcci"]) {
      expect(labels({ role: "coordinator", partyKind })).not.toContain("auditLog");
    }
  });

  it("offers only what the permission table grants", () => {
    for (const role of ["coordinator", "manager", "producer", "admin"] as const) {
      for (const partyKind of ["meti", "inpit", "jpaa", "jcci", "sme", null]) {
        for (const item of buildNavigation({ role, partyKind })) {
          expect(can({ role, partyKind }, item.permission), `${role}/${partyKind}: ${item.id}`).toBe(true);
        }
      }
    }
  });

  it("marks pages that do not exist yet as planned instead of linking to them", () => {
    for (const who of [{ role: "manager", partyKind: "meti" }, { role: "admin", partyKind: null }] as const) {
      for (const item of buildNavigation(who)) expect(item.planned, item.href).toBe(PLANNED_PATHS.has(item.href.split("?")[0]!));
    }
    expect(PLANNED_PATHS.has("/cases")).toBe(false);
  });

  it("links administrators to their built screens: users, organizations and the audit log", () => {
    const admin = buildNavigation({ role: "admin", partyKind: null });
    expect(admin.filter((i) => !i.planned).map((i) => i.href)).toEqual(["/dashboard", "/admin/users", "/admin/organizations", "/audit"]);
  });
});

describe("the referral items", () => {
  it("carry a live count badge wherever a party's menu has them", () => {
    const badgeOf = (who: Who, label: string) => buildNavigation(who).find((i) => i.label === label)?.badge;
    expect(badgeOf({ role: "coordinator", partyKind: "jpaa" }, "referralInbox")).toBe("referralInbox");
    expect(badgeOf({ role: "coordinator", partyKind: "jcci" }, "referralOutbox")).toBe("referralOutbox");
    expect(badgeOf({ role: "coordinator", partyKind: "inpit" }, "referrals")).toBe("referrals");
    expect(buildNavigation({ role: "admin", partyKind: null }).some((i) => i.badge)).toBe(false);
  });

  it("link the 商工会議所's IP need intake to the referral form, now that it exists", () => {
    const intake = buildNavigation({ role: "coordinator", partyKind: "jcci" }).find((i) => i.label === "ipNeedIntake");
    expect(intake).toMatchObject({ href: "/referrals/new", planned: false });
  });
});

describe("isNavItemActive", () => {
  const params = (query = "") => new URLSearchParams(query);

  it("matches a section and the pages below it", () => {
    expect(isNavItemActive({ href: "/cases" }, "/cases", params())).toBe(true);
    expect(isNavItemActive({ href: "/cases" }, "/cases/123", params())).toBe(true);
    expect(isNavItemActive({ href: "/cases" }, "/casesx", params())).toBe(false);
    expect(isNavItemActive({ href: "/companies" }, "/cases", params())).toBe(false);
  });

  it("matches the dashboard only on itself", () => {
    expect(isNavItemActive({ href: "/dashboard" }, "/dashboard", params())).toBe(true);
    expect(isNavItemActive({ href: "/dashboard" }, "/dashboard/other", params())).toBe(false);
  });

  it("tells the inbox and the outbox apart, with the inbox as the default box", () => {
    const inbox = { href: "/referrals?box=inbox" };
    const outbox = { href: "/referrals?box=outbox" };
    expect(isNavItemActive(inbox, "/referrals", params())).toBe(true);
    expect(isNavItemActive(outbox, "/referrals", params())).toBe(false);
    expect(isNavItemActive(outbox, "/referrals", params("box=outbox"))).toBe(true);
    expect(isNavItemActive(inbox, "/referrals", params("box=outbox"))).toBe(false);
    expect(isNavItemActive(inbox, "/referrals/abc", params())).toBe(false);
  });
});
