import { AxeBuilder } from "@axe-core/playwright";
import type { Page } from "@playwright/test";
import { ISHIKAWA_ONLY_CASE_TITLE } from "../db/seed/data/cases";
import { DEMO_ACCOUNTS } from "./support/accounts";
import { expect, signIn, test } from "./support/fixtures";

/**
 * Issue #3, the coordinator's day, end to end as inpit.ishikawa does it: find a company by a fragment of its
 * name, open a case from it, log a visit with a next action due today, move the case on a stage, and complete
 * the action from 今日のタスク (My day) in one click — then check that each step stuck after a reload.
 */

/** Today's date in Japan as 'YYYY-MM-DD', whatever the machine's zone. */
function todayInJapan(): string {
  return new Intl.DateTimeFormat("en-CA", { timeZone: "Asia/Tokyo", year: "numeric", month: "2-digit", day: "2-digit" }).format(new Date());
}

test("a coordinator finds a company, opens a case, logs a visit with a next action, moves the stage and completes the action on My day", async ({ page }) => {
  const stamp = Date.now().toString(36);
  const caseTitle = `E2E 新ブランドの商標出願支援 ${stamp}`;
  const visitSummary = `E2E 訪問: 新ブランドのロゴと名称について聞き取り ${stamp}`;
  const nextActionTitle = `E2E 商標調査の結果を送る ${stamp}`;

  await signIn(page, DEMO_ACCOUNTS.inpitIshikawa.email);

  // Find the company: the list follows the search box as the user types.
  await page.getByRole("navigation", { name: "メインナビゲーション" }).first().getByRole("link", { name: "企業" }).click();
  await expect(page).toHaveURL(/\/companies$/);
  await page.getByRole("searchbox", { name: "企業名・フリガナ・法人番号" }).fill("加賀繊維");
  await expect(page).toHaveURL(/q=%E5%8A%A0%E8%B3%80%E7%B9%8A%E7%B6%AD/);
  const results = page.getByTestId("company-table");
  await expect(results.getByRole("row")).toHaveCount(2);
  await results.getByRole("link", { name: "株式会社加賀繊維工業" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "株式会社加賀繊維工業" })).toBeVisible();

  // Open a case from it.
  await page.getByRole("link", { name: "案件を開始" }).click();
  await expect(page).toHaveURL(/\/cases\/new\?companyId=/);
  await page.getByLabel("案件名").fill(caseTitle);
  await page.getByLabel("概要").fill("新ブランド立ち上げに伴う商標出願の相談。");
  await page.getByRole("checkbox", { name: "商標・ブランド" }).check();
  await page.getByRole("button", { name: "案件を開始する" }).click();
  await expect(page).toHaveURL(/\/cases\/[0-9a-f-]{36}$/);
  await expect(page.getByRole("heading", { level: 1, name: caseTitle })).toBeVisible();
  await expect(page.locator("main").locator('[data-stage="discovery"]').first()).toBeVisible();
  const caseUrl = page.url();

  // Log a visit with a next action for myself, due today. Forgetting the summary is refused next to the field,
  // and nothing typed is lost.
  const log = page.getByTestId("quick-log-form");
  await expect(log.getByLabel("種別")).toHaveValue("visit");
  await log.getByLabel("所要時間（分）").fill("60");
  await log.getByLabel("やること").fill(nextActionTitle);
  await log.getByLabel("期限").fill(todayInJapan());
  await log.getByRole("button", { name: "記録する" }).click();
  await expect(log.getByLabel("内容")).toHaveAttribute("aria-invalid", "true");
  await expect(log.getByText("入力してください。")).toBeVisible();
  await expect(log.getByLabel("やること")).toHaveValue(nextActionTitle);
  await expect(log.getByLabel("所要時間（分）")).toHaveValue("60");
  await log.getByLabel("内容").fill(visitSummary);
  await log.getByRole("button", { name: "記録する" }).click();
  await expect(page.getByText("支援記録と次のアクションを追加しました。")).toBeVisible();
  await expect(page.getByTestId("activity-timeline").getByText(visitSummary)).toBeVisible();
  await expect(page.getByTestId("next-action").filter({ hasText: nextActionTitle })).toBeVisible();
  // The form is ready for the next record: emptied, with a new one-time key.
  await expect(log.getByLabel("内容")).toHaveValue("");

  // Move the case on: 掘り起こし → 課題整理.
  await page.getByRole("button", { name: "課題整理へ進める" }).click();
  await expect(page.getByText("ステージを「課題整理」に変更しました。")).toBeVisible();
  await expect(page.locator("main").locator('[data-stage="assessment"]').first()).toBeVisible();

  await page.reload();
  await expect(page.locator("main").locator('[data-stage="assessment"]').first()).toBeVisible();
  await expect(page.getByTestId("activity-timeline").getByText(visitSummary)).toHaveCount(1);

  // Complete the action from My day, in one click.
  await page.getByRole("navigation", { name: "メインナビゲーション" }).first().getByRole("link", { name: "今日のタスク" }).click();
  await expect(page).toHaveURL(/\/my-day$/);
  const today = page.getByTestId("next-actions-today");
  const row = today.getByTestId("next-action").filter({ hasText: nextActionTitle });
  await expect(row).toBeVisible();
  await expect(row.getByRole("link", { name: new RegExp(caseTitle) })).toBeVisible();
  await row.getByRole("button", { name: `「${nextActionTitle}」を完了にする` }).click();
  await expect(page.getByText(`「${nextActionTitle}」を完了にしました。`)).toBeVisible();
  await expect(row).toHaveCount(0);

  await page.reload();
  await expect(page.getByTestId("next-action").filter({ hasText: nextActionTitle })).toHaveCount(0);
  await page.goto(caseUrl);
  await expect(page.getByTestId("next-action").filter({ hasText: nextActionTitle })).toHaveCount(0);
});

/** WCAG 2.1 A/AA on the page's main content (toasts come and go; they are Sonner's). */
async function expectAccessible(page: Page) {
  const { violations } = await new AxeBuilder({ page })
    .withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"])
    .include("main")
    .exclude("[data-sonner-toaster]")
    .analyze();
  expect(violations.map((v) => `${page.url()} ${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`)).toEqual([]);
}

test("a stale company edit is refused with what changed, keeping what the user typed", async ({ page, openSession }) => {
  await signIn(page, DEMO_ACCOUNTS.inpitIshikawa.email);
  await page.goto(`/companies?q=${encodeURIComponent("九谷陶房")}`);
  await page.getByTestId("company-table").getByRole("link", { name: "株式会社九谷陶房" }).click();
  await page.getByRole("link", { name: "編集" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "企業情報の編集" })).toBeVisible();
  const editUrl = page.url();

  // A colleague saves first, in their own session.
  const colleague = await openSession();
  await signIn(colleague, DEMO_ACCOUNTS.inpitIshikawa.email);
  await colleague.goto(editUrl);
  await colleague.getByLabel("業種").fill("伝統工芸（九谷焼）");
  await colleague.getByRole("button", { name: "保存する" }).click();
  await expect(colleague.getByText("企業情報を保存しました。")).toBeVisible();

  // This edit was made against the old version: refused, never written over the colleague's.
  await page.getByLabel("業種").fill("陶磁器製造");
  await page.getByLabel("従業員数").fill("１５");
  await page.getByRole("button", { name: "保存する" }).click();
  const conflict = page.getByTestId("conflict-notice");
  await expect(conflict).toBeVisible();
  await expect(conflict.getByRole("row", { name: /業種/ })).toContainText("伝統工芸（九谷焼）");
  await expect(conflict.getByRole("row", { name: /業種/ })).toContainText("陶磁器製造");
  await expect(page.getByLabel("業種")).toHaveValue("陶磁器製造");
  await expect(page.getByLabel("従業員数")).toHaveValue("１５");

  // Having seen the difference, saving again is a decision: it goes through against the new version.
  await page.getByRole("button", { name: "保存する" }).click();
  await expect(page.getByText("企業情報を保存しました。")).toBeVisible();
  await expect(page.getByText("陶磁器製造")).toBeVisible();
  await expect(page.getByText("15名")).toBeVisible();
});

test("the coordinator's screens are labelled and operable for assistive technology", async ({ page }) => {
  await signIn(page, DEMO_ACCOUNTS.inpitIshikawa.email);
  await page.goto(`/companies?q=${encodeURIComponent("加賀")}`);
  await expect(page.getByTestId("company-table")).toBeVisible();
  await expectAccessible(page);

  // The registration form with its duplicate warning showing.
  await page.goto("/companies/new");
  await page.getByLabel("企業名").fill("加賀繊維工業");
  await expect(page.getByTestId("duplicate-candidates")).toBeVisible();
  await expect(page.getByTestId("duplicate-candidates").getByRole("link", { name: /株式会社加賀繊維工業/ })).toBeVisible();
  await expectAccessible(page);

  await page.goto("/cases?view=board");
  await expect(page.getByTestId("case-board")).toBeVisible();
  await expectAccessible(page);

  // A case of the demo with confidential notes (inpit.ishikawa leads it): the locked section shows for its member.
  await page.goto(`/cases?q=${encodeURIComponent(ISHIKAWA_ONLY_CASE_TITLE)}`);
  await page.getByTestId("case-table").getByRole("link", { name: ISHIKAWA_ONLY_CASE_TITLE }).click();
  await expect(page.getByTestId("quick-log-form")).toBeVisible();
  await expect(page.getByTestId("confidential-notes")).toBeVisible();
  await expectAccessible(page);

  await page.goto("/my-day");
  await expect(page.getByTestId("next-actions-overdue")).toBeVisible();
  await expectAccessible(page);
});
