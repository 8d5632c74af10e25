import type { Page } from "@playwright/test";
import { AxeBuilder } from "@axe-core/playwright";
import { DEMO_ACCOUNTS } from "./support/accounts";
import { expect, signIn, test } from "./support/fixtures";

/**
 * Accessibility (WCAG 2.x A and AA, axe-core): each party's home and the main pages have no serious or
 * critical violation, and the work can be done with the keyboard alone — reaching a link and following it,
 * opening a dialog, working in it and leaving it with Escape, focus coming back to where it was.
 */

async function seriousViolations(page: Page) {
  const { violations } = await new AxeBuilder({ page })
    .withTags(["wcag2a", "wcag2aa"])
    // Toasts come and go while the page is analysed; they are checked where they are the subject.
    .exclude("[data-sonner-toaster]")
    .analyze();
  return violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .map((v) => `${v.impact} ${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`);
}

const PAGES: { account: keyof typeof DEMO_ACCOUNTS; paths: string[] }[] = [
  { account: "metiChubu", paths: ["/dashboard", "/kpi", "/teams", "/cases", "/companies", "/referrals", "/audit"] },
  { account: "producerIshikawa", paths: ["/dashboard"] },
  { account: "inpitIshikawa", paths: ["/dashboard", "/my-day", "/cases", "/companies", "/referrals"] },
  { account: "jpaaHokuriku", paths: ["/dashboard", "/referrals"] },
  { account: "jcciKanazawa", paths: ["/dashboard", "/referrals?box=outbox"] },
  { account: "jcciKobe", paths: ["/dashboard", "/audit"] },
  { account: "admin", paths: ["/dashboard", "/admin/users", "/admin/organizations", "/audit"] },
];

test.describe("no serious or critical accessibility violations", () => {
  for (const { account, paths } of PAGES) {
    test(`${account}: ${paths.join(", ")}`, async ({ page }) => {
      await signIn(page, DEMO_ACCOUNTS[account].email);
      for (const path of paths) {
        const response = await page.goto(path);
        expect(response?.status(), path).toBe(200);
        await expect(page.locator("main h1").first()).toBeVisible();
        expect(await seriousViolations(page), path).toEqual([]);
      }
    });
  }

  test("the 弁理士会 home's answer dialog and the admin's invite dialog, open", async ({ page, openSession }) => {
    await signIn(page, DEMO_ACCOUNTS.jpaaHokuriku.email);
    await page.getByTestId("jpaa-inbox").getByRole("button", { name: /を辞退$/ }).first().click();
    await expect(page.getByRole("dialog")).toBeVisible();
    expect(await seriousViolations(page)).toEqual([]);

    const admin = await openSession();
    await signIn(admin, DEMO_ACCOUNTS.admin.email);
    await admin.goto("/admin/users");
    await admin.getByTestId("invite-user").click();
    await expect(admin.getByRole("dialog")).toBeVisible();
    expect(await seriousViolations(admin)).toEqual([]);
  });
});

/** Presses Tab until the focused element matches, as a keyboard user would; fails after `max` presses. */
async function tabTo(page: Page, matches: (el: { tag: string; text: string; label: string | null; testId: string | null }) => boolean, max = 80) {
  for (let i = 0; i < max; i += 1) {
    await page.keyboard.press("Tab");
    const el = await page.evaluate(() => {
      const a = document.activeElement as HTMLElement | null;
      return a ? { tag: a.tagName, text: (a.textContent ?? "").trim(), label: a.getAttribute("aria-label"), testId: a.getAttribute("data-testid") } : null;
    });
    if (el && matches(el)) return;
  }
  throw new Error("the element was not reached with the Tab key");
}

test.describe("keyboard only", () => {
  test("follow a menu link with Enter, open the 辞退 dialog, type in it, leave it with Escape — nothing changes", async ({ page }) => {
    await signIn(page, DEMO_ACCOUNTS.jpaaHokuriku.email);
    await expect(page.getByTestId("home-jpaa")).toBeVisible();
    const pendingBefore = await page.getByTestId("stat-inbox-pending").innerText();

    // The first Tab reaches the skip link; the menu follows.
    await page.keyboard.press("Tab");
    await expect(page.locator(":focus")).toHaveText("本文へスキップ");
    await tabTo(page, (el) => el.tag === "A" && el.text === "案件");
    await page.keyboard.press("Enter");
    await expect(page).toHaveURL(/\/cases(\?|$)/);
    await page.goBack();
    await expect(page.getByTestId("home-jpaa")).toBeVisible();

    // From the top of the page to the first 辞退 button of the inbox, then into its dialog.
    await page.locator("body").focus();
    await tabTo(page, (el) => el.tag === "BUTTON" && (el.label ?? "").endsWith("を辞退"), 200);
    const trigger = page.locator(":focus");
    const triggerLabel = await trigger.getAttribute("aria-label");
    await page.keyboard.press("Enter");
    const dialog = page.getByRole("dialog");
    await expect(dialog).toBeVisible();
    // Focus moves into the dialog, onto its first field.
    await expect(dialog.getByLabel(/辞退の理由/)).toBeFocused();
    await page.keyboard.type("キーボードだけで入力");
    await page.keyboard.press("Escape");
    await expect(dialog).toHaveCount(0);
    // Focus returns to the button that opened the dialog; the referral is still unanswered.
    await expect(page.locator(":focus")).toHaveAttribute("aria-label", triggerLabel!);
    expect(await page.getByTestId("stat-inbox-pending").innerText()).toBe(pendingBefore);
  });

  test("an administrator invites a user with the keyboard alone and reads the one-time password", async ({ page }) => {
    await signIn(page, DEMO_ACCOUNTS.admin.email);
    await page.goto("/admin/users");
    await page.locator("body").focus();
    await tabTo(page, (el) => el.testId === "invite-user");
    await page.keyboard.press("Enter");
    const dialog = page.getByRole("dialog");
    await expect(dialog).toBeVisible();

    await expect(dialog.getByLabel(/メールアドレス/)).toBeFocused();
    await page.keyboard.type("keyboard.only@example.jp");
    await page.keyboard.press("Tab");
    await page.keyboard.type("鍵盤 花子");
    await page.keyboard.press("Tab");
    await page.keyboard.press("Tab");
    const organization = dialog.getByLabel(/^組織/);
    await expect(organization).toBeFocused();
    // A native select takes the arrow keys: step down to the organization.
    for (let i = 0; i < 40 && (await organization.evaluate((el: HTMLSelectElement) => el.selectedOptions[0]?.text)) !== "金沢商工会議所"; i += 1) {
      await page.keyboard.press("ArrowDown");
    }
    await expect(organization.locator("option:checked")).toHaveText("金沢商工会議所");
    await page.keyboard.press("Tab");
    await expect(dialog.getByLabel(/^役割/)).toBeFocused();
    await tabTo(page, (el) => el.tag === "BUTTON" && el.text === "招待する", 5);
    await page.keyboard.press("Enter");

    await expect(dialog.getByTestId("initial-password")).toHaveText(/^[a-zA-Z2-9]{4}(-[a-zA-Z2-9]{4}){3}$/);
    await page.keyboard.press("Escape");
    await expect(dialog).toHaveCount(0);
    await expect(page.getByTestId("admin-users").locator('tr[data-user-email="keyboard.only@example.jp"]')).toBeVisible();
  });
});
