/**
 * `npm run db:seed`                                  migrations, then the reference data (production installs)
 * `npm run db:seed -- --demo [--today=YYYY-MM-DD]`   … and the demo network, unless it is already there
 *
 * Uses DATABASE_URL when set, else PGlite in .data/pglite (db/client.ts). Safe to run again: the reference
 * data is inserted only where missing, and the demo is skipped once admin@example.jp exists.
 */
import { openDb } from "../client";
import { migrateDb } from "../migrate";
import { DEMO_MARKER_EMAIL, isDemoSeeded, seedDemo } from "./demo";
import { seedReference } from "./reference";

const USAGE = "usage: npm run db:seed [-- --demo [--today=YYYY-MM-DD]]";

export function parseSeedArgs(argv: readonly string[]): { demo: boolean; today?: string } {
  const options: { demo: boolean; today?: string } = { demo: false };
  for (let i = 0; i < argv.length; i += 1) {
    const arg = argv[i]!;
    if (arg === "--demo") options.demo = true;
    else if (arg.startsWith("--today=")) options.today = arg.slice("--today=".length);
    else if (arg === "--today" && argv[i + 1]) options.today = argv[(i += 1)];
    else throw new Error(`unknown argument "${arg}"\n${USAGE}`);
  }
  if (options.today !== undefined && !options.demo) throw new Error(`--today only applies to --demo\n${USAGE}`);
  if (options.today !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(options.today)) {
    throw new Error(`--today must be a date like 2026-05-12, not "${options.today}"`);
  }
  return options;
}

async function main() {
  const options = parseSeedArgs(process.argv.slice(2));
  const handle = openDb({ url: process.env.DATABASE_URL || undefined, max: 1 });
  try {
    await migrateDb(handle);
    const reference = await handle.db.transaction((tx) => seedReference(tx));
    const inserted = Object.entries(reference).filter(([, count]) => count > 0);
    console.log(
      inserted.length > 0
        ? `reference data inserted (${handle.engine}): ${inserted.map(([name, count]) => `${name} ${count}`).join(", ")}`
        : `reference data already present (${handle.engine})`,
    );
    if (!options.demo) return;
    if (await isDemoSeeded(handle.db)) {
      console.log(`demo data already present (${DEMO_MARKER_EMAIL} exists): skipped`);
      return;
    }
    const started = Date.now();
    const summary = await seedDemo(handle.db, { today: options.today });
    console.log(`demo data seeded in ${Date.now() - started} ms: ${Object.entries(summary).map(([name, count]) => `${name} ${count}`).join(", ")}`);
  } finally {
    await handle.close();
  }
}

// Only as a script: the test imports parseSeedArgs without running anything.
if (process.argv[1]?.endsWith("cli.ts")) {
  main().catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  });
}
