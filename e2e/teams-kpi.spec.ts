import { stableId } from "../db/seed/stable-id";
import { fiscalQuarterOf, fiscalYearLabel, fiscalYearOf, todayInJst } from "../lib/format/fiscal-year";
import { DEMO_ACCOUNTS } from "./support/accounts";
import { expect, signIn, test } from "./support/fixtures";

/**
 * Producer teams, KPIs and the meeting paper, as the demo seeds them: one producer team per model region for
 * the fiscal year of today and 石川's of the year before (db/seed/demo-plan.ts), KPI targets and a PDCA note of
 * the 中部 block for this quarter.
 */
const fiscalYear = fiscalYearOf(todayInJst());
const quarter = fiscalQuarterOf(todayInJst());
const teamId = (region: "aomori" | "ishikawa" | "kobe", year = fiscalYear) => stableId("demo", `team/${region}/${year}`);
const teamName = (year: number) => `石川県 プロデューサーチーム（${fiscalYearLabel(year, "ja")}）`;
const PDCA_FIELDS = ["Plan（計画）", "Do（実行）", "Check（評価）", "Act（改善）"] as const;

test.describe("the producer team dashboard", () => {
  test("producer.ishikawa opens the 石川県 team: members, stages, weekly activities, referrals and KPIs", async ({ page }) => {
    await signIn(page, DEMO_ACCOUNTS.producerIshikawa.email);
    await page.goto("/teams");
    await page.getByRole("link", { name: `石川県 プロデューサーチーム（${fiscalYearLabel(fiscalYear, "ja")}）` }).click();

    await expect(page).toHaveURL(new RegExp(`/teams/${teamId("ishikawa")}`));
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(`石川県 プロデューサーチーム（${fiscalYearLabel(fiscalYear, "ja")}）`);
    const members = page.getByTestId("team-members");
    await expect(members).toContainText("北村 誠");
    await expect(members).toContainText("松本 由美");
    await expect(members).toContainText("金沢商工会議所");

    // The funnel and the weekly bars each carry a table of the same numbers.
    const funnel = page.getByTestId("team-funnel");
    await funnel.getByText("表で見る").click();
    await expect(funnel.getByRole("table")).toContainText("伴走支援中");
    const weekly = page.getByTestId("team-weekly");
    await weekly.getByText("表で見る").click();
    await expect(weekly.getByRole("row")).not.toHaveCount(0);

    await expect(page.getByTestId("team-referrals")).toBeVisible();
    await expect(page.getByTestId("team-cases").getByRole("row")).not.toHaveCount(1);
    await expect(page.getByTestId("kpi-table")).toContainText("支援企業数");
  });

  test("switching the year opens that year's team, or this team's work of a year without one", async ({ page }) => {
    // 石川 runs FY2024–FY2026; the demo has its team of this year and of last year.
    test.skip(fiscalYear - 1 < 2024 || fiscalYear - 1 > 2026, "the 石川 model region did not run last year");
    await signIn(page, DEMO_ACCOUNTS.producerIshikawa.email);
    await page.goto(`/teams/${teamId("ishikawa")}`);
    const heading = page.getByRole("heading", { level: 1 });
    await expect(heading).toHaveText(teamName(fiscalYear));
    const funnelTotal = page.getByText(/^合計\d+件$/);
    const thisYearsTotal = await funnelTotal.innerText();
    expect(thisYearsTotal).not.toBe("合計0件");
    const showYear = async (year: number) => {
      await page.getByLabel("年度", { exact: true }).selectOption(String(year));
      await page.getByRole("button", { name: "表示" }).click();
    };

    // Last year had its own team: the page redirects to it.
    await showYear(fiscalYear - 1);
    await expect(page).toHaveURL(new RegExp(`/teams/${teamId("ishikawa", fiscalYear - 1)}\\?fy=${fiscalYear - 1}$`));
    await expect(heading).toHaveText(teamName(fiscalYear - 1));
    await expect(page.getByTestId("team-members")).toContainText("北村 誠");
    await expect(page.getByText(/このチームは.*のチームです/)).toHaveCount(0);
    // Its cases carried over to this year's team: last year's team has none of its own.
    await expect(funnelTotal).toHaveText("合計0件");

    // A year without a team of its own shows the same team's work of that year, and says so.
    if (fiscalYear - 2 >= 2024) {
      await showYear(fiscalYear - 2);
      await expect(page).toHaveURL(new RegExp(`/teams/${teamId("ishikawa", fiscalYear - 1)}\\?fy=${fiscalYear - 2}$`));
      await expect(heading).toHaveText(teamName(fiscalYear - 1));
      await expect(page.getByText(`このチームは${fiscalYearLabel(fiscalYear - 1, "ja")}のチームです。${fiscalYearLabel(fiscalYear - 2, "ja")}の活動を表示しています。`)).toBeVisible();
    }

    // And back: this year's team, with this year's numbers.
    await showYear(fiscalYear);
    await expect(page).toHaveURL(new RegExp(`/teams/${teamId("ishikawa")}\\?fy=${fiscalYear}$`));
    await expect(heading).toHaveText(teamName(fiscalYear));
    await expect(funnelTotal).toHaveText(thisYearsTotal);
  });

  test("another region's team does not exist for producer.ishikawa, page and API alike", async ({ page, consoleErrors }) => {
    consoleErrors.allow(/status of 404/);
    await signIn(page, DEMO_ACCOUNTS.producerIshikawa.email);
    const response = await page.goto(`/teams/${teamId("aomori")}`);
    expect(response?.status()).toBe(404);
    await expect(page.getByText("見つかりません").first()).toBeVisible();
    await expect(page.getByText("青森県 プロデューサーチーム")).toHaveCount(0);
    expect((await page.request.get(`/api/v1/teams/${teamId("aomori")}`)).status()).toBe(404);
  });
});

test.describe("KPIs of the 中部 block", () => {
  test("meti.chubu sets a target and sees its progress", async ({ page }) => {
    await signIn(page, DEMO_ACCOUNTS.metiChubu.email);
    await page.goto("/kpi");
    await expect(page.getByRole("heading", { level: 1 })).toContainText("中部ブロック");

    // The seeded targets are there; 連携依頼の受付数 has none yet.
    const row = page.locator('tr[data-metric="referrals_accepted"]');
    await expect(row.getByTestId("status-referrals_accepted")).toHaveText("目標未設定");
    const actual = Number((await page.getByTestId("actual-referrals_accepted").innerText()).replace(/[^\d.]/g, ""));

    await row.getByLabel("連携依頼の受付数の目標").fill("１，０００");
    await row.getByRole("button", { name: "保存" }).click();
    await expect(row.getByText("保存しました。")).toBeVisible();

    // The page data is refreshed: the target is saved and measured against the actual, which nobody typed in.
    await expect(row.getByTestId("status-referrals_accepted")).not.toHaveText("目標未設定");
    await expect(row.getByRole("img", { name: `目標に対する進捗 ${Math.round((actual / 1000) * 1000) / 10}%` })).toBeVisible();
    await page.reload();
    await expect(page.locator('tr[data-metric="referrals_accepted"]').getByLabel("連携依頼の受付数の目標")).toHaveValue("1000");

    // A value the metric cannot take is refused next to the field, and what was typed stays.
    const rate = page.locator('tr[data-metric="referral_completion_rate"]');
    await rate.getByLabel("連携依頼の完了率の目標").fill("120");
    await rate.getByRole("button", { name: "保存" }).click();
    await expect(rate.getByText("100以下の値を入力してください（%）。")).toBeVisible();
    await expect(rate.getByLabel("連携依頼の完了率の目標")).toHaveValue("120");
  });

  test("meti.chubu writes this quarter's PDCA note and finds the earlier one in the history", async ({ page }) => {
    await signIn(page, DEMO_ACCOUNTS.metiChubu.email);
    await page.goto("/kpi");
    const section = page.locator(`details[data-quarter="${quarter}"]`);
    await expect(section).toHaveAttribute("open", "");
    const badge = section.locator(":scope > summary");
    const before = Number((await badge.innerText()).match(/第(\d+)版/)?.[1] ?? 0);
    const form = section.getByTestId(`pdca-form-q${quarter}`);
    const earlierPlan = await form.getByLabel(PDCA_FIELDS[0]).inputValue();
    expect(earlierPlan, "the demo's note of this quarter").not.toBe("");

    const texts = ["白山市の企業3社を新たに訪問する", "能美市で出張相談会を開いた", "依頼の回答は全件5営業日以内", "相談会を毎月開く"];
    for (const [i, label] of PDCA_FIELDS.entries()) await form.getByLabel(label).fill(texts[i]!);
    await form.getByRole("button", { name: "新しい版として保存" }).click();

    // The new revision is the quarter's current text; the one before it moved into the history.
    await expect(badge).toContainText(`第${before + 1}版`);
    const current = section.locator("dl").first();
    for (const text of texts) await expect(current).toContainText(text);
    await expect(section).toContainText("伊藤 直樹");
    await page.reload();
    const history = page.locator(`details[data-quarter="${quarter}"] details`);
    await history.locator("summary").filter({ hasText: `これまでの版（${before}件）` }).click();
    await expect(history.locator("ol")).toContainText(earlierPlan);
    await expect(history.locator("ol")).toContainText(`第${before}版`);
  });

  test("another block's KPIs, and the national ones, do not exist for meti.chubu", async ({ page, consoleErrors }) => {
    consoleErrors.allow(/status of 404/);
    await signIn(page, DEMO_ACCOUNTS.metiChubu.email);
    const response = await page.goto("/kpi?scope=block&ref=kinki");
    expect(response?.status()).toBe(404);
    expect((await page.request.get("/api/v1/kpi?scope=block&ref=kinki")).status()).toBe(404);
    // The whole country is the national level's (特許庁), not a bureau's.
    expect((await page.goto("/kpi?scope=national"))?.status()).toBe(404);
    expect((await page.request.get("/api/v1/kpi?scope=national")).status()).toBe(404);
    expect((await page.goto("/reports/national/all"))?.status()).toBe(404);
  });

  test("the national level (jpo) opens the national KPIs and sets a national target", async ({ page }) => {
    await signIn(page, DEMO_ACCOUNTS.jpo.email);
    await page.goto("/kpi");
    await expect(page.getByRole("heading", { level: 1 })).toContainText("全国");
    await expect(page.getByLabel("支援企業数の目標")).toHaveValue("120");
    const row = page.locator('tr[data-metric="companies_discovered"]');
    await row.getByLabel("新規掘り起こし企業数の目標").fill("60");
    await row.getByRole("button", { name: "保存" }).click();
    await expect(row.getByText("保存しました。")).toBeVisible();
    await expect(row.getByTestId("status-companies_discovered")).not.toHaveText("目標未設定");
    // The national tile map shades all 47 prefectures.
    await expect(page.getByTestId("prefecture-tile-map").locator("a[data-prefecture]")).toHaveCount(47);
  });

  test("the .xlsx download is an Excel file", async ({ page }) => {
    await signIn(page, DEMO_ACCOUNTS.metiChubu.email);
    const response = await page.request.get(`/api/v1/reports/kpi?fy=${fiscalYear}&scope=block&ref=chubu`);
    expect(response.status()).toBe(200);
    expect(response.headers()["content-type"]).toBe("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
    // An .xlsx is a ZIP archive.
    expect((await response.body()).subarray(0, 2).toString("latin1")).toBe("PK");
  });
});

test.describe("the meeting paper", () => {
  test("the print view of the 中部 block renders on one A4 page without the navigation, even with the longest notes", async ({ page }) => {
    await signIn(page, DEMO_ACCOUNTS.metiChubu.email);
    await page.goto("/kpi");

    // The longest note the form takes: 4,000 characters in each of the four fields.
    const longText = (label: string) => `${label}：${"連携会議で共有する振り返りと次の打ち手。".repeat(200)}`.slice(0, 4000);
    const section = page.locator(`details[data-quarter="${quarter}"]`);
    const form = section.getByTestId(`pdca-form-q${quarter}`);
    const badge = section.locator(":scope > summary");
    const before = Number((await badge.innerText()).match(/第(\d+)版/)?.[1] ?? 0);
    for (const label of PDCA_FIELDS) await form.getByLabel(label).fill(longText(label));
    await form.getByRole("button", { name: "新しい版として保存" }).click();
    await expect(badge).toContainText(`第${before + 1}版`);

    await page.getByRole("link", { name: "連携会議用の印刷版" }).click();
    await expect(page).toHaveURL(/\/reports\/block\/chubu/);

    const report = page.getByTestId("report-page");
    await expect(report.getByRole("heading", { level: 1 })).toHaveText("中部ブロック KPI進捗サマリー");
    await expect(report.getByTestId("kpi-table")).toContainText("支援企業数");
    await expect(report).toContainText(`PDCA（第${quarter}四半期・第${before + 1}版）`);
    await expect(page.getByRole("button", { name: "印刷・PDFに保存" })).toBeVisible();

    // Each long field is cut to its share of the page and says where the rest is.
    const markers = report.getByTestId("pdca-truncated");
    await expect(markers).toHaveCount(4);
    await expect(markers.first()).toHaveText("…全文は画面で");
    await expect(markers.first()).toHaveAttribute("href", /\/kpi\?.*scope=block.*#pdca-title$/);
    const plan = report.locator('[data-pdca-field="plan"] dd');
    await expect(plan).toContainText("Plan（計画）：連携会議で共有する振り返り");
    expect((await plan.innerText()).length).toBeLessThan(300);

    await page.emulateMedia({ media: "print" });
    await expect(page.getByRole("button", { name: "印刷・PDFに保存" })).toBeHidden();
    await expect(page.getByRole("link", { name: "KPI・PDCAに戻る" })).toBeHidden();
    await expect(report).toBeVisible();
    await expect(markers.first()).toBeVisible();
    // Chromium's "Save as PDF": one page.
    const pdf = await page.pdf({ format: "A4", printBackground: true, preferCSSPageSize: true });
    expect(pdf.toString("latin1").match(/\/Type\s*\/Page[^s]/g)).toHaveLength(1);
  });
});
