/**
 * Builds every row of the demo in memory, without touching the database: the same `today` always gives the
 * same rows (ids included), which is what makes the demo deterministic and cheap to test. ./demo.ts inserts
 * them in one transaction.
 */
import type {
  activities,
  activityParticipants,
  caseMembers,
  caseStageChanges,
  caseThemes,
  cases,
  CaseStage,
  companies,
  companyContacts,
  confidentialNotes,
  consents,
  eventAttendees,
  ipRights,
  kpiTargets,
  nextActions,
  notifications,
  organizations,
  outcomes,
  outreachEvents,
  pdcaNotes,
  producerTeamMembers,
  producerTeams,
  referralEvents,
  referrals,
  ReferralStatus,
  users,
} from "@/db/schema";
import { computeCheckDigit } from "@/lib/companies/corporate-number";
import { normalizeCompanyName } from "@/lib/companies/normalize-name";
import { fiscalQuarterOf, fiscalYearLabel, fiscalYearOf, fiscalYearRange, reiwaYearOfDate } from "@/lib/format/fiscal-year";
import { addBusinessDays, addCalendarDays, isBusinessDay, previousBusinessDay } from "@/lib/referrals/business-days";
import { KIND_DURATIONS, KIND_TEMPLATES, KIND_WEIGHTS, NEXT_ACTION_TITLES, THEME_TOPICS } from "./data/activities";
import { DEMO_CASES, type DemoCase, type DemoOutcome } from "./data/cases";
import { DEMO_COMPANIES, DEMO_IP_RIGHTS, type DemoCompany } from "./data/companies";
import { DEMO_EVENT, DEMO_EVENT_ATTENDEES } from "./data/events";
import { DEMO_ORGANIZATIONS, type DemoOrgKey } from "./data/organizations";
import { FAMILY_NAMES, GIVEN_NAMES, STAFF_TITLES } from "./data/people";
import { MODEL_REGIONS, PREFECTURES } from "./data/reference";
import { DEMO_REFERRALS, type DemoReferral } from "./data/referrals";
import { DEMO_TEAMS, DEMO_USERS, type DemoUserKey } from "./data/users";
import { randomFor, type Random } from "./random";
import { stableId } from "./stable-id";

export interface DemoPlanInput {
  /** JST calendar date the demo is built around ('YYYY-MM-DD'). */
  today: string;
  /** One argon2id hash of the demo password, shared by every demo account (hashing is slow on purpose). */
  passwordHash: string;
  /** The system organization already created by the reference seed. */
  systemOrgId: string;
}

export interface DemoPlan {
  organizations: Array<typeof organizations.$inferInsert>;
  users: Array<typeof users.$inferInsert>;
  companies: Array<typeof companies.$inferInsert>;
  contacts: Array<typeof companyContacts.$inferInsert>;
  ipRights: Array<typeof ipRights.$inferInsert>;
  teams: Array<typeof producerTeams.$inferInsert>;
  teamMembers: Array<typeof producerTeamMembers.$inferInsert>;
  cases: Array<typeof cases.$inferInsert>;
  caseThemes: Array<typeof caseThemes.$inferInsert>;
  caseMembers: Array<typeof caseMembers.$inferInsert>;
  stageChanges: Array<typeof caseStageChanges.$inferInsert>;
  activities: Array<typeof activities.$inferInsert>;
  activityParticipants: Array<typeof activityParticipants.$inferInsert>;
  nextActions: Array<typeof nextActions.$inferInsert>;
  confidentialNotes: Array<typeof confidentialNotes.$inferInsert>;
  consents: Array<typeof consents.$inferInsert>;
  referrals: Array<typeof referrals.$inferInsert>;
  referralEvents: Array<typeof referralEvents.$inferInsert>;
  outcomes: Array<typeof outcomes.$inferInsert>;
  outreachEvents: Array<typeof outreachEvents.$inferInsert>;
  eventAttendees: Array<typeof eventAttendees.$inferInsert>;
  kpiTargets: Array<typeof kpiTargets.$inferInsert>;
  pdcaNotes: Array<typeof pdcaNotes.$inferInsert>;
  notifications: Array<typeof notifications.$inferInsert>;
}

const MAIN_LINE: readonly CaseStage[] = ["discovery", "assessment", "planning", "accompanying", "outcome_review", "closed"];

// ── ids and lookups ─────────────────────────────────────────────────────────

export const demoIds = {
  organization: (key: Exclude<DemoOrgKey, "system">) => stableId("demo", `organization/${key}`),
  user: (key: DemoUserKey) => stableId("demo", `user/${key}`),
  company: (key: string) => stableId("demo", `company/${key}`),
  case: (key: string) => stableId("demo", `case/${key}`),
};

function userSpec(key: DemoUserKey) {
  const user = DEMO_USERS.find((u) => u.key === key);
  if (!user) throw new Error(`demo data: unknown user ${key}`);
  return user;
}

function companySpec(key: string): DemoCompany {
  const company = DEMO_COMPANIES.find((c) => c.key === key);
  if (!company) throw new Error(`demo data: unknown company ${key}`);
  return company;
}

function caseSpec(key: string): DemoCase {
  const spec = DEMO_CASES.find((c) => c.key === key);
  if (!spec) throw new Error(`demo data: unknown case ${key}`);
  return spec;
}

function orgName(key: DemoOrgKey): string {
  const org = DEMO_ORGANIZATIONS.find((o) => o.key === key);
  if (!org) throw new Error(`demo data: unknown organization ${key}`);
  return org.nameJa;
}

// ── dates ───────────────────────────────────────────────────────────────────

/** An instant at a JST wall-clock time on a calendar date. */
function jstAt(isoDate: string, hour: number, minute = 0): Date {
  return new Date(`${isoDate}T${String(hour).padStart(2, "0")}:${String(minute).padStart(2, "0")}:00+09:00`);
}

/** An instant during office hours (9:00–17:59 JST) of the date. */
function officeHours(random: Random, isoDate: string): Date {
  return jstAt(isoDate, random.int(9, 17), random.pick([0, 10, 15, 20, 30, 40, 45, 50]));
}

function businessDaysBefore(isoDate: string, count: number): string {
  let date = isoDate;
  for (let left = count; left > 0; ) {
    date = addCalendarDays(date, -1);
    if (isBusinessDay(date)) left -= 1;
  }
  return date;
}

function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

function maxDate(a: string, b: string): string {
  return a > b ? a : b;
}

// ── formats ─────────────────────────────────────────────────────────────────

const AREA_CODES: Record<string, string> = {
  金沢市: "076", 白山市: "076", 野々市市: "076", かほく市: "076", 小松市: "0761", 加賀市: "0761", 能美市: "0761",
  七尾市: "0767", 羽咋市: "0767", 輪島市: "0768", 珠洲市: "0768",
  青森市: "017", 弘前市: "0172", 黒石市: "0172", 八戸市: "0178", 十和田市: "0176", 三沢市: "0176",
  五所川原市: "0173", むつ市: "0175", 三戸郡田子町: "0179",
  明石市: "078", 三木市: "0794", 姫路市: "079", 高岡市: "0766", 盛岡市: "019", 東大阪市: "06", 鯖江市: "0778",
};

/**
 * A phone number that cannot ring anyone: Japanese subscriber numbers never start with 0, so
 * "076-000-1234" looks right on screen and is unassigned.
 */
function demoPhone(random: Random, city: string): string {
  const area = city.startsWith("神戸市") ? "078" : (AREA_CODES[city] ?? "03");
  const localDigits = 10 - area.length;
  const exchange = "0".repeat(localDigits - 4);
  return `${area}-${exchange}-${String(random.int(0, 9999)).padStart(4, "0")}`;
}

function applicationNumber(random: Random, kind: string, year: number): string {
  const serial = String(random.int(1, 39999)).padStart(6, "0");
  const prefix = { patent: "特願", utility_model: "実願", design: "意願", trademark: "商願", plant_variety: "品種登録出願" }[kind] ?? "出願";
  return kind === "plant_variety" ? `${prefix}第${random.int(36000, 38999)}号` : `${prefix}${year}-${serial}`;
}

function registrationNumber(random: Random, kind: string): string {
  switch (kind) {
    case "patent":
      return `特許第${random.int(7400000, 7799999)}号`;
    case "utility_model":
      return `実用新案登録第${random.int(3240000, 3259999)}号`;
    case "design":
      return `意匠登録第${random.int(1760000, 1799999)}号`;
    case "trademark":
      return `商標登録第${random.int(6800000, 6999999)}号`;
    default:
      return `品種登録第${random.int(30000, 31999)}号`;
  }
}

function representativeTitle(company: DemoCompany): string {
  if (company.provisional) return "代表";
  if (company.name.includes("合同会社")) return "代表社員";
  if (company.name.includes("有限会社")) return "取締役";
  return "代表取締役";
}

// ── the plan ────────────────────────────────────────────────────────────────

export function buildDemoPlan(input: DemoPlanInput): DemoPlan {
  const { today, passwordHash, systemOrgId } = input;
  const fiscalYear = fiscalYearOf(today);
  const orgId = (key: DemoOrgKey) => (key === "system" ? systemOrgId : demoIds.organization(key));
  const userOrg = (key: DemoUserKey) => orgId(userSpec(key).org);
  /** The person who registers a company for an organization: its first listed staff member. */
  const firstUserOf = (org: DemoOrgKey) => {
    const user = DEMO_USERS.find((u) => u.org === org);
    if (!user) throw new Error(`demo data: no user in ${org}`);
    return user.key;
  };

  const plan: DemoPlan = {
    organizations: [], users: [], companies: [], contacts: [], ipRights: [], teams: [], teamMembers: [], cases: [],
    caseThemes: [], caseMembers: [], stageChanges: [], activities: [], activityParticipants: [], nextActions: [],
    confidentialNotes: [], consents: [], referrals: [], referralEvents: [], outcomes: [], outreachEvents: [],
    eventAttendees: [], kpiTargets: [], pdcaNotes: [], notifications: [],
  };

  // Organizations and users.
  for (const org of DEMO_ORGANIZATIONS) {
    plan.organizations.push({
      id: orgId(org.key),
      nameJa: org.nameJa,
      nameEn: org.nameEn,
      partyKindKey: org.partyKindKey,
      blockCode: org.blockCode,
      prefectureCode: org.prefectureCode,
    });
  }
  for (const user of DEMO_USERS) {
    plan.users.push({
      id: demoIds.user(user.key),
      email: user.email,
      name: user.name,
      nameKana: user.nameKana,
      organizationId: orgId(user.org),
      role: user.role,
      passwordHash,
      locale: "ja",
    });
  }

  // Cases first as a schedule: companies need to know when they were first met, referrals when cases opened.
  const openedOnByCase = new Map(DEMO_CASES.map((c) => [c.key, previousBusinessDay(addCalendarDays(today, -c.openedDaysAgo))]));
  const firstMetByCompany = new Map<string, string>();
  for (const c of DEMO_CASES) {
    const opened = openedOnByCase.get(c.key)!;
    const known = firstMetByCompany.get(c.company);
    if (!known || opened < known) firstMetByCompany.set(c.company, opened);
  }

  // Companies, their contacts and IP rights.
  const usedNumbers = new Set<string>();
  const representativeOf = new Map<string, string>();
  for (const company of DEMO_COMPANIES) {
    const random = randomFor(`company/${company.key}`);
    let corporateNumber: string | null = null;
    if (!company.provisional) {
      do {
        const body = Array.from({ length: 12 }, () => random.int(0, 9)).join("");
        corporateNumber = `${computeCheckDigit(body)}${body}`;
      } while (usedNumbers.has(corporateNumber));
      usedNumbers.add(corporateNumber);
    }
    const prefecture = PREFECTURES.find((p) => p.code === company.prefectureCode)!;
    const registeredOn = addCalendarDays(firstMetByCompany.get(company.key) ?? addCalendarDays(today, -random.int(20, 400)), -random.int(0, 3));
    plan.companies.push({
      id: demoIds.company(company.key),
      corporateNumber,
      name: company.name,
      nameKana: company.nameKana,
      normalizedName: normalizeCompanyName(company.name),
      prefectureCode: company.prefectureCode,
      city: company.city,
      address: `${prefecture.nameJa}${company.city}${company.town}${random.int(1, 5)}-${random.int(1, 30)}`,
      industry: company.industry,
      employeeCount: company.employees,
      capitalYen: company.capitalYen,
      website: company.provisional ? null : `https://www.${company.slug}.example.jp`,
      foundedOn: company.provisional ? null : `${company.foundedYear}-${String(random.int(1, 12)).padStart(2, "0")}-01`,
      isProvisional: company.provisional ?? false,
      createdByOrgId: orgId(company.foundBy),
      createdByUserId: demoIds.user(firstUserOf(company.foundBy)),
      createdAt: officeHours(random, registeredOn),
      updatedAt: officeHours(random, registeredOn),
    });

    // Every company with a case has a representative on file (consent is given by a person); others mostly.
    if (!firstMetByCompany.has(company.key) && !random.chance(0.6)) continue;
    const [family, familyKana, familyRomaji] = random.pick(FAMILY_NAMES);
    const [given, givenKana, givenRomaji] = random.pick(GIVEN_NAMES);
    const representative = `${family} ${given}`;
    representativeOf.set(company.key, `${representativeTitle(company)} ${representative}`);
    plan.contacts.push({
      id: stableId("demo", `contact/${company.key}/representative`),
      companyId: demoIds.company(company.key),
      name: representative,
      nameKana: `${familyKana} ${givenKana}`,
      title: representativeTitle(company),
      isRepresentative: true,
      email: random.chance(0.7) ? `${givenRomaji}.${familyRomaji}@${company.slug}.example.jp` : null,
      phone: demoPhone(random, company.city),
      preferredContactMethod: random.pick(["phone", "email", "visit", "any"] as const),
    });
    if (company.provisional || !random.chance(0.75)) continue;
    const [staffFamily, staffFamilyKana, staffFamilyRomaji] = random.pick(FAMILY_NAMES.filter(([f]) => f !== family));
    const [staffGiven, staffGivenKana, staffGivenRomaji] = random.pick(GIVEN_NAMES);
    plan.contacts.push({
      id: stableId("demo", `contact/${company.key}/staff`),
      companyId: demoIds.company(company.key),
      name: `${staffFamily} ${staffGiven}`,
      nameKana: `${staffFamilyKana} ${staffGivenKana}`,
      title: random.pick(STAFF_TITLES),
      isRepresentative: false,
      email: `${staffGivenRomaji}.${staffFamilyRomaji}@${company.slug}.example.jp`,
      phone: demoPhone(random, company.city),
      preferredContactMethod: "email",
      notes: random.chance(0.3) ? "平日午後の連絡を希望" : null,
    });
  }

  for (const right of DEMO_IP_RIGHTS) {
    const random = randomFor(`ip-right/${right.company}/${right.title}`);
    const filedOn = addCalendarDays(today, -right.filedDaysAgo);
    const registeredOn = right.registeredDaysAgo === undefined ? null : addCalendarDays(today, -right.registeredDaysAgo);
    companySpec(right.company);
    plan.ipRights.push({
      id: stableId("demo", `ip-right/${right.company}/${right.title}`),
      companyId: demoIds.company(right.company),
      kind: right.kind,
      title: right.title,
      applicationNumber: applicationNumber(random, right.kind, Number(filedOn.slice(0, 4))),
      registrationNumber: registeredOn ? registrationNumber(random, right.kind) : null,
      status: right.status,
      filedOn,
      registeredOn,
    });
  }

  // Producer teams for the fiscal year of today.
  const teamIdByRegion = new Map<string, string>();
  for (const team of DEMO_TEAMS) {
    const region = MODEL_REGIONS.find((r) => r.key === team.region)!;
    const id = stableId("demo", `team/${team.region}/${fiscalYear}`);
    teamIdByRegion.set(team.region, id);
    const formedAt = jstAt(fiscalYearRange(fiscalYear).start, 9);
    plan.teams.push({
      id,
      name: `${region.nameJa} プロデューサーチーム（${fiscalYearLabel(fiscalYear, "ja")}）`,
      modelRegionId: region.id,
      fiscalYear,
      leadUserId: demoIds.user(team.lead),
      organizationId: orgId(team.bureau),
      createdAt: formedAt,
    });
    plan.teamMembers.push({ teamId: id, userId: demoIds.user(team.lead), role: "lead", joinedAt: formedAt });
    for (const member of team.members) plan.teamMembers.push({ teamId: id, userId: demoIds.user(member), role: "member", joinedAt: formedAt });
  }

  // The 石川県 team of the previous fiscal year as well, when the region ran then (model regions run up to
  // three years): the team page switches between a region's yearly teams. Its cases carried over to this
  // year's team, so it keeps its members and no cases of its own.
  const ishikawa = MODEL_REGIONS.find((r) => r.key === "ishikawa")!;
  const previousYear = fiscalYear - 1;
  if (ishikawa.firstFiscalYear <= previousYear && previousYear <= ishikawa.lastFiscalYear) {
    const spec = DEMO_TEAMS.find((team) => team.region === "ishikawa")!;
    const id = stableId("demo", `team/ishikawa/${previousYear}`);
    const formedAt = jstAt(fiscalYearRange(previousYear).start, 9);
    plan.teams.push({
      id,
      name: `${ishikawa.nameJa} プロデューサーチーム（${fiscalYearLabel(previousYear, "ja")}）`,
      modelRegionId: ishikawa.id,
      fiscalYear: previousYear,
      leadUserId: demoIds.user(spec.lead),
      organizationId: orgId(spec.bureau),
      createdAt: formedAt,
    });
    plan.teamMembers.push({ teamId: id, userId: demoIds.user(spec.lead), role: "lead", joinedAt: formedAt });
    for (const member of spec.members) plan.teamMembers.push({ teamId: id, userId: demoIds.user(member), role: "member", joinedAt: formedAt });
  }

  // Cases, numbered R<令和 year of opening>-NNNN in order of opening.
  const ordered = DEMO_CASES.map((spec, index) => ({ spec, index, openedOn: openedOnByCase.get(spec.key)! })).sort(
    (a, b) => a.openedOn.localeCompare(b.openedOn) || a.index - b.index,
  );
  const sequenceByYear = new Map<number, number>();
  const caseCodes = new Map<string, string>();
  for (const { spec, openedOn } of ordered) {
    const year = reiwaYearOfDate(openedOn);
    const sequence = (sequenceByYear.get(year) ?? 0) + 1;
    sequenceByYear.set(year, sequence);
    caseCodes.set(spec.key, `R${year}-${String(sequence).padStart(4, "0")}`);
  }

  /** Each assignee's open next actions cycle through these, so that everyone's "My day" has all three kinds. */
  const DUE_PATTERN = ["overdue", "today", "upcoming", "overdue", "upcoming", "today", "upcoming"] as const;
  const openActionsByAssignee = new Map<DemoUserKey, number>();

  for (const spec of DEMO_CASES) {
    addCase(spec);
  }

  function addCase(spec: DemoCase) {
    const random = randomFor(`case/${spec.key}`);
    const id = demoIds.case(spec.key);
    const openedOn = openedOnByCase.get(spec.key)!;
    const team = spec.team ? teamIdByRegion.get(spec.region)! : null;
    const people: DemoUserKey[] = [spec.lead, ...spec.members.filter((m) => m !== spec.lead)];
    if (spec.stage === "paused" && !spec.pausedReason) throw new Error(`demo data: paused case ${spec.key} needs a reason`);

    // Stage history: created in discovery, then each step to the current stage, spread over the case's life.
    const path: CaseStage[] =
      spec.stage === "paused"
        ? [...MAIN_LINE.slice(0, MAIN_LINE.indexOf(spec.pausedFrom ?? "assessment") + 1), "paused"]
        : MAIN_LINE.slice(0, MAIN_LINE.indexOf(spec.stage) + 1);
    const span = Math.max(daysBetween(openedOn, addCalendarDays(today, -2)), path.length);
    const changeDates: string[] = [];
    path.forEach((_, step) => {
      const date = step === 0 ? openedOn : previousBusinessDay(addCalendarDays(openedOn, Math.floor((span * step) / path.length)));
      changeDates.push(maxDate(date, changeDates[step - 1] ?? openedOn));
    });
    const lastChange = changeDates[changeDates.length - 1]!;
    const ended = spec.stage === "closed" || spec.stage === "paused";
    path.forEach((stage, step) => {
      plan.stageChanges.push({
        id: stableId("demo", `case/${spec.key}/stage/${step}`),
        caseId: id,
        fromStage: step === 0 ? null : path[step - 1]!,
        toStage: stage,
        reason: stage === "paused" ? spec.pausedReason! : stage === "closed" ? "支援目標を達成したため完了" : null,
        changedByUserId: demoIds.user(spec.lead),
        // Opened in the morning, moved on in the evening; minutes apart when several moves share a day, so
        // that the history sorts by time alone.
        changedAt: new Date(jstAt(changeDates[step]!, step === 0 ? 9 : 17, step === 0 ? 30 : 0).getTime() + step * 5 * 60_000),
      });
    });

    // Activities from opening to the last working day (or to the day the case ended).
    const activityCount = { discovery: [1, 2], assessment: [2, 3], planning: [3, 4], accompanying: [4, 6], outcome_review: [5, 6], closed: [4, 6], paused: [2, 3] }[spec.stage];
    const count = random.int(activityCount[0]!, activityCount[1]!);
    const lastActive = ended ? lastChange : previousBusinessDay(addCalendarDays(today, -1));
    const topics = random.shuffle(spec.themes.flatMap((theme) => THEME_TOPICS[theme]));
    const representative = representativeOf.get(spec.company);
    let lastActivity: { id: string; by: DemoUserKey; date: string } | null = null;
    for (let i = 0; i < count; i += 1) {
      const date =
        i === 0 ? openedOn : maxDate(previousBusinessDay(addCalendarDays(openedOn, Math.round((daysBetween(openedOn, lastActive) * i) / Math.max(count - 1, 1)))), openedOn);
      const kind =
        i === 0
          ? spec.source.includes("窓口")
            ? "consultation"
            : spec.source.includes("つながる特許庁")
              ? "seminar"
              : spec.source.includes("訪問") || spec.source.includes("巡回")
                ? "visit"
                : "meeting"
          : random.weighted(KIND_WEIGHTS);
      const by = i === 0 || random.chance(0.5) ? spec.lead : random.pick(people);
      const activityId = stableId("demo", `case/${spec.key}/activity/${i}`);
      const occurredAt = officeHours(random, date);
      const duration = KIND_DURATIONS[kind];
      plan.activities.push({
        id: activityId,
        caseId: id,
        companyId: demoIds.company(spec.company),
        organizationId: userOrg(by),
        kind,
        occurredAt,
        durationMinutes: duration ? random.int(duration[0] / 5, duration[1] / 5) * 5 : null,
        summary: random.pick(KIND_TEMPLATES[kind]).replace("{topic}", topics[i % topics.length]!),
        externalParticipants: representative && kind !== "email" && random.chance(0.7) ? `${representative} 様` : null,
        createdByUserId: demoIds.user(by),
        createdAt: occurredAt,
        updatedAt: occurredAt,
      });
      const participants = new Set<DemoUserKey>([by]);
      if (people.length > 1 && random.chance(0.4)) participants.add(random.pick(people));
      for (const participant of participants) plan.activityParticipants.push({ activityId, userId: demoIds.user(participant) });
      lastActivity = { id: activityId, by, date };
    }

    // Next actions: done ones in the past; open ones for open cases, for the lead and the first other member.
    const titles = random.shuffle(spec.themes.flatMap((theme) => NEXT_ACTION_TITLES[theme]));
    let titleIndex = 0;
    const nextTitle = () => titles[titleIndex++ % titles.length]!;
    const firstDone = addCalendarDays(openedOn, Math.min(14, Math.max(1, daysBetween(openedOn, lastActive))));
    plan.nextActions.push({
      id: stableId("demo", `case/${spec.key}/next-action/done`),
      caseId: id,
      title: nextTitle(),
      assigneeUserId: demoIds.user(spec.lead),
      dueOn: firstDone,
      completedAt: jstAt(previousBusinessDay(firstDone), 16, 30),
      completedByUserId: demoIds.user(spec.lead),
      createdByUserId: demoIds.user(spec.lead),
      createdAt: jstAt(openedOn, 18),
    });
    if (!ended && lastActivity) {
      const assignees = people.length > 1 ? [spec.lead, people[1]!] : [spec.lead];
      assignees.forEach((assignee, n) => {
        const turn = openActionsByAssignee.get(assignee) ?? 0;
        openActionsByAssignee.set(assignee, turn + 1);
        const due = DUE_PATTERN[turn % DUE_PATTERN.length]!;
        const dueOn =
          due === "today" ? today : due === "overdue" ? addCalendarDays(today, -random.int(1, 12)) : addCalendarDays(today, random.int(1, 21));
        plan.nextActions.push({
          id: stableId("demo", `case/${spec.key}/next-action/open/${n}`),
          caseId: id,
          activityId: lastActivity!.id,
          title: nextTitle(),
          assigneeUserId: demoIds.user(assignee),
          dueOn,
          createdByUserId: demoIds.user(lastActivity!.by),
          createdAt: jstAt(lastActivity!.date, 18),
        });
      });
    }

    for (const [n, body] of (spec.confidentialNotes ?? []).entries()) {
      const at = jstAt(previousBusinessDay(addCalendarDays(openedOn, 7 + n * 21)), 17, 30);
      plan.confidentialNotes.push({ id: stableId("demo", `case/${spec.key}/confidential/${n}`), caseId: id, body, authorUserId: demoIds.user(spec.lead), createdAt: at, updatedAt: at });
    }

    for (const [n, outcome] of (spec.outcomes ?? []).entries()) addOutcome(spec, n, outcome, random);

    plan.cases.push({
      id,
      code: caseCodes.get(spec.key)!,
      companyId: demoIds.company(spec.company),
      title: spec.title,
      summary: spec.summary,
      stage: spec.stage,
      ownerOrgId: orgId(spec.owner),
      producerTeamId: team,
      leadUserId: demoIds.user(spec.lead),
      source: spec.source,
      openedOn,
      closedOn: spec.stage === "closed" ? lastChange : null,
      pausedReason: spec.stage === "paused" ? spec.pausedReason! : null,
      createdByUserId: demoIds.user(spec.lead),
      createdAt: jstAt(openedOn, 9, 30),
      updatedAt: jstAt(maxDate(lastChange, lastActivity?.date ?? openedOn), 18),
    });
    for (const theme of spec.themes) plan.caseThemes.push({ caseId: id, themeKey: theme });
    for (const person of people) plan.caseMembers.push({ caseId: id, userId: demoIds.user(person), addedAt: jstAt(openedOn, 9, 30) });
  }

  function addOutcome(spec: DemoCase, n: number, outcome: DemoOutcome, random: Random) {
    const openedOn = openedOnByCase.get(spec.key)!;
    const achievedOn = previousBusinessDay(addCalendarDays(today, -outcome.daysAgo));
    if (achievedOn < openedOn) throw new Error(`demo data: outcome of ${spec.key} is before the case opened`);
    const year = Number(achievedOn.slice(0, 4));
    const isIp = outcome.kind === "ip_filing" || outcome.kind === "ip_registration";
    plan.outcomes.push({
      id: stableId("demo", `case/${spec.key}/outcome/${n}`),
      caseId: demoIds.case(spec.key),
      companyId: demoIds.company(spec.company),
      kind: outcome.kind,
      ipKind: outcome.ipKind ?? null,
      applicationNumber: isIp && outcome.ipKind ? applicationNumber(random, outcome.ipKind, outcome.kind === "ip_filing" ? year : year - 1) : null,
      registrationNumber: outcome.kind === "ip_registration" && outcome.ipKind ? registrationNumber(random, outcome.ipKind) : null,
      amountYen: outcome.amountYen ?? null,
      description: outcome.description,
      achievedOn,
      recordedByUserId: demoIds.user(spec.lead),
      createdAt: jstAt(achievedOn, 17),
      updatedAt: jstAt(achievedOn, 17),
    });
  }

  // Consents and referrals, numbered RF-R<令和 year of sending>-NNNN in order of sending.
  const referralPlans = DEMO_REFERRALS.map((spec, index) => planReferral(spec, index));
  referralPlans.sort((a, b) => a.sentAt.getTime() - b.sentAt.getTime() || a.index - b.index);
  const referralSequence = new Map<number, number>();
  const referralCodes = new Map<number, string>();
  for (const referral of referralPlans) {
    const year = reiwaYearOfDate(referral.sentOn);
    const sequence = (referralSequence.get(year) ?? 0) + 1;
    referralSequence.set(year, sequence);
    referralCodes.set(referral.index, `RF-R${year}-${String(sequence).padStart(4, "0")}`);
    plan.consents.push(referral.consent);
    plan.referrals.push({ ...referral.row, code: referralCodes.get(referral.index)! });
    plan.referralEvents.push(...referral.events);
  }

  function planReferral(spec: DemoReferral, index: number) {
    const random = randomFor(`referral/${index}/${spec.case}`);
    const theCase = caseSpec(spec.case);
    const openedOn = openedOnByCase.get(spec.case)!;
    const sentOn = businessDaysBefore(today, spec.sentBusinessDaysAgo);
    if (sentOn < openedOn) throw new Error(`demo data: referral ${index} (${spec.case}) is sent before its case opened`);
    const sentAt = officeHours(random, sentOn);
    /** The instant of a later step, `after` business days after sending. */
    const step = (after: number | undefined, label: string) => {
      if (after === undefined) throw new Error(`demo data: referral ${index} (${spec.case}) needs ${label}`);
      const on = addBusinessDays(sentOn, after);
      if (on > today) throw new Error(`demo data: referral ${index} (${spec.case}) has ${label} after today`);
      return officeHours(random, on);
    };
    const id = stableId("demo", `referral/${index}`);
    const consentId = stableId("demo", `consent/${index}`);
    const external = typeof spec.to === "object" ? spec.to : null;
    const fromUserId = demoIds.user(spec.from);
    const userId = (key: DemoUserKey | undefined) => (key ? demoIds.user(key) : null);

    const events: Array<typeof referralEvents.$inferInsert> = [];
    const event = (from: ReferralStatus | null, to: ReferralStatus, at: Date, actor: DemoUserKey | undefined, note?: string) =>
      events.push({ id: stableId("demo", `referral/${index}/event/${events.length}`), referralId: id, fromStatus: from, toStatus: to, actorUserId: userId(actor), note: note ?? null, at });

    const row: Omit<typeof referrals.$inferInsert, "code"> = {
      id,
      companyId: demoIds.company(theCase.company),
      caseId: demoIds.case(spec.case),
      fromOrgId: userOrg(spec.from),
      fromUserId,
      toOrgId: external ? null : orgId(spec.to as DemoOrgKey),
      externalRecipient: external?.external ?? null,
      followUpOn: null,
      service: spec.service,
      reason: spec.reason,
      urgency: spec.urgency ?? "normal",
      handoverNotes: spec.handoverNotes ?? null,
      consentId,
      status: spec.status,
      sentAt,
      respondBy: external ? null : addBusinessDays(sentAt, 5),
      createdAt: sentAt,
    };
    event(null, external ? "logged" : "sent", sentAt, spec.from);

    const receiver = spec.handler ?? spec.responder;
    if (!external && ["accepted", "in_progress", "completed", "revoked"].includes(spec.status)) {
      const acceptedAt = step(spec.acceptedAfter, "acceptedAfter");
      Object.assign(row, { acceptedAt, respondedByUserId: userId(spec.responder), handlerUserId: userId(receiver) });
      event("sent", "accepted", acceptedAt, spec.responder);
    }
    if (!external && (spec.status === "in_progress" || spec.status === "completed")) {
      const startedAt = step(spec.startedAfter, "startedAfter");
      row.startedAt = startedAt;
      event("accepted", "in_progress", startedAt, receiver);
    }
    let withdrawnAt: Date | null = null;
    switch (spec.status) {
      case "completed": {
        const completedAt = step(spec.completedAfter, "completedAfter");
        Object.assign(row, { completedAt, outcomeFeedback: spec.outcomeFeedback ?? null });
        // A logged referral is closed by its sender once followed up; its follow-up date was that day.
        if (external) row.followUpOn = addBusinessDays(sentOn, spec.completedAfter!);
        event(external ? "logged" : "in_progress", "completed", completedAt, external ? spec.from : receiver, spec.outcomeFeedback);
        break;
      }
      case "declined": {
        const declinedAt = step(spec.declinedAfter, "declinedAfter");
        Object.assign(row, { declinedAt, declineReason: spec.declineReason ?? null, respondedByUserId: userId(spec.responder) });
        event("sent", "declined", declinedAt, spec.responder, spec.declineReason);
        break;
      }
      case "withdrawn":
      case "revoked": {
        // The sender withdraws before acceptance; the sender's manager revokes after it. The state machine
        // keeps the reason of both in withdraw_reason.
        withdrawnAt = step(spec.withdrawnAfter, "withdrawnAfter");
        Object.assign(row, { withdrawnAt, withdrawReason: spec.withdrawReason ?? null });
        if (spec.status === "withdrawn") event("sent", "withdrawn", withdrawnAt, spec.from, spec.withdrawReason);
        else event("accepted", "revoked", withdrawnAt, spec.revokedBy, spec.withdrawReason);
        break;
      }
      case "logged":
        row.followUpOn = addCalendarDays(today, external?.followUpInDays ?? 14);
        break;
      default:
        break;
    }
    row.updatedAt = events[events.length - 1]!.at;

    const consent: typeof consents.$inferInsert = {
      id: consentId,
      companyId: demoIds.company(theCase.company),
      obtainedOn: maxDate(addCalendarDays(sentOn, -random.int(0, 3)), openedOn),
      method: spec.consent.method,
      scopeBasicProfile: true,
      scopeConsultationSummary: spec.consent.summary,
      scopeConfidentialNotes: spec.consent.confidential,
      givenBy: representativeOf.get(theCase.company) ?? null,
      notes: spec.consent.method === "written" ? "同意書（紙）を受領し、写しを事務所で保管" : null,
      recordedByUserId: fromUserId,
      organizationId: userOrg(spec.from),
      // A company that withdraws its consent ends the referral that relied on it.
      revokedAt: spec.status === "revoked" && withdrawnAt ? new Date(withdrawnAt.getTime() - 60 * 60 * 1000) : null,
    };
    return { index, sentOn, sentAt, row, consent, events };
  }

  // The outreach event and who came.
  const heldOn = previousBusinessDay(addCalendarDays(today, -DEMO_EVENT.daysAgo));
  const eventId = stableId("demo", "event/tsunagaru-kanazawa");
  plan.outreachEvents.push({
    id: eventId,
    name: DEMO_EVENT.name,
    heldOn,
    city: DEMO_EVENT.city,
    prefectureCode: DEMO_EVENT.prefectureCode,
    venue: DEMO_EVENT.venue,
    organizerOrgId: orgId(DEMO_EVENT.organizer),
    attendeeCount: DEMO_EVENT.attendeeCount,
    createdAt: jstAt(heldOn, 18),
  });
  DEMO_EVENT_ATTENDEES.forEach((attendee, n) => {
    plan.eventAttendees.push({
      id: stableId("demo", `event/tsunagaru-kanazawa/attendee/${n}`),
      eventId,
      companyId: attendee.company ? demoIds.company(attendee.company) : null,
      companyName: attendee.company ? companySpec(attendee.company).name : attendee.name!,
      caseId: attendee.case ? demoIds.case(attendee.case) : null,
      createdAt: jstAt(heldOn, 18),
    });
  });

  // KPI targets and a PDCA note for the 中部 block this fiscal year, set by its manager.
  const kpiSetter = demoIds.user("meti-chubu");
  const targets = [
    ["companies_supported", 40],
    ["consultations", 320],
    ["companies_discovered", 25],
    ["referrals_sent", 36],
    ["referral_completion_rate", 70],
    ["ip_filings", 12],
  ] as const;
  for (const [metric, value] of targets) {
    plan.kpiTargets.push({
      id: stableId("demo", `kpi/${fiscalYear}/block/chubu/${metric}`),
      fiscalYear,
      scopeKind: "block",
      scopeRef: "chubu",
      metric,
      targetValue: value,
      setByUserId: kpiSetter,
      createdAt: jstAt(fiscalYearRange(fiscalYear).start, 10),
    });
  }
  // The national level (特許庁) sets the country's targets; only it sees the national scope.
  const nationalTargets = [
    ["companies_supported", 120],
    ["consultations", 900],
    ["referrals_sent", 100],
    ["ip_filings", 30],
  ] as const;
  for (const [metric, value] of nationalTargets) {
    plan.kpiTargets.push({
      id: stableId("demo", `kpi/${fiscalYear}/national/${metric}`),
      fiscalYear,
      scopeKind: "national",
      scopeRef: "",
      metric,
      targetValue: value,
      setByUserId: demoIds.user("jpo"),
      createdAt: jstAt(fiscalYearRange(fiscalYear).start, 9),
    });
  }
  plan.pdcaNotes.push({
    id: stableId("demo", `pdca/${fiscalYear}/block/chubu/1`),
    fiscalYear,
    quarter: fiscalQuarterOf(today),
    scopeKind: "block",
    scopeRef: "chubu",
    revision: 1,
    plan: "石川県モデル地域で伴走支援先を12社に拡大。商工会議所からの連携依頼を窓口で5営業日以内に受け付ける。",
    do: "「つながる特許庁 in 金沢」を開催し、参加企業のうち2社を掘り起こし案件として登録。",
    check: "連携依頼の一部で回答が5営業日を超過。弁理士会への依頼は内容の事前整理が不足していた。",
    act: "依頼時の引継ぎメモの記載例を共有し、超過案件は連携会議で毎月確認する。",
    authorUserId: kpiSetter,
    createdAt: jstAt(previousBusinessDay(addCalendarDays(today, -7)), 17),
  });

  // A few notifications, so that the bell is not empty (texts: notifications.kinds.* in the message files).
  // No `referral.overdue` ones: lib/referrals/overdue.ts creates those once per referral, for every recipient.
  const notify = (user: DemoUserKey, kind: "referral.received" | "referral.accepted" | "referral.completed", caseKey: string, otherSide: DemoOrgKey, read: boolean) => {
    const index = DEMO_REFERRALS.findIndex((r) => r.case === caseKey);
    const referral = referralPlans.find((r) => r.index === index)!;
    const at = referral.events[referral.events.length - 1]!.at!;
    plan.notifications.push({
      id: stableId("demo", `notification/${user}/${kind}/${caseKey}`),
      userId: demoIds.user(user),
      kind,
      params: { code: referralCodes.get(index)!, companyName: companySpec(caseSpec(caseKey).company).name, orgName: orgName(otherSide) },
      entityType: "referral",
      entityId: referral.row.id!,
      readAt: read ? new Date(at.getTime() + 2 * 60 * 60 * 1000) : null,
      createdAt: at,
    });
  };
  notify("inpit-ishikawa", "referral.received", "ishikawa-softlab", "jcci-kanazawa", false);
  notify("inpit-ishikawa", "referral.received", "ishikawa-ono-shoyu", "jcci-kanazawa", false);
  notify("jpaa-hokuriku", "referral.received", "ishikawa-nonoichi", "inpit-ishikawa", false);
  notify("jcci-kanazawa", "referral.accepted", "ishikawa-noto-shiosai", "inpit-ishikawa", true);
  notify("inpit-aomori", "referral.received", "aomori-nebuta", "jcci-aomori", false);
  notify("jcci-kobe-inoue", "referral.completed", "kobe-nagata-shoes", "inpit-hyogo", true);

  return plan;
}
