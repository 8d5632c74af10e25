/**
 * Table rows of the national-scale data, as generators of COPY values. Each row is a pure function of the
 * world and its index, so that a table of millions streams out with flat memory, and the rows of a child
 * table (activity participants, referral events) can be rebuilt from the same index as their parent's.
 */
import { computeCheckDigit } from "@/lib/companies/corporate-number";
import { normalizeCompanyName } from "@/lib/companies/normalize-name";
import { REFERRAL_SERVICES } from "@/lib/referrals/services";
import { respondByFor } from "@/lib/referrals/business-days";
import type { CopyValue } from "./copy";
import {
  ACTIVITY_SUMMARIES,
  CASE_TITLE_TOPICS,
  CITIES_BY_PREFECTURE,
  EXTERNAL_RECIPIENTS,
  GENERIC_STEMS,
  NEXT_ACTION_TITLES,
  TOWNS,
  TRADES,
  TRADE_SUFFIXES,
} from "./data";
import { rngAt, upperBound, uuidAt, type Rng } from "./random";
import { FAMILY_NAMES } from "@/db/seed/data/people";
import { SEEDS, isoOfDay, msOfDay, pickCompanyIn, prefectureOf, prefectureOfCompany, smeWeight, type Org, type PartyKey, type World } from "./world";

type Row = CopyValue[];

// ---------------------------------------------------------------------------------------------------------
// Organizations and staff

export const ORGANIZATION_COLUMNS = ["id", "name_ja", "name_en", "party_kind_key", "block_code", "prefecture_code", "created_at", "updated_at"] as const;

export function* organizationRows(world: World): Generator<Row> {
  const at = new Date(msOfDay(world.todayDay - 1500)).toISOString();
  for (const org of world.orgs) {
    if (org.isNew) yield [org.id, org.nameJa, org.nameEn, org.partyKind, org.blockCode, org.prefectureCode, at, at];
  }
}

export const USER_COLUMNS = ["id", "email", "name", "name_kana", "organization_id", "role", "password_hash", "created_at", "updated_at"] as const;

/** New staff cannot sign in (no password): only the demo accounts are used to sign in. */
export function* userRows(world: World): Generator<Row> {
  const at = new Date(msOfDay(world.todayDay - 1500)).toISOString();
  for (const user of world.users) {
    if (user.isNew) yield [user.id, user.email, user.name, user.nameKana, world.orgs[user.orgIndex]!.id, user.role, null, at, at];
  }
}

// ---------------------------------------------------------------------------------------------------------
// Companies

export interface Company {
  id: string;
  corporateNumber: string | null;
  name: string;
  nameKana: string;
  normalizedName: string;
  prefectureCode: number;
  city: string;
  address: string;
  industry: string;
  employeeCount: number;
  capitalYen: number | null;
  website: string | null;
  foundedOn: string;
  isProvisional: boolean;
  createdByOrgId: string | null;
  createdAt: string;
}

const LEGAL_FORMS: ReadonlyArray<readonly [form: string, weight: number, code: string]> = [
  ["株式会社", 72, "01"],
  ["有限会社", 17, "02"],
  ["合同会社", 5, "03"],
  ["合資会社", 1, "03"],
  // Sole proprietors: no 法人番号, a provisional record (DOMAIN.md).
  ["", 5, ""],
];
const LEGAL_FORM_CUMULATIVE = cumulative(LEGAL_FORMS.map(([, w]) => w));

export const companyId = (index: number) => uuidAt(SEEDS.company, index);

/**
 * Company `index`: a name composed from a place of its prefecture (or a common word, or a family name), a
 * trade and sometimes a suffix, with its legal form in front or behind; a valid 法人番号 unless it is a sole
 * proprietor. `takenNumbers` are the 法人番号 already in the database (the demo's), never reused.
 */
export function companyAt(world: World, index: number, takenNumbers: ReadonlySet<string>, creatorsByPrefecture: ReadonlyMap<number, readonly Org[]>): Company {
  const rng = rngAt(SEEDS.company, index);
  const prefectureCode = prefectureOfCompany(world, index);
  const cities = CITIES_BY_PREFECTURE[prefectureCode]!;
  const [city] = rng.pick(cities);
  const stemRoll = rng.next();
  const [stem, stemKana] = stemRoll < 0.5 ? rng.pick(cities) : stemRoll < 0.8 ? rng.pick(GENERIC_STEMS) : rng.pick(FAMILY_NAMES);
  const [trade, tradeKana, industry] = rng.pick(TRADES);
  const [suffix, suffixKana] = rng.pick(TRADE_SUFFIXES);
  const [form, , kindCode] = LEGAL_FORMS[rng.weightedIndex(LEGAL_FORM_CUMULATIVE)]!;
  const core = `${stem}${trade}${suffix}`;
  const name = form === "" ? core : rng.chance(0.55) ? `${form}${core}` : `${core}${form}`;
  const isProvisional = form === "";

  let corporateNumber: string | null = null;
  if (!isProvisional) {
    // 会社法人等番号: 登記所 (2-digit prefecture + office), 組織区分, serial; unique because the index is.
    const office = `${String(prefectureCode).padStart(2, "0")}${String(Math.floor(index / 1_000_000) + 1).padStart(2, "0")}`;
    const serial = String(index % 1_000_000).padStart(6, "0");
    let body = `${office}${kindCode}${serial}`;
    corporateNumber = `${computeCheckDigit(body)}${body}`;
    if (takenNumbers.has(corporateNumber)) {
      body = `${office}09${serial}`;
      corporateNumber = `${computeCheckDigit(body)}${body}`;
    }
  }

  const employeeCount = Math.max(1, Math.round(Math.exp(rng.next() * 5.5)));
  const capitalYen = isProvisional ? null : rng.pick([1_000_000, 3_000_000, 5_000_000, 10_000_000, 20_000_000, 30_000_000, 50_000_000, 90_000_000]);
  const creators = creatorsByPrefecture.get(prefectureCode) ?? [];
  // Most companies come from the registry import; a tenth were registered by a desk or chamber of their area.
  const creator = creators.length > 0 && rng.chance(0.1) ? rng.pick(creators) : null;
  return {
    id: companyId(index),
    corporateNumber,
    name,
    nameKana: `${stemKana}${tradeKana}${suffixKana}`,
    normalizedName: normalizeCompanyName(name),
    prefectureCode,
    city: `${city}${prefectureCode === 13 && !["八王子", "立川", "武蔵野", "町田", "府中", "青梅"].includes(city) ? "区" : "市"}`,
    address: `${rng.pick(TOWNS)}${rng.int(1, 5)}-${rng.int(1, 30)}-${rng.int(1, 20)}`,
    industry,
    employeeCount,
    capitalYen,
    website: rng.chance(0.35) ? `https://c${index.toString(36)}.example.jp` : null,
    foundedOn: isoOfDay(world.todayDay - rng.int(365, 365 * 75)),
    isProvisional,
    createdByOrgId: creator?.id ?? null,
    createdAt: new Date(msOfDay(world.todayDay - rng.int(30, 1500))).toISOString(),
  };
}

/** Desks and chambers that register companies, by prefecture. */
export function creatorsByPrefecture(world: World): Map<number, Org[]> {
  const map = new Map<number, Org[]>();
  for (const org of world.orgs) {
    if ((org.partyKind === "inpit" || org.partyKind === "jcci") && org.prefectureCode !== null) {
      map.set(org.prefectureCode, [...(map.get(org.prefectureCode) ?? []), org]);
    }
  }
  return map;
}

/** search_text and search_bigrams are generated by the database, never written. */
export const COMPANY_COLUMNS = [
  "id",
  "corporate_number",
  "name",
  "name_kana",
  "normalized_name",
  "prefecture_code",
  "city",
  "address",
  "industry",
  "employee_count",
  "capital_yen",
  "website",
  "founded_on",
  "is_provisional",
  "created_by_org_id",
  "created_at",
  "updated_at",
] as const;

export function* companyRows(world: World, takenNumbers: ReadonlySet<string>, from = 0, to = world.sizes.companies): Generator<Row> {
  const creators = creatorsByPrefecture(world);
  for (let i = from; i < to; i += 1) {
    const c = companyAt(world, i, takenNumbers, creators);
    yield [c.id, c.corporateNumber, c.name, c.nameKana, c.normalizedName, c.prefectureCode, c.city, c.address, c.industry, c.employeeCount, c.capitalYen, c.website, c.foundedOn, c.isProvisional, c.createdByOrgId, c.createdAt, c.createdAt];
  }
}

// ---------------------------------------------------------------------------------------------------------
// Cases: planned once into typed arrays (a few bytes per case), then streamed table by table.

export const STAGES = ["discovery", "assessment", "planning", "accompanying", "outcome_review", "closed", "paused"] as const;
const STAGE_CUMULATIVE = cumulative([12, 12, 10, 20, 8, 33, 5]);
/** Activities per case grow as a case goes on. */
const STAGE_ACTIVITY_WEIGHT = [0.4, 0.8, 1.0, 1.6, 1.4, 1.2, 0.6];
const CLOSED = 5;
const PAUSED = 6;
const THEME_KEYS = ["trademark_brand", "patent", "design", "trade_secret", "licensing", "overseas", "plant_variety_gi", "counterfeit", "succession", "financing", "academia", "startup"] as const;
const THEME_CUMULATIVE = cumulative([18, 20, 10, 8, 7, 9, 4, 5, 5, 6, 4, 4]);

export interface CasePlan {
  count: number;
  org: Int32Array;
  company: Int32Array;
  lead: Int32Array;
  /** A second member (a colleague of the lead), or -1. */
  member: Int32Array;
  stage: Uint8Array;
  openedDay: Int32Array;
  /** The closing day, or the last day of work for an open case (today or a little before). */
  endDay: Int32Array;
  withTeam: Uint8Array;
  /** activityStart[j] … activityStart[j + 1] are the global indices of case j's activities. */
  activityStart: Float64Array;
  /** Cases of each organization: orgCases[orgCaseStart[o] … orgCaseStart[o + 1]). */
  orgCaseStart: Int32Array;
  orgCases: Int32Array;
}

/** Shares of the cases each party runs: INPIT desks the most, bureaus their model-region teams, 弁理士会 few. */
const CASE_SHARE: Record<PartyKey, number> = { inpit: 0.55, jcci: 0.25, meti: 0.12, jpaa: 0.08 };
const REFERRAL_SENDER_SHARE: Record<PartyKey, number> = { inpit: 0.45, jcci: 0.35, meti: 0.1, jpaa: 0.1 };

/** Cumulative weights over world.orgs: each party's share spread by the SMEs of the prefectures it serves. */
function orgWeights(world: World, share: Record<PartyKey, number>): Float64Array {
  const raw = world.orgs.map((org) => org.serves.reduce((sum, code) => sum + smeWeight(code), 0) / (org.partyKind === "jcci" ? chambersIn(world, org.prefectureCode) : 1));
  const totals: Record<PartyKey, number> = { meti: 0, inpit: 0, jpaa: 0, jcci: 0 };
  world.orgs.forEach((org, i) => (totals[org.partyKind] += raw[i]!));
  const out = new Float64Array(world.orgs.length);
  let sum = 0;
  world.orgs.forEach((org, i) => {
    sum += org.staff.length > 0 && totals[org.partyKind] > 0 ? (share[org.partyKind] * raw[i]!) / totals[org.partyKind] : 0;
    out[i] = sum;
  });
  return out;
}

const chamberCounts = new WeakMap<World, Map<number | null, number>>();
function chambersIn(world: World, prefecture: number | null): number {
  let counts = chamberCounts.get(world);
  if (!counts) {
    counts = new Map();
    for (const org of world.orgs) if (org.partyKind === "jcci") counts.set(org.prefectureCode, (counts.get(org.prefectureCode) ?? 0) + 1);
    chamberCounts.set(world, counts);
  }
  return counts.get(prefecture) ?? 1;
}

/** The hot organizations' share of all cases: a few thousand at national scale, so their pages are measured at size. */
export function hotCaseCounts(cases: number) {
  return { inpitIshikawa: Math.round(cases * 0.02), jcciKanazawa: Math.round(cases * 0.005), metiChubuTeam: Math.round(cases * 0.0025) };
}

/** A staff member of the organization; the main account takes `mainShare` of the draws (the demo logins). */
function pickStaff(world: World, org: Org, rng: Rng, mainShare: number): number {
  if (org.staff.length === 0) throw new Error(`organization ${org.nameJa} has no staff`);
  return !org.isNew && rng.chance(mainShare) ? org.staff[0]! : rng.pick(org.staff);
}

export function planCases(world: World): CasePlan {
  const count = world.sizes.cases;
  const plan: CasePlan = {
    count,
    org: new Int32Array(count),
    company: new Int32Array(count),
    lead: new Int32Array(count),
    member: new Int32Array(count),
    stage: new Uint8Array(count),
    openedDay: new Int32Array(count),
    endDay: new Int32Array(count),
    withTeam: new Uint8Array(count),
    activityStart: new Float64Array(count + 1),
    orgCaseStart: new Int32Array(world.orgs.length + 1),
    orgCases: new Int32Array(count),
  };
  const weights = orgWeights(world, CASE_SHARE);
  const hot = hotCaseCounts(count);
  const activityWeights = new Float64Array(count);
  let weightSum = 0;
  for (let j = 0; j < count; j += 1) {
    const rng = rngAt(SEEDS.case, j);
    let orgIndex: number;
    let withTeam = false;
    if (j < hot.inpitIshikawa) orgIndex = world.hot.inpitIshikawa;
    else if (j < hot.inpitIshikawa + hot.jcciKanazawa) orgIndex = world.hot.jcciKanazawa;
    else if (j < hot.inpitIshikawa + hot.jcciKanazawa + hot.metiChubuTeam) {
      orgIndex = world.hot.metiChubu;
      withTeam = world.ishikawaTeamId !== null;
    } else orgIndex = upperBound(weights, rng.next() * weights[weights.length - 1]!);
    const org = world.orgs[orgIndex]!;
    // A team case is about a company of the model region (石川県).
    const area = withTeam ? [17] : org.serves;
    plan.org[j] = orgIndex;
    plan.company[j] = pickCompanyIn(world, area, rng.next(), rng.next());
    plan.lead[j] = pickStaff(world, org, rng, 0.4);
    const colleague = rng.pick(org.staff);
    plan.member[j] = rng.chance(0.4) && colleague !== plan.lead[j] ? colleague : -1;
    const stage = rng.weightedIndex(STAGE_CUMULATIVE);
    plan.stage[j] = stage;
    // Opened over the last ~4 years, more of them recently.
    const opened = world.todayDay - Math.floor(rng.next() ** 1.4 * 1400) - 1;
    plan.openedDay[j] = opened;
    plan.endDay[j] = stage === CLOSED ? Math.min(world.todayDay - 1, opened + rng.int(60, 700)) : stage === PAUSED ? Math.min(world.todayDay - 1, opened + rng.int(30, 400)) : world.todayDay - rng.int(0, 45);
    if (plan.endDay[j]! < opened) plan.endDay[j] = opened;
    plan.withTeam[j] = withTeam ? 1 : 0;
    const w = STAGE_ACTIVITY_WEIGHT[stage]! * (0.5 + rng.next());
    activityWeights[j] = w;
    weightSum += w;
  }
  // Activities apportioned by weight, adding up to exactly --activities.
  let running = 0;
  for (let j = 0; j < count; j += 1) {
    running += activityWeights[j]!;
    plan.activityStart[j + 1] = Math.round((world.sizes.activities * running) / weightSum);
  }
  plan.activityStart[count] = world.sizes.activities;
  // Counting sort of the cases by organization.
  for (let j = 0; j < count; j += 1) plan.orgCaseStart[plan.org[j]! + 1]! += 1;
  for (let o = 0; o < world.orgs.length; o += 1) plan.orgCaseStart[o + 1]! += plan.orgCaseStart[o]!;
  const fill = plan.orgCaseStart.slice(0, world.orgs.length);
  for (let j = 0; j < count; j += 1) plan.orgCases[fill[plan.org[j]!]!++] = j;
  return plan;
}

export const caseId = (j: number) => uuidAt(SEEDS.case, j);
const caseUpdatedAt = (plan: CasePlan, j: number) => new Date(msOfDay(plan.endDay[j]!) + 9 * 3_600_000 + (j % 28_800) * 1000).toISOString();

export const CASE_COLUMNS = ["id", "code", "company_id", "prefecture_code", "title", "summary", "stage", "owner_org_id", "producer_team_id", "lead_user_id", "source", "opened_on", "closed_on", "paused_reason", "created_by_user_id", "created_at", "updated_at"] as const;

/** Case codes R<令和 year>-NNNN continue after the highest number already used in each year. */
export function* caseRows(world: World, plan: CasePlan, firstFreeCaseNumber: Map<number, number>): Generator<Row> {
  const next = new Map(firstFreeCaseNumber);
  const takenNumbers = new Set<string>();
  const creators = creatorsByPrefecture(world);
  for (let j = 0; j < plan.count; j += 1) {
    const rng = rngAt(SEEDS.case ^ 0x1234, j);
    const opened = isoOfDay(plan.openedDay[j]!);
    const year = Number(opened.slice(0, 4)) - 2018;
    const sequence = next.get(year) ?? 1;
    next.set(year, sequence + 1);
    const company = companyAt(world, plan.company[j]!, takenNumbers, creators);
    const stage = STAGES[plan.stage[j]!]!;
    const topic = rng.pick(CASE_TITLE_TOPICS);
    const lead = world.users[plan.lead[j]!]!;
    yield [
      caseId(j),
      `R${year}-${String(sequence).padStart(4, "0")}`,
      company.id,
      company.prefectureCode,
      `${company.name.replace(/株式会社|有限会社|合同会社|合資会社/, "")}の${topic}`,
      `${topic}について伴走支援を行う。`,
      stage,
      world.orgs[plan.org[j]!]!.id,
      plan.withTeam[j] ? world.ishikawaTeamId : null,
      lead.id,
      rng.pick(["企業訪問", "窓口相談", "連携依頼", "セミナー", "つながる特許庁"]),
      opened,
      stage === "closed" ? isoOfDay(plan.endDay[j]!) : null,
      stage === "paused" ? "企業側の事情により一時中断" : null,
      lead.id,
      new Date(msOfDay(plan.openedDay[j]!) + 10 * 3_600_000).toISOString(),
      caseUpdatedAt(plan, j),
    ];
  }
}

export const CASE_MEMBER_COLUMNS = ["case_id", "user_id", "added_at"] as const;

export function* caseMemberRows(world: World, plan: CasePlan): Generator<Row> {
  for (let j = 0; j < plan.count; j += 1) {
    const at = new Date(msOfDay(plan.openedDay[j]!)).toISOString();
    yield [caseId(j), world.users[plan.lead[j]!]!.id, at];
    if (plan.member[j]! >= 0) yield [caseId(j), world.users[plan.member[j]!]!.id, at];
  }
}

export const CASE_THEME_COLUMNS = ["case_id", "theme_key", "prefecture_code"] as const;

export function* caseThemeRows(world: World, plan: CasePlan): Generator<Row> {
  for (let j = 0; j < plan.count; j += 1) {
    const rng = rngAt(SEEDS.case ^ 0x7777, j);
    const prefecture = prefectureOfCompany(world, plan.company[j]!);
    const first = rng.weightedIndex(THEME_CUMULATIVE);
    yield [caseId(j), THEME_KEYS[first]!, prefecture];
    const second = rng.weightedIndex(THEME_CUMULATIVE);
    if (rng.chance(0.45) && second !== first) yield [caseId(j), THEME_KEYS[second]!, prefecture];
  }
}

export const STAGE_CHANGE_COLUMNS = ["id", "case_id", "from_stage", "to_stage", "reason", "changed_by_user_id", "changed_at"] as const;

/** The opening, and the move to the current stage when it is not the first. */
export function* stageChangeRows(world: World, plan: CasePlan): Generator<Row> {
  for (let j = 0; j < plan.count; j += 1) {
    const lead = world.users[plan.lead[j]!]!.id;
    yield [uuidAt(SEEDS.stageChange, 2 * j), caseId(j), null, "discovery", null, lead, new Date(msOfDay(plan.openedDay[j]!) + 10 * 3_600_000).toISOString()];
    const stage = STAGES[plan.stage[j]!]!;
    if (stage !== "discovery") {
      yield [uuidAt(SEEDS.stageChange, 2 * j + 1), caseId(j), "discovery", stage, stage === "paused" ? "企業側の事情により一時中断" : null, lead, caseUpdatedAt(plan, j)];
    }
  }
}

// ---------------------------------------------------------------------------------------------------------
// Activities, their participants and next actions: one pure function per activity, read by three passes.

const ACTIVITY_KINDS = ["visit", "meeting", "online_meeting", "call", "email", "consultation", "seminar", "expert_dispatch", "other"] as const;
const ACTIVITY_KIND_CUMULATIVE = cumulative([22, 18, 14, 16, 10, 12, 3, 4, 1]);

export interface Activity {
  id: string;
  caseIndex: number;
  companyId: string;
  orgId: string;
  kind: string;
  occurredAt: string;
  durationMinutes: number;
  summary: string;
  createdBy: string;
  withParticipant: boolean;
  nextAction: { id: string; title: string; dueOn: string; completedAt: string | null } | null;
}

export const activityId = (index: number) => uuidAt(SEEDS.activity, index);

export function activityAt(world: World, plan: CasePlan, j: number, index: number): Activity {
  const rng = rngAt(SEEDS.activity, index);
  const first = plan.activityStart[j]!;
  const last = plan.activityStart[j + 1]! - 1;
  const opened = plan.openedDay[j]!;
  const end = plan.endDay[j]!;
  // Spread over the case's life in order, so the newest activity is the case's latest work.
  const position = last > first ? (index - first) / (last - first) : 1;
  const day = Math.min(end, opened + Math.round(position * (end - opened)));
  const occurredMs = msOfDay(day) + rng.int(0, 8 * 60) * 60_000; // 09:00–17:00 JST is 00:00–08:00 UTC
  const creator = plan.member[j]! >= 0 && rng.chance(0.3) ? plan.member[j]! : plan.lead[j]!;
  const stage = plan.stage[j]!;
  const isOpenCase = stage !== CLOSED && stage !== PAUSED;
  let nextAction: Activity["nextAction"] = null;
  if (index === last && isOpenCase) {
    // The latest activity of an open case leaves what to do next: some overdue, some today, most ahead.
    const due = world.todayDay + rng.int(-10, 30);
    nextAction = { id: uuidAt(SEEDS.nextAction, index), title: rng.pick(NEXT_ACTION_TITLES), dueOn: isoOfDay(due), completedAt: null };
  } else if (rng.chance(0.1)) {
    const due = day + rng.int(3, 30);
    nextAction = {
      id: uuidAt(SEEDS.nextAction, index),
      title: rng.pick(NEXT_ACTION_TITLES),
      dueOn: isoOfDay(due),
      completedAt: new Date(msOfDay(Math.min(due, world.todayDay - 1)) + 3 * 3_600_000).toISOString(),
    };
  }
  return {
    id: activityId(index),
    caseIndex: j,
    companyId: uuidAt(SEEDS.company, plan.company[j]!),
    orgId: world.orgs[plan.org[j]!]!.id,
    kind: ACTIVITY_KINDS[rng.weightedIndex(ACTIVITY_KIND_CUMULATIVE)]!,
    occurredAt: new Date(occurredMs).toISOString(),
    durationMinutes: rng.pick([15, 30, 45, 60, 90, 120]),
    summary: rng.pick(ACTIVITY_SUMMARIES),
    createdBy: world.users[creator]!.id,
    withParticipant: rng.chance(0.25),
    nextAction,
  };
}

function* allActivities(world: World, plan: CasePlan): Generator<Activity> {
  for (let j = 0; j < plan.count; j += 1) {
    for (let index = plan.activityStart[j]!; index < plan.activityStart[j + 1]!; index += 1) yield activityAt(world, plan, j, index);
  }
}

export const ACTIVITY_COLUMNS = ["id", "case_id", "company_id", "prefecture_code", "organization_id", "kind", "occurred_at", "duration_minutes", "summary", "created_by_user_id", "created_at", "updated_at"] as const;

export function* activityRows(world: World, plan: CasePlan): Generator<Row> {
  for (const a of allActivities(world, plan)) {
    yield [a.id, caseId(a.caseIndex), a.companyId, prefectureOfCompany(world, plan.company[a.caseIndex]!), a.orgId, a.kind, a.occurredAt, a.durationMinutes, a.summary, a.createdBy, a.occurredAt, a.occurredAt];
  }
}

export const PARTICIPANT_COLUMNS = ["activity_id", "user_id"] as const;

export function* participantRows(world: World, plan: CasePlan): Generator<Row> {
  for (const a of allActivities(world, plan)) if (a.withParticipant) yield [a.id, a.createdBy];
}

export const NEXT_ACTION_COLUMNS = ["id", "case_id", "activity_id", "title", "assignee_user_id", "due_on", "completed_at", "completed_by_user_id", "created_by_user_id", "created_at", "updated_at"] as const;

export function* nextActionRows(world: World, plan: CasePlan): Generator<Row> {
  for (const a of allActivities(world, plan)) {
    const n = a.nextAction;
    if (!n) continue;
    yield [n.id, caseId(a.caseIndex), a.id, n.title, a.createdBy, n.dueOn, n.completedAt, n.completedAt ? a.createdBy : null, a.createdBy, a.occurredAt, n.completedAt ?? a.occurredAt];
  }
}

// ---------------------------------------------------------------------------------------------------------
// Consents and referrals

export interface Referral {
  id: string;
  consentId: string;
  companyId: string;
  caseIndex: number | null;
  fromOrg: Org;
  fromUser: string;
  toOrg: Org | null;
  externalRecipient: string | null;
  service: string;
  urgency: string;
  status: string;
  sentAt: Date;
  respondBy: string | null;
  followUpOn: string | null;
  /** accepted → in_progress → completed, or declined / withdrawn / revoked: each step after sending. */
  steps: { status: string; at: Date; by: string }[];
  handlerUserId: string | null;
  respondedByUserId: string | null;
  consent: { obtainedOn: string; method: string; summary: boolean; confidential: boolean };
}

/** The hot organizations' referrals: a few thousand each in the inboxes and outboxes the benchmark opens. */
export function hotReferralRanges(referrals: number) {
  const sizes = [0.012, 0.008, 0.004, 0.004, 0.004].map((share) => Math.round(referrals * share));
  const ends: number[] = [];
  sizes.reduce((sum, size) => (ends.push(sum + size), sum + size), 0);
  return {
    /** INPIT 石川 → 北陸会 */ inpitToJpaa: ends[0]!,
    /** 金沢 → INPIT 石川 */ jcciToInpit: ends[1]!,
    /** 金沢 → 北陸会 */ jcciToJpaa: ends[2]!,
    /** other bodies of 北陸 → 北陸会 */ othersToJpaa: ends[3]!,
    /** other chambers of 石川 → INPIT 石川 */ othersToInpit: ends[4]!,
  };
}

export function referralPlanner(world: World, plan: CasePlan) {
  const senderWeights = orgWeights(world, REFERRAL_SENDER_SHARE);
  const ranges = hotReferralRanges(world.sizes.referrals);
  const inpitOf = new Map<number, Org>();
  const jpaaOf = new Map<number, Org>();
  const metiOf = new Map<string, Org>();
  const chambersOf = new Map<number, Org[]>();
  for (const org of world.orgs) {
    if (org.partyKind === "inpit" && org.prefectureCode !== null) inpitOf.set(org.prefectureCode, org);
    if (org.partyKind === "jpaa") for (const code of org.serves) if (!jpaaOf.has(code) || org.prefectureCode === code) jpaaOf.set(code, org);
    if (org.partyKind === "meti" && org.blockCode) metiOf.set(org.blockCode, org);
    if (org.partyKind === "jcci" && org.prefectureCode !== null) chambersOf.set(org.prefectureCode, [...(chambersOf.get(org.prefectureCode) ?? []), org]);
  }
  const hot = world.hot;
  const northernSenders = world.orgs.filter((o) => o.index !== hot.inpitIshikawa && o.index !== hot.jcciKanazawa && o.partyKind !== "jpaa" && o.prefectureCode !== null && [16, 17, 18].includes(o.prefectureCode));
  const ishikawaChambers = (chambersOf.get(17) ?? []).filter((o) => o.index !== hot.jcciKanazawa);

  /** Where a sender of this party refers a company of this prefecture (null: a body outside Renkei). */
  function receiverFor(rng: Rng, from: Org, prefecture: number): Org | null {
    const roll = rng.next();
    const block = prefectureOf(prefecture).blockCode;
    const candidates: Array<Org | undefined> =
      from.partyKind === "inpit"
        ? roll < 0.55 ? [jpaaOf.get(prefecture)] : roll < 0.8 ? [rng.pick(chambersOf.get(prefecture) ?? [from])] : roll < 0.9 ? [metiOf.get(block)] : []
        : from.partyKind === "jcci"
          ? roll < 0.7 ? [inpitOf.get(prefecture)] : roll < 0.85 ? [jpaaOf.get(prefecture)] : roll < 0.9 ? [metiOf.get(block)] : []
          : from.partyKind === "meti"
            ? roll < 0.5 ? [inpitOf.get(prefecture)] : roll < 0.9 ? [jpaaOf.get(prefecture)] : []
            : roll < 0.7 ? [inpitOf.get(prefecture)] : roll < 0.9 ? [rng.pick(chambersOf.get(prefecture) ?? [from])] : [];
    const to = candidates[0];
    return to && to.index !== from.index ? to : null;
  }

  return function referralAt(k: number): Referral {
    const rng = rngAt(SEEDS.referral, k);
    let from: Org;
    let to: Org | null | undefined;
    let mainShare = 0.3;
    if (k < ranges.inpitToJpaa) [from, to] = [world.orgs[hot.inpitIshikawa]!, world.orgs[hot.jpaaHokuriku]!];
    else if (k < ranges.jcciToInpit) [from, to, mainShare] = [world.orgs[hot.jcciKanazawa]!, world.orgs[hot.inpitIshikawa]!, 0.5];
    else if (k < ranges.jcciToJpaa) [from, to, mainShare] = [world.orgs[hot.jcciKanazawa]!, world.orgs[hot.jpaaHokuriku]!, 0.5];
    else if (k < ranges.othersToJpaa && northernSenders.length > 0) [from, to] = [rng.pick(northernSenders), world.orgs[hot.jpaaHokuriku]!];
    else if (k < ranges.othersToInpit && ishikawaChambers.length > 0) [from, to] = [rng.pick(ishikawaChambers), world.orgs[hot.inpitIshikawa]!];
    else from = world.orgs[upperBound(senderWeights, rng.next() * senderWeights[senderWeights.length - 1]!)]!;

    // Three in four referrals come out of a case of the sender; the rest straight from a company it met.
    const ownCases = plan.orgCaseStart[from.index + 1]! - plan.orgCaseStart[from.index]!;
    const caseIndex = ownCases > 0 && rng.chance(0.75) ? plan.orgCases[plan.orgCaseStart[from.index]! + rng.int(0, ownCases - 1)]! : null;
    const company = caseIndex !== null ? plan.company[caseIndex]! : pickCompanyIn(world, from.serves, rng.next(), rng.next());
    if (to === undefined) to = receiverFor(rng, from, prefectureOfCompany(world, company));

    // Sent over the last ~3.5 years, more of them recently.
    const ageDays = Math.floor(rng.next() ** 2 * 1250);
    const sentAt = new Date(msOfDay(world.todayDay - ageDays) + rng.int(0, 9 * 60) * 60_000);
    const fromUser = world.users[pickStaff(world, from, rng, mainShare)]!.id;
    const receiverStaff = to ? world.users[pickStaff(world, to, rng, 0.4)]!.id : null;
    const status = to === null ? (ageDays > 30 && rng.chance(0.7) ? "completed" : "logged") : statusFor(rng, ageDays);
    const steps: Referral["steps"] = [];
    const after = (days: number) => new Date(Math.min(sentAt.getTime() + days * 86_400_000, msOfDay(world.todayDay) - 3_600_000));
    let handlerUserId: string | null = null;
    let respondedByUserId: string | null = null;
    if (to && receiverStaff) {
      const accepted = ["accepted", "in_progress", "completed"].includes(status);
      if (accepted) {
        steps.push({ status: "accepted", at: after(rng.int(0, 6)), by: receiverStaff });
        respondedByUserId = receiverStaff;
        handlerUserId = receiverStaff;
      }
      if (status === "in_progress" || status === "completed") steps.push({ status: "in_progress", at: after(rng.int(7, 14)), by: receiverStaff });
      if (status === "completed") steps.push({ status: "completed", at: after(rng.int(15, 120)), by: receiverStaff });
      if (status === "declined") {
        steps.push({ status: "declined", at: after(rng.int(0, 6)), by: receiverStaff });
        respondedByUserId = receiverStaff;
      }
    }
    if (status === "withdrawn" || status === "revoked") steps.push({ status, at: after(rng.int(0, 4)), by: fromUser });
    if (!to && status === "completed") steps.push({ status: "completed", at: after(rng.int(14, 60)), by: fromUser });

    const summary = rng.chance(0.6);
    return {
      id: uuidAt(SEEDS.referral, k),
      consentId: uuidAt(SEEDS.consent, k),
      companyId: uuidAt(SEEDS.company, company),
      caseIndex,
      fromOrg: from,
      fromUser,
      toOrg: to,
      externalRecipient: to ? null : rng.pick(EXTERNAL_RECIPIENTS),
      service: rng.pick(REFERRAL_SERVICES),
      urgency: rng.chance(0.85) ? "normal" : rng.chance(0.7) ? "high" : "urgent",
      status,
      sentAt,
      respondBy: to ? respondByFor(sentAt) : null,
      followUpOn: to ? null : isoOfDay(world.todayDay - ageDays + 30),
      steps,
      handlerUserId,
      respondedByUserId,
      consent: { obtainedOn: isoOfDay(world.todayDay - ageDays - rng.int(0, 14)), method: rng.pick(["written", "verbal", "electronic"]), summary, confidential: summary && rng.chance(0.15) },
    };
  };
}

/** Recent referrals are still being answered; old ones are mostly done (a few never were: overdue). */
function statusFor(rng: Rng, ageDays: number): string {
  const roll = rng.next();
  if (ageDays < 8) return roll < 0.55 ? "sent" : roll < 0.8 ? "accepted" : roll < 0.95 ? "in_progress" : "declined";
  if (ageDays < 60) return roll < 0.08 ? "sent" : roll < 0.25 ? "accepted" : roll < 0.6 ? "in_progress" : roll < 0.85 ? "completed" : roll < 0.93 ? "declined" : "withdrawn";
  return roll < 0.02 ? "sent" : roll < 0.05 ? "accepted" : roll < 0.13 ? "in_progress" : roll < 0.8 ? "completed" : roll < 0.9 ? "declined" : roll < 0.99 ? "withdrawn" : "revoked";
}

export const CONSENT_COLUMNS = ["id", "company_id", "obtained_on", "method", "scope_basic_profile", "scope_consultation_summary", "scope_confidential_notes", "recorded_by_user_id", "organization_id", "created_at", "updated_at"] as const;

export function* consentRows(world: World, plan: CasePlan): Generator<Row> {
  const referralAt = referralPlanner(world, plan);
  for (let k = 0; k < world.sizes.referrals; k += 1) {
    const r = referralAt(k);
    const at = new Date(Date.parse(`${r.consent.obtainedOn}T01:00:00Z`)).toISOString();
    yield [r.consentId, r.companyId, r.consent.obtainedOn, r.consent.method, true, r.consent.summary, r.consent.confidential, r.fromUser, r.fromOrg.id, at, at];
  }
}

export const REFERRAL_COLUMNS = [
  "id",
  "code",
  "company_id",
  "case_id",
  "from_org_id",
  "from_user_id",
  "to_org_id",
  "external_recipient",
  "follow_up_on",
  "service",
  "reason",
  "urgency",
  "consent_id",
  "status",
  "sent_at",
  "respond_by",
  "accepted_at",
  "responded_by_user_id",
  "declined_at",
  "decline_reason",
  "handler_user_id",
  "started_at",
  "completed_at",
  "outcome_feedback",
  "withdrawn_at",
  "withdraw_reason",
  "created_at",
  "updated_at",
] as const;

/** Referral codes RF-R<令和 year>-NNNN continue after the highest number already used in each year. */
export function* referralRows(world: World, plan: CasePlan, firstFreeReferralNumber: Map<number, number>): Generator<Row> {
  const referralAt = referralPlanner(world, plan);
  const next = new Map(firstFreeReferralNumber);
  for (let k = 0; k < world.sizes.referrals; k += 1) {
    const r = referralAt(k);
    const year = r.sentAt.getUTCFullYear() - 2018;
    const sequence = next.get(year) ?? 1;
    next.set(year, sequence + 1);
    const stepAt = (status: string) => r.steps.find((s) => s.status === status)?.at.toISOString() ?? null;
    const lastAt = r.steps.length > 0 ? r.steps[r.steps.length - 1]!.at : r.sentAt;
    yield [
      r.id,
      `RF-R${year}-${String(sequence).padStart(4, "0")}`,
      r.companyId,
      r.caseIndex === null ? null : caseId(r.caseIndex),
      r.fromOrg.id,
      r.fromUser,
      r.toOrg?.id ?? null,
      r.externalRecipient,
      r.followUpOn,
      r.service,
      "知財の専門的な支援が必要なため、対応をお願いします。",
      r.urgency,
      r.consentId,
      r.status,
      r.sentAt.toISOString(),
      r.respondBy,
      stepAt("accepted"),
      r.respondedByUserId,
      stepAt("declined"),
      r.status === "declined" ? "担当できる専門家が不在のため" : null,
      r.handlerUserId,
      stepAt("in_progress"),
      stepAt("completed"),
      r.status === "completed" ? "出願方針を整理し、企業に報告しました。" : null,
      stepAt("withdrawn") ?? stepAt("revoked"),
      r.status === "withdrawn" || r.status === "revoked" ? "企業の意向により取り下げ" : null,
      r.sentAt.toISOString(),
      lastAt.toISOString(),
    ];
  }
}

export const REFERRAL_EVENT_COLUMNS = ["id", "referral_id", "from_status", "to_status", "actor_user_id", "note", "at"] as const;

export function* referralEventRows(world: World, plan: CasePlan): Generator<Row> {
  const referralAt = referralPlanner(world, plan);
  for (let k = 0; k < world.sizes.referrals; k += 1) {
    const r = referralAt(k);
    const first = r.toOrg ? "sent" : "logged";
    yield [uuidAt(SEEDS.referralEvent, k * 4), r.id, null, first, r.fromUser, null, r.sentAt.toISOString()];
    // Logged referrals close straight from 記録のみ; the others follow their chain from 依頼中.
    let from = first;
    for (let n = 0; n < r.steps.length; n += 1) {
      const step = r.steps[n]!;
      yield [uuidAt(SEEDS.referralEvent, k * 4 + n + 1), r.id, from, step.status, step.by, null, step.at.toISOString()];
      from = step.status;
    }
  }
}

function cumulative(weights: readonly number[]): Float64Array {
  const out = new Float64Array(weights.length);
  let sum = 0;
  weights.forEach((w, i) => {
    sum += w;
    out[i] = sum;
  });
  return out;
}
