/**
 * `npm run bench -- --url=postgres://postgres@127.0.0.1:5432/renkei_scale [--duration=10] [--connections=8]`
 *
 * Measures Renkei's key paths against `next start` on a national-scale database (fill one with
 * `npm run seed:scale`): builds the app if the build is missing or older than the sources (never touching the
 * database), starts the server with DATABASE_URL, signs the demo accounts in, and drives each path from a
 * second process on loopback (bench/load.ts) while sampling the server's memory. Then it EXPLAINs the queries
 * behind each path and writes bench/results/<date>.md (committed) and .json (ignored). Missed targets are
 * reported, not fatal: the exit code is non-zero only when the benchmark itself could not run.
 * See docs/decisions/008-benchmarks.md and docs/scaling.md.
 */
import { spawn } from "node:child_process";
import { randomBytes, randomUUID } from "node:crypto";
import { cpus, freemem, loadavg, release, totalmem } from "node:os";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { and, eq } from "drizzle-orm";
import { openDb, type Db } from "@/db/client";
import { migrateDb } from "@/db/migrate";
import { users } from "@/db/schema";
import { logActivity } from "@/lib/activities/log-activity";
import { getProfileForActor } from "@/lib/api/me";
import { runAction } from "@/lib/authz/action";
import { loadActor, type Actor } from "@/lib/authz/actor";
import { findCasesForActor, getCaseForActor } from "@/lib/cases/queries";
import { findCompaniesForActor } from "@/lib/companies/queries";
import { getDeskOverview, getMetiOverview, getReferralInboxOverview, getSentReferralsOverview } from "@/lib/dashboard/queries";
import { fiscalYearOf, todayInJst } from "@/lib/format/fiscal-year";
import { getPrefectureMapForActor } from "@/lib/kpi/prefecture-map";
import { countReferralsForOrg } from "@/lib/referrals/counts";
import { findReferralsForActor } from "@/lib/referrals/queries";
import { recordConsent } from "@/lib/referrals/record-consent";
import { sendReferral } from "@/lib/referrals/send-referral";
import { acceptReferral } from "@/lib/referrals/transition-referral";
import { assertLocalPostgresUrl } from "@/scripts/scale/args";
import type { LoadRequest, LoadResult, LoadSpec } from "./load";
import { explainProbes, LARGE_TABLE_ROWS, type ExplainProbe } from "./lib/explain";
import { renderMarkdown, type BenchResult, type PathKind, type PathResult, type Surface } from "./lib/report";
import { NO_DATABASE_DURING_BUILD, RssSampler, runToEnd, staleBuildReason, startServer } from "./lib/server";
import { signIn } from "./lib/session";

const root = process.cwd();
const DEMO_PASSWORD = "renkei-demo";
const ACCOUNTS = {
  meti: "meti.chubu@example.jp",
  inpit: "inpit.ishikawa@example.jp",
  jpaa: "jpaa.hokuriku@example.jp",
  jcci: "jcci.kanazawa@example.jp",
  jpo: "jpo@example.jp",
} as const;
type AccountKey = keyof typeof ACCOUNTS;
/** A case id that exists nowhere: the case page then renders the app shell's not-found, after one primary-key lookup. */
const NO_SUCH_CASE = "00000000-0000-4000-8000-000000000000";

const USAGE = `usage: npm run bench -- --url=postgres://127.0.0.1:5432/renkei_scale [--duration=10] [--warmup=2] [--connections=8]
       [--port=3200] [--accepts=400] [--max-old-space=256] [--build | --no-build] [--only=name,name]`;

interface BenchOptions {
  url: string;
  durationS: number;
  warmupS: number;
  connections: number;
  port: number;
  /** Pending referrals prepared for the accept path (each is accepted once). */
  accepts: number;
  build: "auto" | "always" | "never";
  only: string[] | null;
  /** V8's old-space limit for `next start`, in MB (0: Node's default): how a deployment bounds the server's memory. */
  maxOldSpaceMb: number;
}

export function parseBenchArgs(argv: readonly string[], env: Record<string, string | undefined> = process.env): BenchOptions {
  const options: Omit<BenchOptions, "url"> & { url?: string } = { durationS: 10, warmupS: 2, connections: 8, port: 3200, accepts: 400, build: "auto", only: null, maxOldSpaceMb: 256 };
  for (const arg of argv) {
    const [, name, value] = /^--([a-z-]+)(?:=(.*))?$/.exec(arg) ?? [];
    const number = (min: number, max: number) => {
      const n = Number(value);
      if (!Number.isInteger(n) || n < min || n > max) throw new Error(`--${name} must be a whole number from ${min} to ${max}\n${USAGE}`);
      return n;
    };
    if (name === "url" && value) options.url = value;
    else if (name === "duration") options.durationS = number(1, 120);
    else if (name === "warmup") options.warmupS = number(0, 60);
    else if (name === "connections") options.connections = number(1, 64);
    else if (name === "port") options.port = number(1024, 65535);
    else if (name === "accepts") options.accepts = number(1, 5000);
    else if (name === "max-old-space") options.maxOldSpaceMb = number(0, 16384);
    else if (name === "build" && value === undefined) options.build = "always";
    else if (name === "no-build" && value === undefined) options.build = "never";
    else if (name === "only" && value) options.only = value.split(",").map((s) => s.trim());
    else throw new Error(`unknown argument "${arg}"\n${USAGE}`);
  }
  const url = options.url ?? env.DATABASE_URL;
  if (!url) throw new Error(`no database: pass --url or set DATABASE_URL\n${USAGE}`);
  assertLocalPostgresUrl(url);
  return { ...options, url };
}

function log(message: string) {
  console.log(`[bench] ${message}`);
}

interface Scenario {
  name: string;
  account: AccountKey;
  kind: PathKind;
  surface: Surface;
  expectStatus: number;
  requests: (cookie: string) => LoadRequest[];
  /** Send each request at most once (a referral is accepted once). */
  once?: boolean;
  /** Measured a second time with one connection: the latency of one user's request on an otherwise idle server. */
  alsoAlone?: boolean;
  probe: (db: Db, actor: Actor) => Promise<unknown>;
}

interface Fixtures {
  actors: Record<AccountKey, Actor>;
  /** An open case of inpit.ishikawa with the most activities: its page and its activity log. */
  caseId: string;
  /** Referrals to 日本弁理士会 北陸会 still 依頼中, made for this run through the send action. */
  pendingReferralIds: string[];
}

async function prepareFixtures(db: Db, handle: ReturnType<typeof openDb>, accepts: number): Promise<Fixtures> {
  const actors = {} as Record<AccountKey, Actor>;
  for (const key of Object.keys(ACCOUNTS) as AccountKey[]) {
    const [user] = await db.select({ id: users.id }).from(users).where(and(eq(users.email, ACCOUNTS[key]), eq(users.isActive, true)));
    const actor = user ? await loadActor(db, user.id) : null;
    if (!actor) throw new Error(`the demo account ${ACCOUNTS[key]} is missing: run npm run seed:scale first`);
    actors[key] = actor;
  }
  const [busiest] = await handle.raw<{ id: string; companyId: string }>(
    `select c.id, c.company_id as "companyId" from cases c
     where c.lead_user_id = $1 and c.stage = 'accompanying'
     order by (select count(*) from activities a where a.case_id = c.id) desc, c.id limit 1`,
    [actors.inpit.userId],
  );
  if (!busiest) throw new Error("inpit.ishikawa leads no case in 伴走支援中: is this a seed:scale database?");

  // Each accept consumes a pending referral: send fresh ones through the real actions, with a consent.
  const consent = await runAction(
    recordConsent,
    { companyId: busiest.companyId, obtainedOn: todayInJst(), method: "written", scopeConsultationSummary: true, scopeConfidentialNotes: false, idempotencyKey: randomUUID() },
    { actorUserId: actors.inpit.userId, db },
  );
  if (!consent.ok) throw new Error(`recording the benchmark's consent failed: ${consent.message}`);
  const consentId = (consent.data as { id: string }).id;
  const pendingReferralIds: string[] = [];
  const started = performance.now();
  for (let i = 0; i < accepts; i += 1) {
    const sent = await runAction(
      sendReferral,
      { caseId: busiest.id, consentId, toOrgId: actors.jpaa.orgId, service: "prior_art_search", reason: `ベンチマーク用の連携依頼 ${i + 1}`, idempotencyKey: randomUUID() },
      { actorUserId: actors.inpit.userId, db },
    );
    if (!sent.ok) throw new Error(`sending a benchmark referral failed: ${sent.message} ${JSON.stringify(sent.fieldErrors ?? {})}`);
    pendingReferralIds.push((sent.data as { id: string }).id);
  }
  log(`sent ${accepts} referrals to accept in ${((performance.now() - started) / 1000).toFixed(1)} s (${((performance.now() - started) / accepts).toFixed(0)} ms each, through sendReferral)`);
  return { actors, caseId: busiest.id, pendingReferralIds };
}

/** Distinct activity requests per load run: above what the write path serves in the longest run (120 s cap). */
const ACTIVITY_BODIES = 30_000;

function scenarios(f: Fixtures): Scenario[] {
  const get = (p: string) => (cookie: string) => [{ method: "GET" as const, path: p, headers: { cookie, accept: "text/html,application/json" } }];
  const search = (q: string) => `?q=${encodeURIComponent(q)}`;
  // Each activity carries its own one-time key (required, lib/validation/form-fields.ts): a repeated key would be
  // answered as a replay of the first activity, which measures a lookup instead of a write.
  const activityBody = () =>
    JSON.stringify({ kind: "call", occurredAt: new Date().toISOString(), durationMinutes: 15, summary: "ベンチマーク: 電話で進捗を確認した。", idempotencyKey: randomUUID() });
  return [
    {
      name: "baseline: app shell (page)",
      account: "inpit",
      kind: "baseline",
      surface: "page",
      expectStatus: 404,
      requests: get(`/cases/${NO_SUCH_CASE}`),
      probe: async (db, actor) => [await loadActor(db, actor.userId), await getCaseForActor(db, actor, NO_SUCH_CASE)],
    },
    { name: "baseline: /api/v1/me", account: "inpit", kind: "baseline", surface: "api", expectStatus: 200, requests: get("/api/v1/me"), probe: async (db, actor) => [await loadActor(db, actor.userId), await getProfileForActor(db, actor)] },
    {
      name: "dashboard 経産局 (meti.chubu)",
      account: "meti",
      kind: "read",
      surface: "page",
      expectStatus: 200,
      requests: get("/dashboard"),
      probe: async (db, actor) => [await getMetiOverview(db, actor), await getPrefectureMapForActor(db, actor, fiscalYearOf(todayInJst()))],
    },
    {
      name: "dashboard 経産局, national level (jpo)",
      account: "jpo",
      kind: "read",
      surface: "page",
      expectStatus: 200,
      requests: get("/dashboard"),
      probe: async (db, actor) => [await getMetiOverview(db, actor), await getPrefectureMapForActor(db, actor, fiscalYearOf(todayInJst()))],
    },
    { name: "dashboard INPIT (inpit.ishikawa)", account: "inpit", kind: "read", surface: "page", expectStatus: 200, requests: get("/dashboard"), probe: (db, actor) => getDeskOverview(db, actor) },
    { name: "dashboard 弁理士会 (jpaa.hokuriku)", account: "jpaa", kind: "read", surface: "page", expectStatus: 200, requests: get("/dashboard"), probe: (db, actor) => getReferralInboxOverview(db, actor) },
    { name: "dashboard 商工会議所 (jcci.kanazawa)", account: "jcci", kind: "read", surface: "page", expectStatus: 200, requests: get("/dashboard"), probe: (db, actor) => getSentReferralsOverview(db, actor) },
    { name: "case list (page)", account: "inpit", kind: "read", surface: "page", expectStatus: 200, requests: get("/cases"), probe: (db, actor) => findCasesForActor(db, actor, {}) },
    { name: "case list (API)", account: "inpit", kind: "read", surface: "api", expectStatus: 200, requests: get("/api/v1/cases"), probe: (db, actor) => findCasesForActor(db, actor, {}) },
    { name: "case page", account: "inpit", kind: "read", surface: "page", expectStatus: 200, requests: get(`/cases/${f.caseId}`), probe: (db, actor) => getCaseForActor(db, actor, f.caseId) },
    { name: "company search 2 chars 加賀 (page)", account: "inpit", kind: "search", surface: "page", expectStatus: 200, alsoAlone: true, requests: get(`/companies${search("加賀")}`), probe: (db, actor) => findCompaniesForActor(db, actor, { q: "加賀" }) },
    { name: "company search 4 chars 加賀繊維 (page)", account: "inpit", kind: "search", surface: "page", expectStatus: 200, alsoAlone: true, requests: get(`/companies${search("加賀繊維")}`), probe: (db, actor) => findCompaniesForActor(db, actor, { q: "加賀繊維" }) },
    { name: "company search 2 chars 加賀 (API)", account: "inpit", kind: "search", surface: "api", expectStatus: 200, alsoAlone: true, requests: get(`/api/v1/companies${search("加賀")}`), probe: (db, actor) => findCompaniesForActor(db, actor, { q: "加賀" }) },
    { name: "company search 4 chars 加賀繊維 (API)", account: "inpit", kind: "search", surface: "api", expectStatus: 200, alsoAlone: true, requests: get(`/api/v1/companies${search("加賀繊維")}`), probe: (db, actor) => findCompaniesForActor(db, actor, { q: "加賀繊維" }) },
    {
      name: "referral inbox (page)",
      account: "jpaa",
      kind: "read",
      surface: "page",
      expectStatus: 200,
      requests: get("/referrals?box=inbox"),
      probe: async (db, actor) => [await findReferralsForActor(db, actor, { box: "inbox" }), await countReferralsForOrg(db, actor)],
    },
    { name: "referral inbox (API)", account: "jpaa", kind: "read", surface: "api", expectStatus: 200, requests: get("/api/v1/referrals?box=inbox"), probe: (db, actor) => findReferralsForActor(db, actor, { box: "inbox" }) },
    { name: "referral counts in the menu (API)", account: "inpit", kind: "read", surface: "api", expectStatus: 200, requests: get("/api/v1/referrals/counts"), probe: (db, actor) => countReferralsForOrg(db, actor) },
    {
      name: "log an activity (API)",
      account: "inpit",
      kind: "write",
      surface: "api",
      expectStatus: 200,
      // The bodies are built once per load run; occurredAt "now" stays valid for the run (5 minutes' grace). They are
      // sent round-robin, so there are more distinct keys than a run sends (~200 requests/s here): every one writes.
      requests: (cookie) =>
        Array.from({ length: ACTIVITY_BODIES }, () => ({
          method: "POST" as const,
          path: `/api/v1/cases/${f.caseId}/activities`,
          headers: { cookie, "content-type": "application/json" },
          body: activityBody(),
        })),
      probe: (db, actor) =>
        runAction(logActivity, { caseId: f.caseId, kind: "call", occurredAt: new Date().toISOString(), summary: "ベンチマーク: EXPLAIN", idempotencyKey: randomUUID() }, { actorUserId: actor.userId, db }),
    },
    {
      name: "accept a referral (API)",
      account: "jpaa",
      kind: "write",
      surface: "api",
      expectStatus: 200,
      once: true,
      requests: (cookie) =>
        f.pendingReferralIds.slice(1).map((id) => ({ method: "POST" as const, path: `/api/v1/referrals/${id}/accept`, headers: { cookie, "content-type": "application/json" }, body: "{}" })),
      // The first prepared referral is kept for this probe: the plans are those of a real acceptance.
      probe: (db, actor) => runAction(acceptReferral, { referralId: f.pendingReferralIds[0]! }, { actorUserId: actor.userId, db }),
    },
  ];
}

function runLoadProcess(spec: LoadSpec): Promise<LoadResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(path.join(root, "node_modules", ".bin", "tsx"), [path.join(root, "bench", "load.ts")], { stdio: ["pipe", "pipe", "inherit"] });
    let out = "";
    child.stdout.on("data", (chunk: Buffer) => (out += chunk.toString("utf8")));
    child.on("error", reject);
    child.on("exit", (code) => {
      if (code !== 0) return reject(new Error(`the load generator exited with ${code}`));
      try {
        resolve(JSON.parse(out) as LoadResult);
      } catch (error) {
        reject(new Error(`the load generator printed no result: ${String(error)}\n${out.slice(0, 500)}`));
      }
    });
    child.stdin.end(JSON.stringify(spec));
  });
}

function describeMachine(postgresVersion: string, loadAtStart: number[]): BenchResult["machine"] {
  let os = `Linux ${release()}`;
  try {
    os = /PRETTY_NAME="([^"]+)"/.exec(readFileSync("/etc/os-release", "utf8"))?.[1] ?? os;
  } catch {
    // not Linux: keep the kernel release
  }
  const gib = (bytes: number) => `${(bytes / 1024 ** 3).toFixed(1)} GiB`;
  return {
    cpus: cpus().length,
    cpuModel: cpus()[0]?.model.trim() ?? "unknown",
    memory: `${gib(totalmem())} total, ${gib(freemem())} free at the start`,
    loadAtStart,
    node: process.version,
    postgres: postgresVersion.split(" on ")[0] ?? postgresVersion,
    os,
  };
}

const TABLES_TO_COUNT = ["organizations", "users", "companies", "cases", "case_members", "activities", "next_actions", "consents", "referrals", "referral_events", "audit_log"];

async function main() {
  const options = parseBenchArgs(process.argv.slice(2));
  const startedAt = new Date();
  const loadAtStart = loadavg().map((l) => Number(l.toFixed(2)));
  const notes: string[] = [];
  const handle = openDb({ url: options.url, max: 4 });
  const db = handle.db;
  let server: Awaited<ReturnType<typeof startServer>> | undefined;
  try {
    // The schema the code expects: a database seeded before a new migration (an index, say) gets it first,
    // as a deployment would.
    await migrateDb(handle);
    const [{ version } = { version: "?" }] = await handle.raw<{ version: string }>("select version()");
    const rows: Record<string, number> = {};
    for (const table of TABLES_TO_COUNT) rows[table] = Number((await handle.raw<{ n: string }>(`select count(*) as n from ${table}`))[0]!.n);
    const [{ size } = { size: "?" }] = await handle.raw<{ size: string }>("select pg_size_pretty(pg_database_size(current_database())) as size");
    if (rows.companies! < 100_000) notes.push(`Only ${rows.companies!.toLocaleString("en-US")} companies: this is not a national-scale database (npm run seed:scale).`);

    const stale = options.build === "always" ? "--build was given" : options.build === "never" ? null : staleBuildReason(root);
    if (stale) {
      log(`next build (${stale}) — the database is not touched during the build`);
      await runToEnd(process.execPath, [path.join(root, "node_modules", "next", "dist", "bin", "next"), "build"], { ...process.env, NEXT_TELEMETRY_DISABLED: "1", DATABASE_URL: NO_DATABASE_DURING_BUILD });
    } else log("using the existing build in .next");

    const fixtures = await prepareFixtures(db, handle, options.accepts + 1);
    const all = scenarios(fixtures);
    const chosen = options.only ? all.filter((s) => s.kind === "baseline" || options.only!.some((o) => s.name.includes(o))) : all;

    server = await startServer(root, options.port, {
      ...process.env,
      NODE_ENV: "production",
      NEXT_TELEMETRY_DISABLED: "1",
      DATABASE_URL: options.url,
      // A fresh secret per run: the cookies signed here are good for this server only.
      AUTH_SECRET: randomBytes(32).toString("hex"),
      AUTH_TRUST_HOST: "true",
      PORT: String(options.port),
      ...(options.maxOldSpaceMb > 0 ? { NODE_OPTIONS: `${process.env.NODE_OPTIONS ?? ""} --max-old-space-size=${options.maxOldSpaceMb}`.trim() } : {}),
    });
    log(`next start is up on ${server.origin} (pid ${server.pid})`);
    const sampler = new RssSampler(server.pid);
    sampler.start();

    const cookies = {} as Record<AccountKey, string>;
    for (const key of Object.keys(ACCOUNTS) as AccountKey[]) cookies[key] = await signIn(server.origin, ACCOUNTS[key], DEMO_PASSWORD);
    log(`signed in ${Object.values(ACCOUNTS).join(", ")}`);

    // Warm-up of every route once (first requests compile nothing in production, but fill caches and pools).
    sampler.phase("warm-up");
    for (const s of chosen) {
      const [request] = s.requests(cookies[s.account]);
      if (!request || s.once) continue;
      await runLoadProcess({ origin: server.origin, connections: 1, durationMs: 60_000, maxRequests: 2, requests: [request], expectStatus: s.expectStatus });
    }

    const seqScansBefore = await readSeqScans(handle);
    const results: PathResult[] = [];
    for (const s of chosen) {
      const requests = s.requests(cookies[s.account]);
      if (options.warmupS > 0 && !s.once) {
        sampler.phase(`${s.name} (warm-up)`);
        // Its own requests: a write's one-time keys are spent by the warm-up and must not come back in the measured run.
        await runLoadProcess({ origin: server.origin, connections: options.connections, durationMs: options.warmupS * 1000, requests: s.requests(cookies[s.account]), expectStatus: s.expectStatus });
      }
      sampler.phase(s.name);
      const load = await runLoadProcess({
        origin: server.origin,
        connections: options.connections,
        durationMs: options.durationS * 1000,
        requests,
        expectStatus: s.expectStatus,
        ...(s.once ? { maxRequests: requests.length } : {}),
      });
      const [first] = requests;
      results.push({ name: s.name, account: ACCOUNTS[s.account], method: first!.method, path: first!.path, kind: s.kind, surface: s.surface, load, peakRssBytes: sampler.peaks.get(s.name) ?? 0 });
      log(`${s.name}: p50 ${load.latency.p50.toFixed(1)} ms, p95 ${load.latency.p95.toFixed(1)} ms, p99 ${load.latency.p99.toFixed(1)} ms, ${load.rps.toFixed(0)} req/s, ${load.errors} errors${load.errorSamples[0] ? ` (${load.errorSamples[0].slice(0, 160)})` : ""}`);
      if (s.alsoAlone && options.connections > 1) {
        const alone = await runLoadProcess({ origin: server.origin, connections: 1, durationMs: options.durationS * 1000, requests, expectStatus: s.expectStatus });
        results.push({ name: `${s.name}, 1 connection`, account: ACCOUNTS[s.account], method: first!.method, path: first!.path, kind: "info", surface: s.surface, load: alone, peakRssBytes: sampler.peaks.get(s.name) ?? 0 });
        log(`${s.name}, 1 connection: p50 ${alone.latency.p50.toFixed(1)} ms, p95 ${alone.latency.p95.toFixed(1)} ms, ${alone.rps.toFixed(0)} req/s`);
      }
      if (s.once && load.requests < options.connections * options.durationS) notes.push(`${s.name}: ${load.requests} requests — every prepared referral was accepted before the ${options.durationS} s were up (raise --accepts for more samples).`);
    }
    await new Promise((r) => setTimeout(r, 1500)); // let the server's connections report their table statistics
    const seqScansAfter = await readSeqScans(handle);
    sampler.stop();
    const peakRssBytes = sampler.peak;
    if (results.some((r) => r.load.errors > 0)) {
      console.log(`[bench] the server's log (last lines), for the errors above:\n${server.log().split("\n").slice(-40).join("\n")}`);
    }
    await server.stop();
    server = undefined;

    log("EXPLAIN of each path's queries");
    const probes: ExplainProbe[] = chosen.map((s) => ({ path: s.name, run: (probeDb) => s.probe(probeDb, fixtures.actors[s.account]) }));
    const plans = await explainProbes(options.url, probes);

    const observedSeqScans = [...seqScansAfter]
      .map(([table, after]) => {
        const before = seqScansBefore.get(table);
        return { table, scans: after.scans - (before?.scans ?? 0), rowsRead: after.rowsRead - (before?.rowsRead ?? 0), tableRows: after.tableRows };
      })
      .filter((s) => s.scans > 0 && s.tableRows > LARGE_TABLE_ROWS);

    notes.push(
      "The page baseline is the case page for a case id that does not exist: the signed-in app shell (layout, menu, session and actor re-read) plus one primary-key lookup, rendered as the shell's not-found page. Pages are compared with it, JSON routes with GET /api/v1/me (session, actor and profile reads).",
      "The load generator, the server and PostgreSQL share the machine's cores; latencies include that contention, as they would on a single-server install.",
    );
    const loadAtEnd = loadavg().map((l) => Number(l.toFixed(2)));
    const machine = describeMachine(version, loadAtStart);
    machine.loadAtEnd = loadAtEnd;
    if (Math.max(machine.loadAtStart[0]!, loadAtEnd[0]!) > machine.cpus) {
      notes.push(`The machine was busy with other work (load average ${machine.loadAtStart[0]} at the start, ${loadAtEnd[0]} at the end, on ${machine.cpus} cores): absolute latencies are inflated; the ratios to the same run's baselines are the comparable numbers.`);
    }
    const result: BenchResult = {
      startedAt: startedAt.toISOString(),
      machine,
      database: { name: new URL(options.url).pathname.slice(1), size, rows },
      settings: { connections: options.connections, durationS: options.durationS, warmupS: options.warmupS, port: options.port, maxOldSpaceMb: options.maxOldSpaceMb },
      paths: results,
      peakRssBytes,
      plans,
      observedSeqScans,
      notes,
    };
    const outDir = path.join(root, "bench", "results");
    mkdirSync(outDir, { recursive: true });
    const stamp = startedAt.toISOString().slice(0, 16).replace(/[:T]/g, "-");
    writeFileSync(path.join(outDir, `${stamp}.md`), renderMarkdown(result));
    writeFileSync(path.join(outDir, `${stamp}.json`), `${JSON.stringify(result, null, 2)}\n`);
    log(`wrote bench/results/${stamp}.md (and .json)`);
  } finally {
    if (server) await server.stop();
    await handle.close();
  }
}

async function readSeqScans(handle: ReturnType<typeof openDb>) {
  const stats = await handle.raw<{ table: string; scans: string; rows_read: string; table_rows: number }>(
    "select s.relname as table, s.seq_scan as scans, s.seq_tup_read as rows_read, greatest(c.reltuples, 0)::float8 as table_rows from pg_stat_user_tables s join pg_class c on c.oid = s.relid",
  );
  return new Map(stats.map((s) => [s.table, { scans: Number(s.scans), rowsRead: Number(s.rows_read), tableRows: Number(s.table_rows) }]));
}

if (process.argv[1]?.endsWith("run.ts")) {
  main().catch((error: unknown) => {
    console.error(`[bench] ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    process.exit(1);
  });
}
