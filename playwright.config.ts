import { defineConfig, devices } from "@playwright/test";

// The e2e server (scripts/e2e-server.ts) listens here, not on 3000, so that it never collides with
// `npm run demo` or `next dev` on the same machine.
// E2E_PORT lets two runs (e.g. a fresh-clone check beside a developer's run) share the machine.
const PORT = Number(process.env.E2E_PORT ?? 3100);
const baseURL = `http://localhost:${PORT}`;

// scripts/test.sh builds in its own step and sets E2E_SKIP_BUILD=1; a bare `npx playwright test` builds inside
// the web server command, which needs the build's minutes on top of the seed and start-up.
const serverBuilds = process.env.E2E_SKIP_BUILD !== "1";

export default defineConfig({
  testDir: "./e2e",
  outputDir: "test-results",
  // 2 cores: one worker keeps the server, the browser and the tests from starving each other.
  workers: 1,
  fullyParallel: false,
  forbidOnly: !!process.env.CI,
  // No retries: a journey that passes only on a second try is a bug, and the lockout journey cannot repeat.
  retries: 0,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: [["list"], ["html", { open: "never", outputFolder: "playwright-report" }]],
  use: {
    baseURL,
    locale: "ja-JP",
    timezoneId: "Asia/Tokyo",
    trace: "retain-on-failure",
    screenshot: "only-on-failure",
  },
  projects: [
    {
      name: "chromium",
      use: {
        ...devices["Desktop Chrome"],
        // Debian's Chromium (scripts/ensure-chromium.sh): `npx playwright install` cannot download browsers here.
        launchOptions: {
          executablePath: "/usr/bin/chromium",
          args: [
            "--no-sandbox",
            "--disable-gpu",
            "--disable-dev-shm-usage",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--no-first-run",
          ],
        },
      },
    },
  ],
  webServer: {
    command: "node_modules/.bin/tsx scripts/e2e-server.ts",
    url: `${baseURL}/api/health`,
    timeout: serverBuilds ? 600_000 : 240_000,
    // Every run gets its own fresh database; a server left over from another run would carry old state.
    reuseExistingServer: false,
    stdout: "pipe",
    stderr: "pipe",
    gracefulShutdown: { signal: "SIGTERM", timeout: 10_000 },
  },
});
