/**
 * `npm run jobs:notify-due` — tells everyone of referrals that became overdue or due for follow-up
 * (lib/referrals/due-notices.ts). Meant for a scheduler (cron, a Kubernetes CronJob, Cloud Scheduler) once a
 * morning; safe to run more often or twice at once. Uses DATABASE_URL, else the embedded database (stop the app
 * first: one PGlite data directory must not be opened by two processes).
 */
import { openDb } from "@/db/client";
import { notifyDueReferrals } from "@/lib/referrals/due-notices";

async function main() {
  const handle = openDb({ url: process.env.DATABASE_URL || undefined, max: 1 });
  try {
    const counts = await notifyDueReferrals(handle.db);
    console.log(`[jobs:notify-due] overdue: ${counts.overdue} referrals notified, follow-up due: ${counts.followUpDue} referrals notified`);
  } finally {
    await handle.close();
  }
}

main().catch((error: unknown) => {
  console.error("[jobs:notify-due]", error);
  process.exit(1);
});
