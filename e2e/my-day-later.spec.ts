import { DEMO_ACCOUNTS } from "./support/accounts";
import { dayInJapan, openCaseOnCompany } from "./support/cases";
import { expect, signIn, test } from "./support/fixtures";

/**
 * 今日のタスク looks 14 days ahead under 今後; a next action due later is not dropped but listed under
 * それ以降, where it can be completed in one click like any other.
 */
test("a next action due beyond the 14-day window is reachable on My day under それ以降, and completed there", async ({ page }) => {
  const stamp = Date.now().toString(36);
  const soon = `E2E 来週の確認 ${stamp}`;
  const later = `E2E 一か月後の出願期限確認 ${stamp}`;
  await signIn(page, DEMO_ACCOUNTS.inpitIshikawa.email);
  await openCaseOnCompany(page, "株式会社金沢箔工芸", `E2E 先の予定 ${stamp}`);

  const log = page.getByTestId("quick-log-form");
  for (const [title, days] of [
    [soon, 7],
    [later, 30],
  ] as const) {
    await log.getByLabel("内容").fill(`${title} のための面談`);
    await log.getByLabel("やること").fill(title);
    await log.getByLabel("期限").fill(dayInJapan(days));
    await log.getByRole("button", { name: "記録する" }).click();
    await expect(page.getByTestId("next-action").filter({ hasText: title })).toBeVisible();
    await expect(log.getByLabel("やること")).toHaveValue("");
  }

  await page.goto("/my-day");
  await expect(page.getByText(/日より先のものは「それ以降」にあります。/)).toBeVisible();
  const upcoming = page.getByTestId("next-actions-upcoming");
  const laterGroup = page.getByTestId("next-actions-later");
  await expect(laterGroup.getByRole("heading", { name: /それ以降（14日より先）/ })).toBeVisible();
  await expect(upcoming.getByTestId("next-action").filter({ hasText: soon })).toBeVisible();
  await expect(upcoming.getByTestId("next-action").filter({ hasText: later })).toHaveCount(0);
  const row = laterGroup.getByTestId("next-action").filter({ hasText: later });
  await expect(row).toBeVisible();

  await row.getByRole("button", { name: `「${later}」を完了にする` }).click();
  await expect(page.getByText(`「${later}」を完了にしました。`)).toBeVisible();
  await expect(row).toHaveCount(0);
  await page.reload();
  await expect(page.getByTestId("next-action").filter({ hasText: later })).toHaveCount(0);
  await expect(page.getByTestId("next-actions-upcoming").getByTestId("next-action").filter({ hasText: soon })).toBeVisible();
});
