import { stableId } from "../db/seed/stable-id";
import { fiscalYearLabel, fiscalYearOf, todayInJst } from "../lib/format/fiscal-year";
import { DEMO_ACCOUNTS } from "./support/accounts";
import { expect, signIn, test } from "./support/fixtures";

/**
 * Producer teams, KPIs and the meeting paper, as the demo seeds them: one producer team per model region for
 * the fiscal year of today (db/seed/demo-plan.ts), KPI targets and a PDCA note of the 中部 block.
 */
const fiscalYear = fiscalYearOf(todayInJst());
const teamId = (region: "aomori" | "ishikawa" | "kobe") => stableId("demo", `team/${region}/${fiscalYear}`);

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

  test("another block's KPIs do not exist for meti.chubu", async ({ page, consoleErrors }) => {
    consoleErrors.allow(/status of 404/);
    await signIn(page, DEMO_ACCOUNTS.metiChubu.email);
    const response = await page.goto("/kpi?scope=block&ref=kinki");
    expect(response?.status()).toBe(404);
    expect((await page.request.get("/api/v1/kpi?scope=block&ref=kinki")).status()).toBe(404);
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
  test("the print view of the 中部 block renders on one A4 page without the navigation", async ({ page }) => {
    await signIn(page, DEMO_ACCOUNTS.metiChubu.email);
    await page.goto("/kpi");
    await page.getByRole("link", { name: "連携会議用の印刷版" }).click();
    await expect(page).toHaveURL(/\/reports\/block\/chubu/);

    const report = page.getByTestId("report-page");
    await expect(report.getByRole("heading", { level: 1 })).toHaveText("中部ブロック KPI進捗サマリー");
    await expect(report.getByTestId("kpi-table")).toContainText("支援企業数");
    await expect(report).toContainText("PDCA（第");
    await expect(page.getByRole("button", { name: "印刷・PDFに保存" })).toBeVisible();

    await page.emulateMedia({ media: "print" });
    await expect(page.getByRole("button", { name: "印刷・PDFに保存" })).toBeHidden();
    await expect(page.getByRole("link", { name: "KPI・PDCAに戻る" })).toBeHidden();
    await expect(report).toBeVisible();
    // Chromium's "Save as PDF": one page.
    const pdf = await page.pdf({ format: "A4", printBackground: true, preferCSSPageSize: true });
    expect(pdf.toString("latin1").match(/\/Type\s*\/Page[^s]/g)).toHaveLength(1);
  });
});
