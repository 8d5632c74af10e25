import { readFile } from "node:fs/promises";
import type { Page } from "@playwright/test";
import { DEMO_ACCOUNTS } from "./support/accounts";
import { expect, signIn, test } from "./support/fixtures";

/**
 * A busy company's record of provision (提供記録, APPI) stays a bounded page (national-scale benchmark: one
 * company's 401 provisions made its case page 2.8 MB):
 *
 *   - jcci.kobe logs 52 referrals of 株式会社神戸ティーラボ to an outside body, through the referral form;
 *   - the company page shows the newest 10 and 「すべての提供記録（52件）」;
 *   - that page lists 50, then the other 2 after 「次のページ」 (the position in the URL), none twice, and
 *     downloads the whole record as CSV (with a BOM, for Japanese Excel) and .xlsx;
 *   - INPIT 兵庫 finds the company but took part in none of its provisions: an empty record; INPIT 石川 does
 *     not find the company at all: not found.
 */

const COMPANY = "株式会社神戸ティーラボ";
const PROVISIONS = 52;

test.describe.configure({ mode: "serial" });

test.describe("a busy company's record of provision", () => {
  let companyId = "";

  test("jcci.kobe logs 52 referrals; the company page shows the newest 10 and a link to all of them", async ({ page }) => {
    test.setTimeout(300_000);
    await signIn(page, DEMO_ACCOUNTS.jcciKobe.email);
    await page.goto(`/companies?q=${encodeURIComponent("神戸ティーラボ")}`);
    await page.getByTestId("company-table").getByRole("link", { name: COMPANY }).click();
    await expect(page).toHaveURL(/\/companies\/[0-9a-f-]{36}$/);
    companyId = page.url().split("/").pop()!;

    const section = page.getByTestId("consents-and-provisions");
    await section.getByRole("button", { name: "同意を記録" }).click();
    const dialog = page.getByRole("dialog");
    await dialog.getByRole("radio", { name: "書面" }).check();
    await dialog.getByRole("button", { name: "同意を記録する" }).click();
    await expect(dialog).toHaveCount(0);

    // A month ahead: no follow-up is due during the run.
    const followUp = new Date(Date.now() + 30 * 86_400_000).toLocaleDateString("sv-SE", { timeZone: "Asia/Tokyo" });
    for (let i = 1; i <= PROVISIONS; i += 1) await logReferral(page, companyId, `兵庫県よろず支援拠点 ${i}`, followUp);

    await page.goto(`/companies/${companyId}`);
    await expect(section.getByTestId("provision-row")).toHaveCount(10);
    await expect(section.getByText(`新しい10件を表示しています（全${PROVISIONS}件）。`)).toBeVisible();
    // The newest first: the last one logged heads the list.
    await expect(section.getByTestId("provision-row").first()).toContainText(`兵庫県よろず支援拠点 ${PROVISIONS}`);
    await expect(section.getByTestId("all-provisions")).toHaveText(`すべての提供記録（${PROVISIONS}件）`);
  });

  test("the whole record pages through 50 at a time and downloads as CSV and Excel", async ({ page }) => {
    await signIn(page, DEMO_ACCOUNTS.jcciKobe.email);
    await page.goto(`/companies/${companyId}`);
    await page.getByTestId("all-provisions").click();
    await expect(page).toHaveURL(new RegExp(`/companies/${companyId}/provisions$`));
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(`提供記録 — ${COMPANY}`);
    await expect(page.getByTestId("provisions-scope-note")).toContainText("あなたの機関が関わった提供");
    await expect(page.getByTestId("provisions-total")).toHaveText(`全${PROVISIONS}件`);

    const rows = page.getByTestId("provision-row");
    await expect(rows).toHaveCount(50);
    const firstPage = await rows.allInnerTexts();
    await page.getByRole("link", { name: "次のページ" }).click();
    await expect(page).toHaveURL(/\/provisions\?cursor=[A-Za-z0-9_-]+$/);
    await expect(rows).toHaveCount(PROVISIONS - 50);
    const secondPage = await rows.allInnerTexts();
    await expect(page.getByRole("link", { name: "次のページ" })).toHaveCount(0);
    // Nothing twice, nothing missing: every outside body 1..52 exactly once.
    const bodies = [...firstPage, ...secondPage].map((text) => /兵庫県よろず支援拠点 (\d+)/.exec(text)?.[1]);
    expect(bodies.map(Number).sort((a, b) => a - b)).toEqual(Array.from({ length: PROVISIONS }, (_, i) => i + 1));
    // The cursor is in the URL: reloading shows the same page.
    await page.reload();
    await expect(rows).toHaveCount(PROVISIONS - 50);
    await page.getByRole("link", { name: "最初のページへ" }).click();
    await expect(rows).toHaveCount(50);

    const downloading = page.waitForEvent("download");
    await page.getByRole("group", { name: "この一覧をダウンロード" }).getByRole("link", { name: "CSV" }).click();
    const download = await downloading;
    expect(download.suggestedFilename()).toMatch(/^(提供記録|provisions)-\d{8}-\d{4}\.csv$/);
    const bytes = await readFile((await download.path())!);
    expect([...bytes.subarray(0, 3)], "UTF-8 BOM").toEqual([0xef, 0xbb, 0xbf]);
    const lines = bytes.subarray(3).toString("utf8").split("\r\n").filter(Boolean);
    expect(lines[0]).toContain("提供日時,依頼番号,提供元の機関");
    expect(lines).toHaveLength(PROVISIONS + 1);
    expect(lines.filter((line) => line.includes("神戸商工会議所"))).toHaveLength(PROVISIONS);

    const xlsx = await page.request.get(`/companies/${companyId}/provisions/export?format=xlsx`);
    expect(xlsx.status()).toBe(200);
    expect(xlsx.headers()["content-type"]).toBe("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
  });

  test("INPIT 兵庫 finds the company but keeps no provision of it; INPIT 石川 does not find it at all", async ({ page, openSession, consoleErrors }) => {
    await signIn(page, "inpit.hyogo@example.jp");
    await page.goto(`/companies/${companyId}/provisions`);
    await expect(page.getByTestId("provisions-total")).toHaveText("全0件");
    await expect(page.getByTestId("provision-row")).toHaveCount(0);
    await expect(page.getByText("提供記録はありません。")).toBeVisible();
    await page.goto(`/companies/${companyId}`);
    await expect(page.getByTestId("all-provisions")).toHaveCount(0);

    consoleErrors.allow(/status of 404/);
    const ishikawa = await openSession();
    await signIn(ishikawa, DEMO_ACCOUNTS.inpitIshikawa.email);
    const denied = await ishikawa.goto(`/companies/${companyId}/provisions`);
    expect(denied?.status()).toBe(404);
    await expect(ishikawa.getByText(COMPANY)).toHaveCount(0);
    const file = await ishikawa.request.get(`/companies/${companyId}/provisions/export?format=csv`);
    expect(file.status()).toBe(404);
    expect(await file.text()).not.toContain(COMPANY);
  });
});

/** Logs a referral of the company to a body outside Renkei, through the referral form, on its first consent. */
async function logReferral(page: Page, companyId: string, recipient: string, followUp: string): Promise<void> {
  await page.goto(`/referrals/new?companyId=${companyId}`);
  await page.getByTestId("consent-choice").first().getByRole("radio").check();
  await page.getByRole("radio", { name: "Renkei外（記録のみ）" }).check();
  await page.getByLabel(/^依頼先（Renkei外）/).fill(recipient);
  await page.getByLabel(/^フォローアップ予定日/).fill(followUp);
  await page.getByLabel(/^依頼内容/).selectOption({ label: "補助金・資金調達" });
  await page.getByLabel(/^依頼の理由/).fill("販路開拓の補助金についてよろず支援拠点を紹介した。");
  await page.getByTestId("send-referral-submit").click();
  await expect(page).toHaveURL(/\/referrals\/[0-9a-f-]{36}$/);
}
