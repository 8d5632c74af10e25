import { describe, expect, it } from "vitest";
import { stableId } from "@/db/seed/stable-id";
import { DEMO_ORGANIZATIONS } from "@/db/seed/data/organizations";
import { DEMO_USERS } from "@/db/seed/data/users";
import { isValidCorporateNumber } from "@/lib/companies/corporate-number";
import { normalizeCompanyName } from "@/lib/companies/normalize-name";
import { assertLocalPostgresUrl, parseSeedScaleArgs, SCALE_DEFAULTS } from "./args";
import { copyField, copyLine } from "./copy";
import { apportion, uuidAt } from "./random";
import { companyAt, creatorsByPrefecture, hotCaseCounts, hotReferralRanges, planCases, referralPlanner } from "./rows";
import { buildWorld, prefectureOfCompany, type ExistingNetwork, type ScaleSizes } from "./world";

/** The demo as the seeder reads it from the database: its organizations and accounts. */
function demoNetwork(): ExistingNetwork {
  const orgs = DEMO_ORGANIZATIONS.map((o) => ({ id: stableId("demo", `org/${o.key}`), nameJa: o.nameJa, partyKind: o.partyKindKey, blockCode: o.blockCode, prefectureCode: o.prefectureCode, isSystem: false }));
  const system = { id: stableId("reference", "organization/system"), nameJa: "Renkei 運営事務局", partyKind: null, blockCode: null, prefectureCode: null, isSystem: true };
  const users = DEMO_USERS.map((u) => ({ id: stableId("demo", `user/${u.key}`), email: u.email, organizationId: u.org === "system" ? system.id : stableId("demo", `org/${u.org}`), role: u.role }));
  return { orgs: [system, ...orgs], users, ishikawaTeamId: stableId("demo", "team/ishikawa") };
}

const SMALL: ScaleSizes = { companies: 20_000, cases: 4_000, activities: 40_000, referrals: 5_000, orgs: 600 };

describe("seed:scale arguments", () => {
  it("defaults to the national scale of issue #7 and reads sizes as flags", () => {
    expect(parseSeedScaleArgs([], { DATABASE_URL: "postgres://postgres@127.0.0.1:5432/renkei_scale" })).toMatchObject({ ...SCALE_DEFAULTS, reset: false });
    expect(SCALE_DEFAULTS).toEqual({ companies: 3_400_000, cases: 200_000, activities: 2_000_000, referrals: 200_000, orgs: 600 });
    const options = parseSeedScaleArgs(["--companies=100_000", "--cases", "500", "--reset", "--url=postgres://127.0.0.1/renkei_scale"], {});
    expect(options).toMatchObject({ companies: 100_000, cases: 500, reset: true, url: "postgres://127.0.0.1/renkei_scale" });
  });

  it("refuses PGlite, other machines, a missing database name and nonsense sizes", () => {
    expect(() => parseSeedScaleArgs([], {})).toThrow(/no database/);
    expect(() => assertLocalPostgresUrl(".data/pglite")).toThrow(/not PGlite/);
    expect(() => assertLocalPostgresUrl("memory://")).toThrow(/not PGlite/);
    expect(() => assertLocalPostgresUrl("postgres://db.example.com:5432/renkei")).toThrow(/only a PostgreSQL server on this machine/);
    expect(() => assertLocalPostgresUrl("postgres://127.0.0.1:5432")).toThrow(/names no database/);
    expect(() => parseSeedScaleArgs(["--companies=lots"], { DATABASE_URL: "postgres://127.0.0.1/x" })).toThrow(/whole number/);
    expect(() => parseSeedScaleArgs(["--fast"], { DATABASE_URL: "postgres://127.0.0.1/x" })).toThrow(/unknown argument/);
  });
});

describe("COPY text format", () => {
  it("escapes what would end a field or a row, and writes null as \\N", () => {
    expect(copyField("a\tb\nc\\d\re")).toBe("a\\tb\\nc\\\\d\\re");
    expect(copyLine(["株式会社加賀繊維", null, 17, true, undefined])).toBe("株式会社加賀繊維\t\\N\t17\tt\t\\N\n");
    expect(() => copyField(Number.NaN)).toThrow();
  });
});

describe("deterministic ids and shares", () => {
  it("never gives two rows of a table the same id, and always the same id to the same row", () => {
    const ids = new Set(Array.from({ length: 200_000 }, (_, i) => uuidAt(12345, i)));
    expect(ids.size).toBe(200_000);
    expect(uuidAt(12345, 7)).toBe(uuidAt(12345, 7));
    expect(uuidAt(12345, 7)).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });

  it("splits a total by weight into parts that add up to it exactly", () => {
    expect(apportion(10, [1, 1, 1])).toEqual([4, 3, 3]);
    expect(apportion(3_400_000, [413, 16]).reduce((a, b) => a + b)).toBe(3_400_000);
  });
});

describe("the national network around the demo", () => {
  const world = buildWorld(SMALL, "2026-11-25", demoNetwork());

  it("has the requested number of organizations, every party in every region, and keeps the demo's", () => {
    expect(world.orgs.length + 1).toBe(600); // + the system organization
    const inpitPrefectures = new Set(world.orgs.filter((o) => o.partyKind === "inpit").map((o) => o.prefectureCode));
    expect(inpitPrefectures.size).toBe(47);
    expect(new Set(world.orgs.filter((o) => o.partyKind === "meti").map((o) => o.blockCode))).toEqual(new Set(["hokkaido", "tohoku", "kanto", "chubu", "kinki", "chugoku", "shikoku", "kyushu", "okinawa", null]));
    expect(world.orgs.filter((o) => o.partyKind === "jpaa")).toHaveLength(9);
    expect(new Set(world.orgs.filter((o) => o.partyKind === "jcci").map((o) => o.prefectureCode)).size).toBe(47);
    expect(new Set(world.orgs.map((o) => o.nameJa)).size).toBe(world.orgs.length);
    expect(world.orgs.find((o) => o.nameJa === "INPIT 石川県知財総合支援窓口")).toMatchObject({ isNew: false });
    expect(world.users[world.hot.accounts.inpitIshikawa]!.email).toBe("inpit.ishikawa@example.jp");
    expect(world.orgs.every((o) => o.staff.length > 0)).toBe(true);
  });

  it("spreads companies over the prefectures as SMEs are: 東京 most, 鳥取 least", () => {
    const byPrefecture = new Map<number, number>();
    for (let i = 0; i < SMALL.companies; i += 1) byPrefecture.set(prefectureOfCompany(world, i), (byPrefecture.get(prefectureOfCompany(world, i)) ?? 0) + 1);
    const share = (code: number) => byPrefecture.get(code)! / SMALL.companies;
    expect(share(13)).toBeGreaterThan(0.11);
    expect(share(13)).toBeLessThan(0.14);
    expect(share(27)).toBeGreaterThan(0.07);
    expect(share(31)).toBeGreaterThan(0.003);
    expect(share(31)).toBeLessThan(0.007);
    expect(byPrefecture.size).toBe(47);
  });

  it("makes companies with valid 法人番号 (unique, never one already taken), normalized names and kana", () => {
    const creators = creatorsByPrefecture(world);
    const taken = new Set([companyAt(world, 5, new Set(), creators).corporateNumber!]);
    const numbers = new Set<string>();
    let provisional = 0;
    for (let i = 0; i < 5_000; i += 1) {
      const company = companyAt(world, i, taken, creators);
      expect(company.normalizedName).toBe(normalizeCompanyName(company.name));
      expect(company.nameKana).toMatch(/^[\u30a0-\u30ffー]+$/);
      if (company.corporateNumber === null) {
        expect(company.isProvisional).toBe(true);
        provisional += 1;
        continue;
      }
      expect(isValidCorporateNumber(company.corporateNumber)).toBe(true);
      expect(taken.has(company.corporateNumber)).toBe(false);
      numbers.add(company.corporateNumber);
    }
    expect(numbers.size).toBe(5_000 - provisional);
    expect(provisional / 5_000).toBeGreaterThan(0.02);
    expect(companyAt(world, 123, taken, creators)).toEqual(companyAt(world, 123, taken, creators));
  });

  it("plans cases whose companies lie where their organization works, with the hot organizations at size", () => {
    const plan = planCases(world);
    const hot = hotCaseCounts(SMALL.cases);
    for (let j = 0; j < plan.count; j += 97) {
      const org = world.orgs[plan.org[j]!]!;
      const area = plan.withTeam[j] ? [17] : org.serves;
      expect(area).toContain(prefectureOfCompany(world, plan.company[j]!));
      expect(org.staff).toContain(plan.lead[j]);
      expect(plan.endDay[j]).toBeGreaterThanOrEqual(plan.openedDay[j]!);
    }
    const ofInpitIshikawa = plan.orgCaseStart[world.hot.inpitIshikawa + 1]! - plan.orgCaseStart[world.hot.inpitIshikawa]!;
    expect(ofInpitIshikawa).toBeGreaterThanOrEqual(hot.inpitIshikawa);
    expect(plan.activityStart[plan.count]).toBe(SMALL.activities);
  });

  it("sends referrals to real receivers (or logs them to an outside body), a few thousand into 北陸会 at national scale", () => {
    const plan = planCases(world);
    const referralAt = referralPlanner(world, plan);
    for (let k = 0; k < SMALL.referrals; k += 37) {
      const r = referralAt(k);
      expect((r.toOrg === null) === (r.externalRecipient !== null)).toBe(true);
      expect(r.toOrg?.index).not.toBe(r.fromOrg.index);
      if (r.caseIndex !== null) expect(plan.org[r.caseIndex]).toBe(r.fromOrg.index);
      if (r.status === "sent") expect(r.steps).toEqual([]);
      if (r.status === "completed" && r.toOrg) expect(r.steps.map((s) => s.status)).toEqual(["accepted", "in_progress", "completed"]);
    }
    const ranges = hotReferralRanges(SMALL.referrals);
    expect(referralAt(0).toOrg!.index).toBe(world.hot.jpaaHokuriku);
    expect(referralAt(ranges.inpitToJpaa).fromOrg.index).toBe(world.hot.jcciKanazawa);
    expect(hotReferralRanges(200_000).othersToJpaa).toBe(5_600); // 北陸会's inbox: 2,400 + 800 + 800 of these, plus the rest of 北陸
  });
});
