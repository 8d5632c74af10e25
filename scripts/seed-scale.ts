/**
 * `npm run seed:scale -- --url=postgres://127.0.0.1:5432/renkei_scale [--reset] [--companies=3400000 …]`
 *
 * Fills a PostgreSQL database with national-scale synthetic data for the benchmark (bench/): 3.4 million
 * companies spread over the prefectures as SMEs are, 200,000 cases, 2 million activities, 200,000 referrals and
 * ~600 organizations. It first migrates and seeds the reference data and the demo (the benchmark signs in with
 * the demo accounts), then streams the bulk around them with COPY: the demo's INPIT 石川, 日本弁理士会 北陸会,
 * 金沢商工会議所 and 中部経済産業局 get a few thousand cases and referrals each, so their pages are measured
 * at real size. Secondary indexes and foreign keys of the bulk tables are dropped for the load and rebuilt
 * after it (from the catalog, so they are exactly what the migrations made), then the tables are vacuumed
 * and analyzed. See docs/decisions/008-benchmarks.md.
 */
import postgres, { type Sql } from "postgres";
import { desc, eq } from "drizzle-orm";
import { openDb } from "@/db/client";
import { migrateDb } from "@/db/migrate";
import { modelRegionId } from "@/db/seed/data/reference";
import { isDemoSeeded, seedDemo } from "@/db/seed/demo";
import { seedReference } from "@/db/seed/reference";
import { producerTeams } from "@/db/schema";
import { todayInJst } from "@/lib/format/fiscal-year";
import { parseSeedScaleArgs, type SeedScaleOptions } from "./scale/args";
import { copyRows, type CopyValue } from "./scale/copy";
import { readDeferrableDdl, runInLanes } from "./scale/ddl";
import * as rows from "./scale/rows";
import { buildWorld, type ExistingNetwork, type World } from "./scale/world";

/**
 * Tables whose triggers keep derived data: prefecture_code copied from the company (decision 012) and the running
 * counts of the 経産局 home (decision 013). They wait for the load; the load writes the one and recounts the other.
 */
const DENORMALIZED_TABLES = ["cases", "case_themes", "activities", "referrals"] as const;
/** The tables the bulk load fills: their secondary indexes and foreign keys wait until it is done. */
const BULK_TABLES = [
  "companies",
  "cases",
  "case_members",
  "case_themes",
  "case_stage_changes",
  "activities",
  "activity_participants",
  "next_actions",
  "consents",
  "referrals",
  "referral_events",
] as const;

/** Above this many companies the database is taken to hold a bulk load already. */
const DEMO_SIZED = 1_000;

interface Timing {
  step: string;
  rows?: number;
  ms: number;
}

const timings: Timing[] = [];
const started = performance.now();

function log(message: string) {
  const seconds = ((performance.now() - started) / 1000).toFixed(1).padStart(6);
  console.log(`[seed:scale ${seconds}s] ${message}`);
}

async function timed<T>(step: string, work: () => Promise<T>, rowsOf?: (result: T) => number): Promise<T> {
  const t0 = performance.now();
  const result = await work();
  const ms = performance.now() - t0;
  const count = rowsOf?.(result);
  timings.push({ step, ms, ...(count !== undefined ? { rows: count } : {}) });
  log(`${step}: ${count !== undefined ? `${count.toLocaleString("en-US")} rows, ` : ""}${(ms / 1000).toFixed(1)} s${count ? ` (${Math.round(count / (ms / 1000)).toLocaleString("en-US")} rows/s)` : ""}`);
  return result;
}

/** A connection tuned for bulk work: nothing of this is durable until the end anyway. */
function bulkConnection(url: string): Sql {
  return postgres(url, {
    max: 1,
    onnotice: () => {},
    connection: { synchronous_commit: "off", maintenance_work_mem: "1GB", max_parallel_maintenance_workers: 2, work_mem: "64MB", jit: "off" },
  });
}

async function ensureDatabase(url: string): Promise<void> {
  const target = new URL(url);
  const name = decodeURIComponent(target.pathname.slice(1));
  const admin = new URL(url);
  admin.pathname = "/postgres";
  const sql = postgres(admin.toString(), { max: 1, onnotice: () => {} });
  try {
    const [row] = await sql`select 1 as found from pg_database where datname = ${name}`;
    if (!row) {
      await sql.unsafe(`create database "${name.replace(/"/g, '""')}"`);
      log(`created database ${name}`);
    }
  } finally {
    await sql.end();
  }
}

async function readExisting(sql: Sql, teamId: string | null): Promise<ExistingNetwork> {
  const orgs = await sql<ExistingNetwork["orgs"][number][]>`
    select id, name_ja as "nameJa", party_kind_key as "partyKind", block_code as "blockCode", prefecture_code as "prefectureCode", is_system as "isSystem"
    from organizations order by name_ja, id`;
  const users = await sql<ExistingNetwork["users"][number][]>`
    select id, email, organization_id as "organizationId", role from users order by email`;
  return { orgs, users, ishikawaTeamId: teamId };
}

/** The next free number per 令和 year of codes like R7-0012 or RF-R7-0012. */
async function firstFreeNumbers(sql: Sql, table: "cases" | "referrals", pattern: RegExp): Promise<Map<number, number>> {
  const codes = await sql.unsafe<{ code: string }[]>(`select code from ${table}`);
  const next = new Map<number, number>();
  for (const { code } of codes) {
    const match = pattern.exec(code);
    if (match) next.set(Number(match[1]), Math.max(next.get(Number(match[1])) ?? 1, Number(match[2]) + 1));
  }
  return next;
}

async function seedBaseline(options: SeedScaleOptions, today: string): Promise<string | null> {
  const handle = openDb({ url: options.url, max: 1 });
  try {
    await timed("migrations", () => migrateDb(handle));
    await timed("reference data", () => handle.db.transaction((tx) => seedReference(tx)));
    if (!(await isDemoSeeded(handle.db))) await timed("demo", () => seedDemo(handle.db, { today }));
    else log("demo already present");
    const [team] = await handle.db
      .select({ id: producerTeams.id })
      .from(producerTeams)
      .where(eq(producerTeams.modelRegionId, modelRegionId("ishikawa")))
      .orderBy(desc(producerTeams.fiscalYear))
      .limit(1);
    return team?.id ?? null;
  } finally {
    await handle.close();
  }
}

type Load = { table: string; columns: readonly string[]; rows: () => Iterable<readonly CopyValue[]> };

async function main() {
  const options = parseSeedScaleArgs(process.argv.slice(2));
  const today = options.today ?? todayInJst();
  log(
    `target ${new URL(options.url).pathname.slice(1)}: ${options.companies.toLocaleString("en-US")} companies, ${options.cases.toLocaleString("en-US")} cases, ` +
      `${options.activities.toLocaleString("en-US")} activities, ${options.referrals.toLocaleString("en-US")} referrals, ${options.orgs} organizations, around ${today}`,
  );
  await ensureDatabase(options.url);
  const lanes = [bulkConnection(options.url), bulkConnection(options.url)] as const;
  const [main, second] = lanes;
  try {
    if (options.reset) {
      await main.unsafe("drop schema if exists drizzle cascade; drop schema if exists public cascade; create schema public;");
      log("emptied the database (--reset)");
    }
    const teamId = await seedBaseline(options, today);
    const [{ count } = { count: 0 }] = await main<{ count: number }[]>`select count(*)::int as count from companies`;
    if (count > DEMO_SIZED) throw new Error(`the database already holds ${count.toLocaleString("en-US")} companies: run again with --reset to rebuild it`);

    const world: World = buildWorld(options, today, await readExisting(main, teamId));
    const takenNumbers = new Set((await main<{ n: string }[]>`select corporate_number as n from companies where corporate_number is not null`).map((r) => r.n));
    const caseNumbers = await firstFreeNumbers(main, "cases", /^R(\d+)-(\d+)$/);
    const referralNumbers = await firstFreeNumbers(main, "referrals", /^RF-R(\d+)-(\d+)$/);
    const plan = await timed("plan cases", async () => rows.planCases(world), (p) => p.count);
    log(`${world.orgs.length} organizations (${world.orgs.filter((o) => o.isNew).length} new), ${world.users.length} staff (${world.users.filter((u) => u.isNew).length} new)`);

    const deferred = await readDeferrableDdl(main, BULK_TABLES);
    await timed(`drop ${deferred.length} secondary indexes and foreign keys`, async () => {
      for (const ddl of deferred.filter((d) => d.kind === "foreign key")) await main.unsafe(ddl.drop);
      for (const ddl of deferred.filter((d) => d.kind === "index")) await main.unsafe(ddl.drop);
    });

    // The prefecture triggers (migration 0008) look each row's company up; the companies stream in beside the
    // cases and activities, so the generator writes those columns itself and the triggers wait for the load. The
    // counting triggers (migration 0014) would serialize the COPY on a few hundred rows: recounted after it.
    for (const table of DENORMALIZED_TABLES) await main.unsafe(`alter table "${table}" disable trigger user`);

    const copy = (lane: Sql, load: Load) => timed(`copy ${load.table}`, () => copyRows(lane, load.table, load.columns, load.rows()), (n) => n);
    await copy(main, { table: "organizations", columns: rows.ORGANIZATION_COLUMNS, rows: () => rows.organizationRows(world) });
    await copy(main, { table: "users", columns: rows.USER_COLUMNS, rows: () => rows.userRows(world) });

    // Two lanes: the companies (the server computes their search columns) beside everything else, so that
    // the generator in this process and the server's work overlap on the two cores.
    const companyLane: Load[] = [{ table: "companies", columns: rows.COMPANY_COLUMNS, rows: () => rows.companyRows(world, takenNumbers) }];
    const otherLane: Load[] = [
      { table: "cases", columns: rows.CASE_COLUMNS, rows: () => rows.caseRows(world, plan, caseNumbers) },
      { table: "case_members", columns: rows.CASE_MEMBER_COLUMNS, rows: () => rows.caseMemberRows(world, plan) },
      { table: "case_themes", columns: rows.CASE_THEME_COLUMNS, rows: () => rows.caseThemeRows(world, plan) },
      { table: "case_stage_changes", columns: rows.STAGE_CHANGE_COLUMNS, rows: () => rows.stageChangeRows(world, plan) },
      { table: "activities", columns: rows.ACTIVITY_COLUMNS, rows: () => rows.activityRows(world, plan) },
      { table: "activity_participants", columns: rows.PARTICIPANT_COLUMNS, rows: () => rows.participantRows(world, plan) },
      { table: "next_actions", columns: rows.NEXT_ACTION_COLUMNS, rows: () => rows.nextActionRows(world, plan) },
      { table: "consents", columns: rows.CONSENT_COLUMNS, rows: () => rows.consentRows(world, plan) },
      { table: "referrals", columns: rows.REFERRAL_COLUMNS, rows: () => rows.referralRows(world, plan, referralNumbers) },
      { table: "referral_events", columns: rows.REFERRAL_EVENT_COLUMNS, rows: () => rows.referralEventRows(world, plan) },
    ];
    const rowCounts = new Map<string, number>();
    await timed("copy (both lanes)", () =>
      Promise.all(
        [
          [main, companyLane],
          [second, otherLane],
        ].map(async ([lane, loads]) => {
          for (const load of loads as Load[]) rowCounts.set(load.table, await copy(lane as Sql, load));
        }),
      ),
    );

    for (const table of DENORMALIZED_TABLES) await main.unsafe(`alter table "${table}" enable trigger user`);
    // What the activities trigger would have kept while the load ran: each company's first activity per year
    // (counted by the recount below, not row by row).
    await main.unsafe(`alter table company_support_years disable trigger user`);
    await timed(
      "company_support_years",
      async () =>
        (
          await main.unsafe(`insert into company_support_years (fiscal_year, company_id, prefecture_code, first_activity_at)
            select renkei_fiscal_year_of(a.occurred_at), a.company_id, min(a.prefecture_code), min(a.occurred_at)
            from activities a group by 1, 2
            on conflict (fiscal_year, company_id) do update set first_activity_at = least(company_support_years.first_activity_at, excluded.first_activity_at)`)
        ).count,
      (n) => n,
    );
    await main.unsafe(`alter table company_support_years enable trigger user`);
    await timed("summary counts", () => main.unsafe("select renkei_recount_summaries()"));

    const indexes = deferred.filter((d) => d.kind === "index");
    await timed(`rebuild ${indexes.length} indexes`, () =>
      runInLanes(
        lanes,
        indexes.map((d) => ({ label: d.name, sql: d.create, weight: (rowCounts.get(d.table) ?? 0) * (/using gin/i.test(d.create) ? 4 : 1) })),
        (label, ms) => log(`  index ${label}: ${(ms / 1000).toFixed(1)} s`),
      ),
    );
    const foreignKeys = deferred.filter((d) => d.kind === "foreign key");
    // One lane: two constraints on one table would only wait for each other's lock.
    await timed(`restore and validate ${foreignKeys.length} foreign keys`, () =>
      runInLanes([main], foreignKeys.map((d) => ({ label: d.name, sql: d.create, weight: rowCounts.get(d.table) ?? 0 })), () => {}),
    );
    await timed("vacuum analyze", () =>
      runInLanes(
        lanes,
        ["organizations", "users", ...BULK_TABLES].map((table) => ({ label: table, sql: `vacuum (analyze) "${table}"`, weight: rowCounts.get(table) ?? 0 })),
        () => {},
      ),
    );

    const total = (performance.now() - started) / 1000;
    console.log("\nstep                                              rows          s");
    for (const t of timings) console.log(`${t.step.padEnd(44)} ${(t.rows?.toLocaleString("en-US") ?? "").padStart(12)} ${(t.ms / 1000).toFixed(1).padStart(9)}`);
    console.log(`${"total".padEnd(44)} ${"".padStart(12)} ${total.toFixed(1).padStart(9)}`);
    const [{ size } = { size: "?" }] = await main<{ size: string }[]>`select pg_size_pretty(pg_database_size(current_database())) as size`;
    log(`done: ${size} on disk; demo accounts sign in with the password renkei-demo`);
  } finally {
    await Promise.all(lanes.map((lane) => lane.end({ timeout: 5 })));
  }
}

main().catch((error: unknown) => {
  console.error(`[seed:scale] ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
  console.error("[seed:scale] the database may be half loaded: run again with --reset");
  process.exit(1);
});
