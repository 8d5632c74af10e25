/**
 * The server Playwright tests run against (playwright.config.ts → webServer). Every run gets a fresh database:
 *
 *   - E2E_DATABASE_URL set (CI): that local PostgreSQL database is emptied (schemas public and drizzle dropped)
 *     and migrated + seeded with the demo;
 *   - otherwise: a new PGlite directory .data/e2e-<timestamp> (older ones are deleted first).
 *
 * Then the dedicated lockout account is created (so that the demo accounts never lock), the app is built unless
 * E2E_SKIP_BUILD=1 (scripts/test.sh builds in its own timed step), and `next start -p 3100` runs with a fixed
 * test AUTH_SECRET. The database steps run as child processes that exit before the server opens the data.
 */
import { spawn } from "node:child_process";
import { existsSync, readdirSync, rmSync } from "node:fs";
import path from "node:path";
import postgres from "postgres";
import { openDb } from "../db/client";
import { LOCKOUT_ACCOUNT } from "../e2e/support/accounts";

// Not 3000, so that e2e runs never collide with `npm run demo` or `next dev`. Also in playwright.config.ts.
const E2E_PORT = Number(process.env.E2E_PORT ?? 3100);
// Fixed so that a failing run can be reproduced; it signs only cookies of this throwaway server.
const E2E_AUTH_SECRET = "renkei-e2e-only-auth-secret-do-not-use-elsewhere";
const NO_DATABASE_DURING_BUILD = "postgres://no-database-during-build@127.0.0.1:1/none";

const root = process.cwd();
const nextBin = path.join(root, "node_modules", "next", "dist", "bin", "next");
const npmCommand = process.platform === "win32" ? "npm.cmd" : "npm";

function log(message: string) {
  console.log(`[e2e-server] ${message}`);
}

function run(command: string, args: string[], env: NodeJS.ProcessEnv, stdin?: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { stdio: [stdin === undefined ? "ignore" : "pipe", "inherit", "inherit"], env });
    if (stdin !== undefined) child.stdin?.end(stdin);
    child.on("error", reject);
    child.on("exit", (code, signal) => {
      if (code === 0) resolve();
      else reject(new Error(`${command} ${args.join(" ")} ${signal ? `was stopped by ${signal}` : `exited with ${code}`}`));
    });
  });
}

function assertLocalDatabase(url: string) {
  // This database is wiped on every run: refuse anything that is not on this machine.
  const host = new URL(url).hostname;
  if (!["127.0.0.1", "localhost", "::1", "[::1]"].includes(host)) {
    throw new Error(`E2E_DATABASE_URL must point at a local server, not ${host}`);
  }
}

/** Environment for the database children and the server: exactly one engine, whatever .env files say. */
type DatabaseEnv = { DATABASE_URL: string; PGLITE_DATA_DIR: string | undefined };

async function prepareFreshDatabase(): Promise<DatabaseEnv> {
  const url = process.env.E2E_DATABASE_URL;
  if (url) {
    assertLocalDatabase(url);
    const sql = postgres(url, { max: 1, onnotice: () => {} });
    try {
      await sql.unsafe("drop schema if exists drizzle cascade; drop schema if exists public cascade; create schema public;");
    } finally {
      await sql.end();
    }
    log(`emptied ${new URL(url).pathname.slice(1)} on ${new URL(url).host}`);
    return { DATABASE_URL: url, PGLITE_DATA_DIR: undefined };
  }
  const dataDir = path.join(root, ".data");
  if (existsSync(dataDir)) {
    for (const entry of readdirSync(dataDir)) {
      if (entry.startsWith("e2e-")) rmSync(path.join(dataDir, entry), { recursive: true, force: true });
    }
  }
  const dir = path.join(dataDir, `e2e-${Date.now()}`);
  log(`fresh PGlite directory ${path.relative(root, dir)}`);
  // An empty (not absent) DATABASE_URL: Next does not fill a variable that is set from .env files.
  return { DATABASE_URL: "", PGLITE_DATA_DIR: dir };
}

/** The lockout account joins inpit.ishikawa's organization, named however the seed names it. */
async function findOrganizationNameOf(email: string, dbEnv: DatabaseEnv): Promise<string> {
  const handle = openDb({ url: dbEnv.DATABASE_URL || undefined, pgliteDir: dbEnv.PGLITE_DATA_DIR, max: 1 });
  try {
    const rows = await handle.raw<{ name: string }>(
      "select o.name_ja as name from users u join organizations o on o.id = u.organization_id where lower(u.email) = $1",
      [email],
    );
    const name = rows[0]?.name;
    if (!name) throw new Error(`the demo seed has no user ${email}`);
    return name;
  } finally {
    // Closed before the server opens the same PGlite directory.
    await handle.close();
  }
}

async function main() {
  const started = Date.now();
  const baseEnv: NodeJS.ProcessEnv = { ...process.env, NEXT_TELEMETRY_DISABLED: "1" };

  if (process.env.E2E_SKIP_BUILD === "1" && existsSync(path.join(root, ".next", "BUILD_ID"))) {
    log("using the existing build (E2E_SKIP_BUILD=1)");
  } else {
    log("next build");
    await run(process.execPath, [nextBin, "build"], { ...baseEnv, DATABASE_URL: NO_DATABASE_DURING_BUILD });
  }

  const dbEnv = await prepareFreshDatabase();
  const env: NodeJS.ProcessEnv = { ...baseEnv, ...dbEnv };
  log("migrating and seeding the demo");
  await run(npmCommand, ["run", "--silent", "db:seed", "--", "--demo"], env);

  const orgName = await findOrganizationNameOf(LOCKOUT_ACCOUNT.sameOrganizationAs, dbEnv);
  log(`creating ${LOCKOUT_ACCOUNT.email} in ${orgName}`);
  await run(
    npmCommand,
    [
      "run",
      "--silent",
      "user:create",
      "--",
      "--email",
      LOCKOUT_ACCOUNT.email,
      "--name",
      LOCKOUT_ACCOUNT.name,
      "--role",
      LOCKOUT_ACCOUNT.role,
      "--org",
      orgName,
      "--password-stdin",
    ],
    env,
    `${LOCKOUT_ACCOUNT.password}\n`,
  );

  log(`ready to start after ${((Date.now() - started) / 1000).toFixed(1)} s: next start -p ${E2E_PORT}`);
  const server = spawn(process.execPath, [nextBin, "start", "-p", String(E2E_PORT)], {
    stdio: "inherit",
    env: { ...env, AUTH_SECRET: E2E_AUTH_SECRET, AUTH_TRUST_HOST: "true", PORT: String(E2E_PORT) },
  });
  for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"] as const) {
    process.on(signal, () => {
      if (server.exitCode === null) server.kill(signal);
    });
  }
  server.on("exit", (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
}

main().catch((error: unknown) => {
  console.error(`[e2e-server] ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
  process.exit(1);
});
