import { describe, expect, it } from "vitest";
import { userRole } from "@/db/schema";
import { can } from "./can";
import { PARTY_DENIED, PERMISSIONS, permissionsFor, ROLE_PERMISSIONS, type Permission } from "./permissions";

const PARTIES = ["meti", "inpit", "jpaa", "jcci", "sme_agency", null] as const;

describe("the permission table", () => {
  it("gives every role only permissions that exist, whatever its party", () => {
    const known = new Set<string>(PERMISSIONS);
    for (const role of userRole.enumValues) {
      for (const party of PARTIES) {
        for (const permission of permissionsFor(role, party)) expect(known).toContain(permission);
      }
    }
    for (const denied of Object.values(PARTY_DENIED)) for (const p of denied) expect(known).toContain(p);
  });

  it("covers every role", () => {
    expect(Object.keys(ROLE_PERMISSIONS).sort()).toEqual([...userRole.enumValues].sort());
  });

  it("lists each permission once", () => {
    expect(new Set(PERMISSIONS).size).toBe(PERMISSIONS.length);
  });
});

describe("administrators", () => {
  const admin = { role: "admin" as const, partyKind: null };

  it("manage users and organizations and read the audit log", () => {
    for (const p of ["user:manage", "organization:manage", "audit:read"] as const) expect(can(admin, p)).toBe(true);
  });

  it("get no case, company, referral or confidential permission", () => {
    const content = PERMISSIONS.filter((p) => /^(case|company|contact|activity|next-action|confidential|consent|referral|kpi|report|export):/.test(p));
    expect(content.length).toBeGreaterThan(10);
    for (const p of content) expect(can(admin, p), p).toBe(false);
  });
});

describe("弁理士会 (jpaa)", () => {
  it("cannot create or merge companies in any role", () => {
    for (const role of userRole.enumValues) {
      expect(can({ role, partyKind: "jpaa" }, "company:create")).toBe(false);
      expect(can({ role, partyKind: "jpaa" }, "company:merge")).toBe(false);
    }
  });

  it("keeps the rest of its role: reads companies through referrals, answers them, reads confidential notes it is given", () => {
    for (const p of ["company:read", "referral:respond", "confidential:read", "case:update"] as const) {
      expect(can({ role: "coordinator", partyKind: "jpaa" }, p)).toBe(true);
    }
  });
});

describe("roles", () => {
  it("let coordinators of the desks and chambers register companies and send referrals, but not set KPIs", () => {
    for (const partyKind of ["inpit", "jcci", "meti"]) {
      const coordinator = { role: "coordinator" as const, partyKind };
      expect(can(coordinator, "company:create")).toBe(true);
      expect(can(coordinator, "referral:send")).toBe(true);
      expect(can(coordinator, "kpi:set")).toBe(false);
      expect(can(coordinator, "referral:revoke")).toBe(false);
    }
  });

  it("give managers everything a coordinator has, plus KPI targets, revocation, merges and the audit view", () => {
    const coordinator = permissionsFor("coordinator", "inpit");
    const manager = permissionsFor("manager", "inpit");
    for (const p of coordinator) expect(manager.has(p)).toBe(true);
    for (const p of ["kpi:set", "referral:revoke", "company:merge", "audit:read", "team:manage"] satisfies Permission[]) {
      expect(manager.has(p)).toBe(true);
    }
  });

  it("let producers write PDCA notes but not set KPI targets", () => {
    expect(can({ role: "producer", partyKind: "meti" }, "pdca:write")).toBe(true);
    expect(can({ role: "producer", partyKind: "meti" }, "kpi:set")).toBe(false);
  });

  it("give a party kind added later (the SME Agency) its role's permissions unchanged", () => {
    expect([...permissionsFor("coordinator", "sme_agency")]).toEqual([...ROLE_PERMISSIONS.coordinator]);
  });
});
