/**
 * `npm run demo`: from a fresh clone (after `npm ci`) to a running Renkei with demo data.
 *
 *   1. AUTH_SECRET: from the environment (or .env files), else generated once into .data/auth-secret (0600).
 *   2. `npm run db:seed -- --demo` as a child process: migrations, reference data and the demo (skipped when it
 *      is already there), on PGlite in .data/pglite, or on DATABASE_URL when set. It must have exited — and so
 *      closed PGlite — before the server opens the same data directory (docs/decisions/001-embedded-database.md).
 *   3. `next build`, only when the build is missing or older than the source (see isBuildFresh). The build
 *      never gets a database: DATABASE_URL points at a closed port, so a page that queried at build time would
 *      fail loudly instead of opening (and locking) the PGlite directory.
 *   4. `next start` on PORT (default 3000) with AUTH_TRUST_HOST=true; signals are forwarded and its exit code
 *      becomes ours. The URL and the demo accounts are printed once /api/health answers.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { chmodSync, existsSync, mkdirSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from "node:fs";
import path from "node:path";
// The loader `next start` itself uses (a dependency of next), so the seed reads the same .env files as the server.
import { loadEnvConfig } from "@next/env";
import { DEMO_ORGANIZATIONS } from "../db/seed/data/organizations";
import { SYSTEM_ORGANIZATION } from "../db/seed/data/reference";
import { DEMO_PASSWORD, DEMO_USERS } from "../db/seed/data/users";

const root = process.cwd();
const nextBin = path.join(root, "node_modules", "next", "dist", "bin", "next");
const npmCommand = process.platform === "win32" ? "npm.cmd" : "npm";

/** Any database access during `next build` fails fast against this address instead of touching real data. */
const NO_DATABASE_DURING_BUILD = "postgres://no-database-during-build@127.0.0.1:1/none";

/** The accounts the README documents: the first nine of the seed's demo users, printed from the seed's own data. */
const DOCUMENTED_ACCOUNTS = 9;
const ROLE_LABELS: Record<string, string> = {
  admin: "システム管理者 admin",
  manager: "管理者 manager",
  producer: "事業プロデューサー producer",
  coordinator: "支援担当 coordinator",
};

function log(message: string) {
  console.log(`[demo] ${message}`);
}

/** AUTH_SECRET from the environment, or the one generated on the first run and kept in .data/auth-secret. */
function ensureAuthSecret(): string {
  if (process.env.AUTH_SECRET) return process.env.AUTH_SECRET;
  const file = path.join(root, ".data", "auth-secret");
  if (existsSync(file)) {
    // Tighten permissions left loose by a copy or an unpacked archive: the secret signs every session cookie.
    chmodSync(file, 0o600);
    const secret = readFileSync(file, "utf8").trim();
    if (secret.length >= 32) return secret;
  }
  mkdirSync(path.dirname(file), { recursive: true });
  const secret = randomBytes(32).toString("base64url");
  writeFileSync(file, `${secret}\n`, { mode: 0o600 });
  chmodSync(file, 0o600);
  log(`generated AUTH_SECRET into ${path.relative(root, file)}`);
  return secret;
}

/** Runs a command to completion; rejects on a non-zero exit so that nothing after it runs on a half-done step. */
function runToCompletion(command: string, args: string[], env: NodeJS.ProcessEnv): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { stdio: "inherit", env });
    const stopChild = (signal: NodeJS.Signals) => child.kill(signal);
    process.on("SIGINT", stopChild);
    process.on("SIGTERM", stopChild);
    child.on("error", reject);
    child.on("exit", (code, signal) => {
      process.off("SIGINT", stopChild);
      process.off("SIGTERM", stopChild);
      if (code === 0) resolve();
      else reject(new Error(`${command} ${args.join(" ")} ${signal ? `was stopped by ${signal}` : `exited with ${code}`}`));
    });
  });
}

const SOURCE_DIRS = ["app", "components", "lib", "db", "public"];
const SOURCE_FILES = [
  "next.config.ts",
  "proxy.ts",
  "instrumentation.ts",
  "package.json",
  "package-lock.json",
  "tsconfig.json",
  "postcss.config.mjs",
];

function newestMtime(target: string): number {
  if (!existsSync(target)) return 0;
  const stat = statSync(target);
  if (!stat.isDirectory()) return /\.test\.tsx?$/.test(target) ? 0 : stat.mtimeMs;
  let newest = 0;
  for (const entry of readdirSync(target)) newest = Math.max(newest, newestMtime(path.join(target, entry)));
  return newest;
}

/**
 * We rebuild only when needed: a second `npm run demo` starts in seconds instead of minutes. The build is
 * fresh when .next/BUILD_ID is newer than every source file that goes into it (tests excluded).
 */
function isBuildFresh(): boolean {
  const buildId = path.join(root, ".next", "BUILD_ID");
  if (!existsSync(buildId)) return false;
  const builtAt = statSync(buildId).mtimeMs;
  const sources = [...SOURCE_DIRS, ...SOURCE_FILES].map((entry) => newestMtime(path.join(root, entry)));
  return Math.max(...sources) < builtAt;
}

/**
 * PGlite is a single-process database: a second `npm run demo` seeding the directory that a running demo server
 * holds would corrupt it. A pid file beside the directory records the running demo; a live pid means "stop
 * that one first".
 */
function claimPgliteDirectory(): void {
  const dataDir = path.resolve(process.env.PGLITE_DATA_DIR ?? path.join(root, ".data", "pglite"));
  const pidFile = `${dataDir}.demo-pid`;
  if (existsSync(pidFile)) {
    const pid = Number(readFileSync(pidFile, "utf8").trim());
    if (Number.isInteger(pid) && pid > 0 && pid !== process.pid && isAlive(pid)) {
      throw new Error(`another npm run demo (pid ${pid}) is using ${path.relative(root, dataDir) || dataDir}: stop it first`);
    }
  }
  mkdirSync(path.dirname(pidFile), { recursive: true });
  writeFileSync(pidFile, `${process.pid}\n`);
  process.on("exit", () => {
    if (existsSync(pidFile) && readFileSync(pidFile, "utf8").trim() === String(process.pid)) rmSync(pidFile);
  });
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

async function waitUntilHealthy(url: string, server: ChildProcess): Promise<boolean> {
  while (server.exitCode === null && server.signalCode === null) {
    try {
      const response = await fetch(url);
      if (response.ok) return true;
    } catch {
      // Not listening yet.
    }
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  return false;
}

function printWelcome(url: string) {
  const organizationNames = new Map<string, string>(DEMO_ORGANIZATIONS.map((o) => [o.key, o.nameJa]));
  organizationNames.set("system", SYSTEM_ORGANIZATION.nameJa);
  const accounts = DEMO_USERS.slice(0, DOCUMENTED_ACCOUNTS);
  const width = Math.max(...accounts.map((a) => a.email.length));
  console.log("");
  console.log(`  Renkei (連携) is running: ${url}`);
  console.log(`  デモアカウント / demo accounts (password: ${DEMO_PASSWORD})`);
  for (const account of accounts) {
    const organization = organizationNames.get(account.org) ?? account.org;
    console.log(`    ${account.email.padEnd(width)}  ${organization} — ${ROLE_LABELS[account.role] ?? account.role}`);
  }
  console.log("  Ctrl+C で停止 / Ctrl+C to stop");
  console.log("");
}

async function main() {
  loadEnvConfig(root, false, { info: () => {}, error: console.error });
  const port = Number(process.env.PORT || 3000);
  if (!Number.isInteger(port) || port <= 0 || port > 65535) throw new Error(`PORT must be a port number, not ${process.env.PORT}`);
  const authSecret = ensureAuthSecret();
  const databaseLabel = process.env.DATABASE_URL
    ? "DATABASE_URL"
    : `PGlite in ${process.env.PGLITE_DATA_DIR ?? ".data/pglite"}`;
  if (!process.env.DATABASE_URL) claimPgliteDirectory();

  log(`preparing the database: ${databaseLabel}`);
  await runToCompletion(npmCommand, ["run", "--silent", "db:seed", "--", "--demo"], process.env);

  if (isBuildFresh()) {
    log("the build in .next is newer than the source: not rebuilding");
  } else {
    log("building (next build) — the first run takes a few minutes");
    await runToCompletion(process.execPath, [nextBin, "build"], {
      ...process.env,
      DATABASE_URL: NO_DATABASE_DURING_BUILD,
      NEXT_TELEMETRY_DISABLED: "1",
    });
  }

  const url = `http://localhost:${port}`;
  log(`starting next start on port ${port}`);
  const server = spawn(process.execPath, [nextBin, "start", "-p", String(port)], {
    stdio: "inherit",
    env: {
      ...process.env,
      AUTH_SECRET: authSecret,
      AUTH_TRUST_HOST: "true",
      NEXT_TELEMETRY_DISABLED: "1",
    },
  });
  for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"] as const) {
    process.on(signal, () => {
      if (server.exitCode === null) server.kill(signal);
    });
  }
  server.on("exit", (code, signal) => {
    process.exit(code ?? (signal ? 128 + (signalNumbers[signal] ?? 1) : 1));
  });
  if (await waitUntilHealthy(`http://127.0.0.1:${port}/api/health`, server)) printWelcome(url);
}

const signalNumbers: Partial<Record<NodeJS.Signals, number>> = { SIGHUP: 1, SIGINT: 2, SIGKILL: 9, SIGTERM: 15 };

main().catch((error: unknown) => {
  console.error(`[demo] ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
