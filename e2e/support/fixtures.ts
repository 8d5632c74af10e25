import { test as base, expect, type Browser, type BrowserContext, type Page } from "@playwright/test";
import { DEMO_PASSWORD } from "./accounts";

/**
 * Every journey fails on a browser `console.error` or an uncaught page error, unless the test declares the
 * error it expects (`consoleErrors.allow(/status of 404/)` when it opens a page that must not be found).
 */
export interface ConsoleErrors {
  allow: (pattern: RegExp) => void;
  watch: (context: BrowserContext) => void;
}

export interface Fixtures {
  consoleErrors: ConsoleErrors;
  /** A second, independent browser session (its own cookies), watched for console errors like `page`. */
  openSession: () => Promise<Page>;
}

export const test = base.extend<Fixtures>({
  consoleErrors: [
    // The second argument is Playwright's `use`, named `provide` so that React's hook lint rule leaves it alone.
    async ({ context }, provide, testInfo) => {
      const allowed: RegExp[] = [];
      const unexpected: string[] = [];
      const watched = new Set<BrowserContext>();
      const isAllowed = (text: string) => allowed.some((pattern) => pattern.test(text));
      const guard: ConsoleErrors = {
        allow: (pattern) => allowed.push(pattern),
        watch: (ctx) => {
          if (watched.has(ctx)) return;
          watched.add(ctx);
          ctx.on("console", (message) => {
            if (message.type() !== "error" || isAllowed(message.text())) return;
            // For a failed resource load the location is the resource, which the text does not name.
            const source = message.location().url;
            unexpected.push(`console.error on ${message.page()?.url()}: ${message.text()}${source ? ` (${source})` : ""}`);
          });
          ctx.on("weberror", (error) => {
            const text = error.error().message;
            if (!isAllowed(text)) unexpected.push(`page error on ${error.page()?.url()}: ${text}`);
          });
        },
      };
      guard.watch(context);
      await provide(guard);
      if (unexpected.length > 0 && testInfo.status === testInfo.expectedStatus) {
        throw new Error(`The browser reported errors:\n${unexpected.join("\n")}`);
      }
    },
    { auto: true },
  ],
  openSession: async ({ browser, consoleErrors }, provide) => {
    const contexts: BrowserContext[] = [];
    await provide(async () => {
      const context = await newWatchedContext(browser, consoleErrors);
      contexts.push(context);
      return context.newPage();
    });
    for (const context of contexts) await context.close();
  },
});

async function newWatchedContext(browser: Browser, consoleErrors: ConsoleErrors): Promise<BrowserContext> {
  // Contexts made by browser.newContext() inside a test get the config's `use` options (baseURL, locale).
  const context = await browser.newContext();
  consoleErrors.watch(context);
  return context;
}

/** Fills the sign-in form as a person would; does not assert where it lands. */
export async function submitSignIn(page: Page, email: string, password = DEMO_PASSWORD): Promise<void> {
  await page.goto("/sign-in");
  await page.getByLabel("メールアドレス", { exact: true }).fill(email);
  await page.getByLabel("パスワード", { exact: true }).fill(password);
  await page.getByRole("button", { name: "ログイン", exact: true }).click();
}

/**
 * The sign-in form's error message. Scoped to the form: Next's route announcer is also role="alert", in a
 * shadow root that Playwright's role queries reach.
 */
export function signInError(page: Page) {
  return page.locator("form").getByRole("alert");
}

/** Signs in through the form and waits for the dashboard. */
export async function signIn(page: Page, email: string, password = DEMO_PASSWORD): Promise<void> {
  await submitSignIn(page, email, password);
  await expect(page).toHaveURL(/\/dashboard(?:[?#]|$)/);
}

export { expect };
