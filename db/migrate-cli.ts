import { openDb } from "./client";
import { migrateDb } from "./migrate";

async function main() {
  const handle = openDb({ url: process.env.DATABASE_URL || undefined, max: 1 });
  try {
    await migrateDb(handle);
    console.log(`migrations applied (${handle.engine})`);
  } finally {
    await handle.close();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
