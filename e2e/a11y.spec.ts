import type { Locator, Page } from "@playwright/test";
import { ISHIKAWA_ONLY_CASE_TITLE } from "../db/seed/data/cases";
import { DEMO_ACCOUNTS } from "./support/accounts";
import { expect, signIn, test } from "./support/fixtures";
import { seriousViolations, tabTo } from "./support/keyboard";

/**
 * Accessibility (WCAG 2.x A and AA, axe-core): each party's home and the main pages have no serious or
 * critical violation, and the work can be done with the keyboard alone — reaching a link and following it,
 * opening a dialog, working in it and leaving it with Escape, focus coming back to where it was.
 */

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

test.describe("detail and form pages, with the page's dialog open", () => {
  /** No serious or critical violation on the page as it is, then again with the dialog `trigger` opens. */
  async function checkPage(page: Page, what: string, trigger?: Locator) {
    await expect(page.locator("main h1").first()).toBeVisible();
    expect(await seriousViolations(page), what).toEqual([]);
    if (!trigger) return;
    await trigger.click();
    const dialog = page.getByRole("dialog");
    await expect(dialog).toBeVisible();
    expect(await seriousViolations(page), `${what}, dialog open`).toEqual([]);
    await page.keyboard.press("Escape");
    await expect(dialog).toHaveCount(0);
  }

  test("inpit.ishikawa: a case, a company, the new-company and new-referral forms, My day", async ({ page }) => {
    await signIn(page, DEMO_ACCOUNTS.inpitIshikawa.email);
    // A case of the demo that inpit.ishikawa leads (confidential notes and all); the stage dialog open.
    await page.goto(`/cases?q=${encodeURIComponent(ISHIKAWA_ONLY_CASE_TITLE)}`);
    await page.getByTestId("case-table").getByRole("link", { name: ISHIKAWA_ONLY_CASE_TITLE }).click();
    await expect(page.getByTestId("quick-log-form")).toBeVisible();
    await checkPage(page, "case page", page.getByRole("button", { name: "ステージを変更" }));

    // A company with consents and provisions, with the consent dialog open.
    await page.goto(`/companies?q=${encodeURIComponent("加賀繊維")}`);
    await page.getByTestId("company-table").getByRole("link", { name: "株式会社加賀繊維工業" }).click();
    await expect(page).toHaveURL(/\/companies\/[0-9a-f-]{36}$/);
    const companyUrl = page.url();
    await checkPage(page, "company page", page.getByTestId("consents-and-provisions").getByRole("button", { name: "同意を記録" }));

    await page.goto("/companies/new");
    await checkPage(page, "new company");

    await page.goto(`/referrals/new?companyId=${companyUrl.split("/").pop()}`);
    await expect(page.getByRole("heading", { name: "連携依頼の作成" })).toBeVisible();
    await checkPage(page, "new referral");

    await page.goto("/my-day");
    await checkPage(page, "my day");
  });

  test("a new referral form with the consent to record, a referral page with its answer dialog, /kpi", async ({ page, openSession }) => {
    // A company without consent: the form opens on recording one.
    await signIn(page, DEMO_ACCOUNTS.jcciKanazawa.email);
    await page.goto(`/referrals/new?q=${encodeURIComponent("羽咋")}`);
    await page.getByRole("link", { name: /株式会社羽咋ファーム/ }).click();
    await expect(page.getByTestId("record-consent-form")).toBeVisible();
    await checkPage(page, "new referral, recording consent");

    // The demo referral still awaiting 北陸会's answer, with the 受け付ける dialog open (and left with Escape).
    const attorney = await openSession();
    await signIn(attorney, DEMO_ACCOUNTS.jpaaHokuriku.email);
    await attorney.goto("/referrals?box=inbox&status=sent");
    await attorney.getByTestId("referral-row").first().getByRole("link").first().click();
    await expect(attorney).toHaveURL(/\/referrals\/[0-9a-f-]{36}$/);
    await checkPage(attorney, "referral page", attorney.getByTestId("referral-actions").getByRole("button", { name: "受け付ける" }));
    await expect(attorney.getByTestId("referral-status")).toHaveText("依頼中");

    const meti = await openSession();
    await signIn(meti, DEMO_ACCOUNTS.metiChubu.email);
    await meti.goto("/kpi");
    await checkPage(meti, "kpi");
  });
});

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
