/**
 * The national-scale network, built without I/O: organizations, staff, and where each company, case and
 * referral sits. Row generators (./rows.ts) turn it into table rows. Everything is deterministic: the same
 * sizes, `today` and existing demo rows give the same data.
 */
import { PREFECTURES } from "@/db/seed/data/reference";
import { FAMILY_NAMES, GIVEN_NAMES } from "@/db/seed/data/people";
import { CITIES_BY_PREFECTURE, JPAA_CHAPTERS, METI_BUREAUS, SME_THOUSANDS_BY_PREFECTURE } from "./data";
import { apportion, rngAt, seedOf, upperBound, uuidAt } from "./random";

export type PartyKey = "meti" | "inpit" | "jpaa" | "jcci";
export type Role = "coordinator" | "manager" | "producer";

export interface ScaleSizes {
  companies: number;
  cases: number;
  activities: number;
  referrals: number;
  /** All organizations, the system organization and the demo's included. */
  orgs: number;
}

/** What the database already holds (reference data and the demo), read before the bulk load. */
export interface ExistingNetwork {
  orgs: ReadonlyArray<{ id: string; nameJa: string; partyKind: string | null; blockCode: string | null; prefectureCode: number | null; isSystem: boolean }>;
  users: ReadonlyArray<{ id: string; email: string; organizationId: string; role: string }>;
  /** The demo's 石川県 producer team, whose cases the bureau's producer follows. */
  ishikawaTeamId: string | null;
}

export interface Org {
  index: number;
  id: string;
  nameJa: string;
  nameEn: string | null;
  partyKind: PartyKey;
  blockCode: string | null;
  prefectureCode: number | null;
  /** Prefectures whose companies it works with. */
  serves: readonly number[];
  isNew: boolean;
  /** Indices into World.users; the first is the organization's main account. */
  staff: number[];
}

export interface Staff {
  index: number;
  id: string;
  email: string;
  name: string;
  nameKana: string;
  orgIndex: number;
  role: Role;
  isNew: boolean;
}

/** The demo organizations and accounts whose homes and lists the benchmark measures at real size. */
export const HOT_ACCOUNTS = {
  inpitIshikawa: "inpit.ishikawa@example.jp",
  jpaaHokuriku: "jpaa.hokuriku@example.jp",
  jcciKanazawa: "jcci.kanazawa@example.jp",
  metiChubu: "meti.chubu@example.jp",
} as const;

export interface Hot {
  inpitIshikawa: number;
  jpaaHokuriku: number;
  jcciKanazawa: number;
  metiChubu: number;
  /** The main accounts of those organizations (indices into World.users). */
  accounts: Record<keyof typeof HOT_ACCOUNTS, number>;
}

export interface World {
  sizes: ScaleSizes;
  today: string;
  todayDay: number;
  orgs: Org[];
  users: Staff[];
  hot: Hot;
  ishikawaTeamId: string | null;
  /** Companies are laid out by prefecture: prefecture codes[k] owns indices [starts[k], starts[k + 1]). */
  companyRanges: { codes: number[]; starts: number[] };
}

export const SEEDS = {
  org: seedOf("scale/org"),
  user: seedOf("scale/user"),
  company: seedOf("scale/company"),
  case: seedOf("scale/case"),
  activity: seedOf("scale/activity"),
  nextAction: seedOf("scale/next-action"),
  stageChange: seedOf("scale/stage-change"),
  consent: seedOf("scale/consent"),
  referral: seedOf("scale/referral"),
  referralEvent: seedOf("scale/referral-event"),
} as const;

const DAY_MS = 86_400_000;
export const dayOf = (isoDate: string) => Math.floor(Date.parse(`${isoDate}T00:00:00Z`) / DAY_MS);
export const isoOfDay = (day: number) => new Date(day * DAY_MS).toISOString().slice(0, 10);
export const msOfDay = (day: number) => day * DAY_MS;

const PREFECTURE_BY_CODE = new Map(PREFECTURES.map((p) => [p.code, p]));
export const prefectureOf = (code: number) => PREFECTURE_BY_CODE.get(code)!;
const prefecturesOfBlock = (block: string) => PREFECTURES.filter((p) => p.blockCode === block).map((p) => p.code);
export const smeWeight = (code: number) => SME_THOUSANDS_BY_PREFECTURE[code] ?? 1;

/** The prefecture's name without 都/府/県 (東京, 大阪, 石川; 北海道 stays). */
export function prefectureStem(code: number): string {
  const name = prefectureOf(code).nameJa;
  return name === "北海道" ? name : name.replace(/[都府県]$/, "");
}

export function buildWorld(sizes: ScaleSizes, today: string, existing: ExistingNetwork): World {
  const orgs: Org[] = [];
  const users: Staff[] = [];
  const byEmail = new Map(existing.users.map((u) => [u.email.toLowerCase(), u]));

  // The demo's organizations first, with their accounts: the bulk is built around them.
  const existingOrgs = existing.orgs.filter((o) => !o.isSystem && isParty(o.partyKind));
  for (const o of existingOrgs) {
    const org = addOrg(orgs, { id: o.id, nameJa: o.nameJa, nameEn: null, partyKind: o.partyKind as PartyKey, blockCode: o.blockCode, prefectureCode: o.prefectureCode, isNew: false });
    // Main accounts first (the documented demo logins), so that "the organization's main account" is theirs.
    const members = existing.users
      .filter((u) => u.organizationId === o.id && u.role !== "admin")
      .sort((a, b) => Number(isMainAccount(b.email)) - Number(isMainAccount(a.email)) || a.email.localeCompare(b.email));
    for (const u of members) {
      const staff: Staff = { index: users.length, id: u.id, email: u.email, name: "", nameKana: "", orgIndex: org.index, role: u.role as Role, isNew: false };
      users.push(staff);
      org.staff.push(staff.index);
    }
  }

  const newOrgs: Array<Omit<Org, "index" | "staff" | "serves">> = [];
  const has = (party: PartyKey, match: (o: (typeof existingOrgs)[number]) => boolean) => existingOrgs.some((o) => o.partyKind === party && match(o));
  const takenNames = new Set(existing.orgs.map((o) => o.nameJa));
  const push = (org: Omit<Org, "index" | "staff" | "serves" | "id" | "isNew">) => {
    if (takenNames.has(org.nameJa)) return;
    takenNames.add(org.nameJa);
    newOrgs.push({ ...org, id: uuidAt(SEEDS.org, newOrgs.length), isNew: true });
  };

  for (const bureau of METI_BUREAUS) {
    if (!has("meti", (o) => o.blockCode === bureau.blockCode)) push({ nameJa: bureau.nameJa, nameEn: bureau.nameEn, partyKind: "meti", blockCode: bureau.blockCode, prefectureCode: null });
  }
  // A meti body without a block is the national level (DOMAIN.md: 特許庁).
  push({ nameJa: "特許庁 地域支援室", nameEn: "Japan Patent Office, Regional Support Office", partyKind: "meti", blockCode: null, prefectureCode: null });
  for (const p of PREFECTURES) {
    if (!has("inpit", (o) => o.prefectureCode === p.code)) {
      push({ nameJa: `INPIT ${p.nameJa}知財総合支援窓口`, nameEn: `INPIT ${p.nameEn} IP Comprehensive Support Desk`, partyKind: "inpit", blockCode: p.blockCode, prefectureCode: p.code });
    }
  }
  for (const chapter of JPAA_CHAPTERS) {
    push({ nameJa: chapter.nameJa, nameEn: chapter.nameEn, partyKind: "jpaa", blockCode: chapter.blockCode, prefectureCode: chapter.officePrefecture });
  }
  // Chambers of commerce fill the rest, every prefecture getting some (more where there are more SMEs).
  const systemOrgs = existing.orgs.filter((o) => o.isSystem).length;
  const chambers = Math.max(0, sizes.orgs - systemOrgs - existingOrgs.length - newOrgs.length);
  const perPrefecture = apportion(chambers, PREFECTURES.map((p) => Math.sqrt(smeWeight(p.code))));
  const DISTRICTS = ["", "東部", "西部", "南部", "北部", "中央"];
  PREFECTURES.forEach((p, k) => {
    const cities = CITIES_BY_PREFECTURE[p.code]!;
    let made = 0;
    for (let n = 0; made < perPrefecture[k]! && n < cities.length * DISTRICTS.length * 4; n += 1) {
      const city = cities[n % cities.length]![0];
      const district = DISTRICTS[Math.floor(n / cities.length) % DISTRICTS.length]!;
      const round = Math.floor(n / (cities.length * DISTRICTS.length));
      const nameJa = `${city}${district}${round > 0 ? `第${round + 1}` : ""}商工会議所`;
      if (takenNames.has(nameJa)) continue;
      push({ nameJa, nameEn: null, partyKind: "jcci", blockCode: p.blockCode, prefectureCode: p.code });
      made += 1;
    }
  });
  for (const org of newOrgs) addOrg(orgs, org);

  for (const org of orgs) {
    org.serves =
      org.partyKind === "jpaa"
        ? (JPAA_CHAPTERS.find((c) => c.nameJa === org.nameJa)?.serves ?? (org.blockCode ? prefecturesOfBlock(org.blockCode) : [org.prefectureCode!]))
        : org.partyKind === "meti"
          ? org.blockCode
            ? prefecturesOfBlock(org.blockCode)
            : PREFECTURES.map((p) => p.code)
          : org.prefectureCode !== null
            ? [org.prefectureCode]
            : prefecturesOfBlock(org.blockCode!);
  }

  // Staff: new organizations get a manager and coordinators (bureaus a producer too); the demo's get two more
  // coordinators each, so that their cases are spread over a realistic team.
  let userSerial = 0;
  const addStaff = (org: Org, role: Role) => {
    const rng = rngAt(SEEDS.user, userSerial);
    const [family, familyKana] = rng.pick(FAMILY_NAMES);
    const [given, givenKana] = rng.pick(GIVEN_NAMES);
    const staff: Staff = {
      index: users.length,
      id: uuidAt(SEEDS.user, userSerial),
      email: `s${userSerial}.${org.partyKind}@scale.example.jp`,
      name: `${family} ${given}`,
      nameKana: `${familyKana} ${givenKana}`,
      orgIndex: org.index,
      role,
      isNew: true,
    };
    userSerial += 1;
    users.push(staff);
    org.staff.push(staff.index);
  };
  for (const org of orgs) {
    if (!org.isNew) {
      addStaff(org, "coordinator");
      addStaff(org, "coordinator");
      continue;
    }
    const plan: Role[] =
      org.partyKind === "meti"
        ? ["manager", "producer", "coordinator"]
        : org.partyKind === "inpit"
          ? ["coordinator", "coordinator", "coordinator", "manager"]
          : org.partyKind === "jpaa"
            ? ["coordinator", "coordinator", "coordinator", "coordinator", "manager"]
            : org.index % 2 === 0
              ? ["coordinator", "coordinator", "manager"]
              : ["coordinator", "manager"];
    for (const role of plan) addStaff(org, role);
  }

  const hotOrg = (email: string) => {
    const user = byEmail.get(email);
    const org = user ? orgs.find((o) => o.id === user.organizationId) : undefined;
    if (!org || !user) throw new Error(`the demo account ${email} is missing: seed the demo (seedDemo) before the scale data`);
    return { org: org.index, account: users.find((u) => u.id === user.id)!.index };
  };
  const inpit = hotOrg(HOT_ACCOUNTS.inpitIshikawa);
  const jpaa = hotOrg(HOT_ACCOUNTS.jpaaHokuriku);
  const jcci = hotOrg(HOT_ACCOUNTS.jcciKanazawa);
  const meti = hotOrg(HOT_ACCOUNTS.metiChubu);

  // Companies by prefecture, in JIS order.
  const counts = apportion(sizes.companies, PREFECTURES.map((p) => smeWeight(p.code)));
  const starts: number[] = [0];
  for (const c of counts) starts.push(starts[starts.length - 1]! + c);

  return {
    sizes,
    today,
    todayDay: dayOf(today),
    orgs,
    users,
    hot: {
      inpitIshikawa: inpit.org,
      jpaaHokuriku: jpaa.org,
      jcciKanazawa: jcci.org,
      metiChubu: meti.org,
      accounts: { inpitIshikawa: inpit.account, jpaaHokuriku: jpaa.account, jcciKanazawa: jcci.account, metiChubu: meti.account },
    },
    ishikawaTeamId: existing.ishikawaTeamId,
    companyRanges: { codes: PREFECTURES.map((p) => p.code), starts },
  };
}

function isParty(kind: string | null): kind is PartyKey {
  return kind === "meti" || kind === "inpit" || kind === "jpaa" || kind === "jcci";
}

/** The demo's documented logins are `<party>.<place>@example.jp`; other demo staff have a name in front. */
function isMainAccount(email: string): boolean {
  return /^(meti|inpit|jpaa|jcci)\.[a-z]+@example\.jp$/.test(email);
}

function addOrg(orgs: Org[], org: Omit<Org, "index" | "staff" | "serves">): Org {
  const full: Org = { ...org, index: orgs.length, staff: [], serves: [] };
  orgs.push(full);
  return full;
}

/** The prefecture of company `index`. */
export function prefectureOfCompany(world: World, index: number): number {
  const { codes, starts } = world.companyRanges;
  return codes[upperBound(starts, index) - 1]!;
}

/** A random company of one of the given prefectures, weighted by how many companies each has. */
export function pickCompanyIn(world: World, prefectures: readonly number[], r1: number, r2: number): number {
  const { codes, starts } = world.companyRanges;
  const sizes = prefectures.map((code) => {
    const k = codes.indexOf(code);
    return { start: starts[k]!, size: starts[k + 1]! - starts[k]! };
  });
  const total = sizes.reduce((sum, s) => sum + s.size, 0);
  if (total === 0) throw new Error(`no companies in prefectures ${prefectures.join(", ")}: raise --companies`);
  let roll = Math.floor(r1 * total);
  for (const s of sizes) {
    if (roll < s.size) return s.start + Math.min(s.size - 1, Math.floor(r2 * s.size));
    roll -= s.size;
  }
  const last = sizes[sizes.length - 1]!;
  return last.start + last.size - 1;
}
