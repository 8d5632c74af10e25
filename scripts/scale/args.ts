import type { ScaleSizes } from "./world";

export const SCALE_DEFAULTS: ScaleSizes = { companies: 3_400_000, cases: 200_000, activities: 2_000_000, referrals: 200_000, orgs: 600 };

export interface SeedScaleOptions extends ScaleSizes {
  url: string;
  /** Empty the database (schemas public and drizzle) before seeding. */
  reset: boolean;
  /** The JST day the data is built around ('YYYY-MM-DD'). */
  today?: string;
}

export const SEED_SCALE_USAGE = `usage: npm run seed:scale -- [--url=postgres://127.0.0.1:5432/renkei_scale] [--reset]
       [--companies=${SCALE_DEFAULTS.companies}] [--cases=${SCALE_DEFAULTS.cases}] [--activities=${SCALE_DEFAULTS.activities}]
       [--referrals=${SCALE_DEFAULTS.referrals}] [--orgs=${SCALE_DEFAULTS.orgs}] [--today=YYYY-MM-DD]
The URL defaults to DATABASE_URL. Needs a PostgreSQL server on this machine (not PGlite); the database is created if missing.`;

const SIZE_FLAGS = ["companies", "cases", "activities", "referrals", "orgs"] as const;

/** Parses `--name=value` flags (also `--name value`); throws with the usage on anything else. */
export function parseSeedScaleArgs(argv: readonly string[], env: Record<string, string | undefined> = process.env): SeedScaleOptions {
  const options: Omit<SeedScaleOptions, "url"> & { url?: string } = { ...SCALE_DEFAULTS, reset: false };
  for (let i = 0; i < argv.length; i += 1) {
    const arg = argv[i]!;
    if (arg === "--reset") {
      options.reset = true;
      continue;
    }
    const match = /^--([a-z]+)(?:=(.*))?$/.exec(arg);
    if (!match) throw new Error(`unknown argument "${arg}"\n${SEED_SCALE_USAGE}`);
    const name = match[1]!;
    if (![...SIZE_FLAGS, "url", "today"].includes(name)) throw new Error(`unknown argument "${arg}"\n${SEED_SCALE_USAGE}`);
    const value = match[2] ?? argv[(i += 1)];
    if (value === undefined) throw new Error(`--${name} needs a value\n${SEED_SCALE_USAGE}`);
    if ((SIZE_FLAGS as readonly string[]).includes(name)) {
      const size = Number(value.replace(/_/g, ""));
      if (!Number.isInteger(size) || size < 0) throw new Error(`--${name} must be a whole number, not "${value}"`);
      options[name as (typeof SIZE_FLAGS)[number]] = size;
    } else if (name === "url") options.url = value;
    else if (name === "today") {
      if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) throw new Error(`--today must be a date like 2026-05-12, not "${value}"`);
      options.today = value;
    }
  }
  const url = options.url ?? env.DATABASE_URL;
  if (!url) throw new Error(`no database: pass --url or set DATABASE_URL\n${SEED_SCALE_USAGE}`);
  assertLocalPostgresUrl(url);
  if (options.cases > 0 && options.companies === 0) throw new Error("--cases needs companies to be about");
  if (options.activities > 0 && options.cases === 0) throw new Error("--activities needs cases to belong to");
  return { ...options, url };
}

/**
 * The seeder and the benchmark need a real server (COPY, parallel index builds, EXPLAIN of the production
 * plans): PGlite is refused. They also empty and fill databases, so only a server on this machine is accepted.
 */
export function assertLocalPostgresUrl(url: string): void {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new Error(`"${url}" is not a database URL: this needs a PostgreSQL server (postgres://…), not PGlite`);
  }
  if (parsed.protocol !== "postgres:" && parsed.protocol !== "postgresql:") {
    throw new Error(`"${parsed.protocol}" is not PostgreSQL: this needs a PostgreSQL server (postgres://…), not PGlite`);
  }
  if (!["127.0.0.1", "localhost", "::1", "[::1]"].includes(parsed.hostname)) {
    throw new Error(`refusing ${parsed.hostname}: only a PostgreSQL server on this machine (127.0.0.1, localhost) is filled or measured`);
  }
  if (parsed.pathname.length <= 1) throw new Error(`the URL names no database: add one, e.g. ${url.replace(/\/?$/, "/renkei_scale")}`);
}
