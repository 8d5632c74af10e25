import type { Page } from "@playwright/test";
import { ISHIKAWA_ONLY_CASE_TITLE } from "../db/seed/data/cases";
import { DEMO_ACCOUNTS, type DemoAccount } from "./support/accounts";
import { expect, signIn, test } from "./support/fixtures";

/**
 * Each party's demo account lands on its own home (/dashboard) and finds its own organization's work there —
 * a name or number that only that organization has — and nothing of another party's. The run saves a
 * screenshot of each home to test-results/screenshots/home-<account>.png (git-ignored) for review.
 */

async function openHome(page: Page, account: DemoAccount) {
  await signIn(page, account.email);
  const home = page.getByTestId(account.home);
  await expect(home).toBeVisible();
  return home;
}

async function saveScreenshot(page: Page, name: string) {
  // Full page: the homes are longer than the window, and the reviewer wants to see all of it.
  await page.screenshot({ path: `test-results/screenshots/home-${name}.png`, fullPage: true });
}

test.describe("each party's home", () => {
  test("経産局 (meti.chubu): the 中部 block in numbers, its model region and team, who owes an answer", async ({ page }) => {
    const home = await openHome(page, DEMO_ACCOUNTS.metiChubu);
    await expect(home.getByRole("heading", { level: 1 })).toHaveText("経済産業局ホーム");
    await expect(home.getByText("中部ブロックの状況")).toBeVisible();
    // The block's prefectures are the rows of the matrices; another block's are not.
    const byStage = home.getByTestId("table-prefecture-stage");
    await expect(byStage.getByRole("rowheader", { name: "石川県" })).toBeVisible();
    await expect(byStage.getByRole("rowheader", { name: "愛知県" })).toBeVisible();
    await expect(byStage.getByRole("rowheader", { name: "青森県" })).toHaveCount(0);
    await expect(home.getByTestId("table-prefecture-theme")).toBeVisible();
    await expect(home.getByTestId("table-referral-flow").getByRole("rowheader", { name: "商工会議所" })).toBeVisible();
    await expect(home.getByTestId("prefecture-tile-map")).toBeVisible();
    // The model region of the block and its team, not 青森's or 神戸's.
    const regions = home.getByTestId("model-region");
    await expect(regions.filter({ hasText: "石川県" })).toHaveCount(1);
    await expect(regions.filter({ hasText: "神戸市" })).toHaveCount(0);
    // The demo keeps referrals past their answer date at INPIT 石川 and 弁理士会 北陸会: named, with counts only.
    const overdue = home.getByTestId("table-overdue-by-recipient");
    await expect(overdue.getByRole("cell", { name: "INPIT 石川県知財総合支援窓口" })).toBeVisible();
    await expect(overdue).not.toContainText("株式会社");
    // Counts only: the bureau manager is on no case, so no case title appears.
    await expect(home).not.toContainText(ISHIKAWA_ONLY_CASE_TITLE);
    await saveScreenshot(page, "meti-chubu");
  });

  test("事業プロデューサー (producer.ishikawa): the same block view, plus the cases of the 石川 team", async ({ page }) => {
    const home = await openHome(page, DEMO_ACCOUNTS.producerIshikawa);
    // As a member of the 石川 team the producer opens its cases; the block-wide numbers stay numbers.
    await expect(home.getByRole("heading", { name: "チームの案件" })).toBeVisible();
    await expect(home.locator('a[href^="/cases/"]').first()).toBeVisible();
    await saveScreenshot(page, "producer-ishikawa");
  });

  test("INPIT (inpit.ishikawa): the desk's open cases, referrals in and out, recent activity", async ({ page }) => {
    const home = await openHome(page, DEMO_ACCOUNTS.inpitIshikawa);
    await expect(home.getByRole("heading", { level: 1 })).toHaveText("支援窓口ホーム");
    await expect(home.getByTestId("stat-overdue-actions")).toBeVisible();
    await expect(home.getByTestId("desk-open-cases").locator('a[href^="/cases/"]').first()).toBeVisible();
    // 金沢商工会議所 refers companies to this desk, and no other desk.
    await expect(home.getByTestId("desk-referrals-in")).toContainText("金沢商工会議所");
    await expect(home.getByTestId("desk-recent-activity").getByRole("listitem").first()).toBeVisible();
    await saveScreenshot(page, "inpit-ishikawa");
  });

  test("INPIT (inpit.aomori): its own desk's work, not 石川's", async ({ page }) => {
    const home = await openHome(page, DEMO_ACCOUNTS.inpitAomori);
    await expect(home.getByTestId("desk-open-cases")).toContainText(/りんご|ねぶた|にんにく|水産|精密/);
    await expect(home).not.toContainText(ISHIKAWA_ONLY_CASE_TITLE);
    await expect(home).not.toContainText("金沢商工会議所");
    await saveScreenshot(page, "inpit-aomori");
  });

  test("弁理士会 (jpaa.hokuriku): the referral inbox first, with the chapter's attorneys and their workload", async ({ page }) => {
    const home = await openHome(page, DEMO_ACCOUNTS.jpaaHokuriku);
    await expect(home.getByRole("heading", { level: 1 })).toHaveText("弁理士会ホーム");
    const inbox = home.getByTestId("jpaa-inbox");
    await expect(inbox).toContainText("INPIT 石川県知財総合支援窓口");
    await expect(inbox.getByRole("button", { name: /を受付$/ }).first()).toBeVisible();
    const workload = home.getByTestId("jpaa-workload");
    await expect(workload.getByRole("rowheader", { name: /林 大輔/ })).toBeVisible();
    await expect(workload.getByRole("rowheader", { name: /森 隆之/ })).toBeVisible();
    await expect(home.getByTestId("jpaa-outcomes")).toContainText("先行技術調査の結果");
    await saveScreenshot(page, "jpaa-hokuriku");
  });

  test("商工会議所 (jcci.kanazawa): the IP-need checklist suggests whom to refer to, and the sent referrals' status", async ({ page }) => {
    const home = await openHome(page, DEMO_ACCOUNTS.jcciKanazawa);
    await expect(home.getByRole("heading", { level: 1 })).toHaveText("商工会議所ホーム");
    await expect(home.getByTestId("jcci-sent")).toContainText("有限会社能登しおさい");
    await expect(home.getByTestId("jcci-sent")).not.toContainText("神戸");

    const intake = home.getByTestId("ip-need-intake");
    await intake.getByRole("checkbox", { name: /商標登録していない/ }).check();
    await intake.getByRole("checkbox", { name: /模倣品/ }).check();
    const suggestions = intake.getByTestId("intake-suggestion");
    await expect(suggestions).toHaveCount(2);
    await expect(suggestions.first()).toHaveAttribute("data-party", "inpit");
    await expect(suggestions.first().getByRole("link")).toHaveAttribute("href", "/referrals/new?toParty=inpit&service=ip_consultation");
    await expect(suggestions.nth(1)).toHaveAttribute("data-party", "jpaa");
    await saveScreenshot(page, "jcci-kanazawa");
  });

  test("商工会議所 manager (jcci.kobe): the whole chamber's referrals, not 金沢's", async ({ page }) => {
    const home = await openHome(page, DEMO_ACCOUNTS.jcciKobe);
    await expect(home.getByText("神戸商工会議所 全体")).toBeVisible();
    await expect(home).not.toContainText("有限会社能登しおさい");
    await saveScreenshot(page, "jcci-kobe");
  });

  test("administrator (admin): organizations and users, no case content", async ({ page }) => {
    const home = await openHome(page, DEMO_ACCOUNTS.admin);
    await expect(home.getByRole("heading", { level: 1 })).toHaveText("システム管理ホーム");
    await expect(home.getByRole("link", { name: "ユーザー管理" })).toBeVisible();
    // The demo's twelve party bodies, 特許庁 (the national level) and the system organization.
    await expect(home.getByRole("link", { name: /組織\s*14/ })).toBeVisible();
    await expect(home).not.toContainText(ISHIKAWA_ONLY_CASE_TITLE);
    await saveScreenshot(page, "admin");
  });
});
