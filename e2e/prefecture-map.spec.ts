import { ISHIKAWA_ONLY_CASE_TITLE } from "../db/seed/data/cases";
import { DEMO_ACCOUNTS } from "./support/accounts";
import { expect, signIn, test } from "./support/fixtures";

/**
 * The 経産局 home's tile map of Japan: a bureau's block shaded (the other prefectures out of scope, still 47
 * tiles), each shaded tile a link to that prefecture's cases — the ones the user may open, and for 経産局 the
 * block's cases of the prefecture as counts.
 */
const STAGES = ["discovery", "assessment", "planning", "accompanying", "outcome_review", "closed", "paused"] as const;

test.describe("the prefecture tile map", () => {
  test("meti.chubu clicks 石川県 and lands on its cases, with the block's counts for it", async ({ page }) => {
    await signIn(page, DEMO_ACCOUNTS.metiChubu.email);
    const home = page.getByTestId("home-meti");
    const map = home.getByTestId("prefecture-tile-map");

    // 47 tiles: the five prefectures of 中部 are links, the other 42 are drawn out of scope.
    await expect(map.locator("a[data-prefecture]")).toHaveCount(5);
    await expect(map.locator('span[role="img"]')).toHaveCount(42);
    await expect(map.getByRole("img", { name: "青森県：対象外" })).toBeVisible();

    // What the home says about 石川県, stage by stage: the numbers the list page must repeat.
    const row = home.getByTestId("table-prefecture-stage").getByRole("row").filter({ has: page.getByRole("rowheader", { name: "石川県", exact: true }) });
    const cells = (await row.locator("td").allInnerTexts()).map((text) => Number(text.trim()));
    expect(cells).toHaveLength(STAGES.length + 1);
    const total = cells[STAGES.length]!;
    expect(total).toBeGreaterThan(0);

    await map.locator('a[data-prefecture="17"]').click();
    await expect(page).toHaveURL(/\/cases\?prefecture=17$/);
    await expect(page.getByLabel("都道府県")).toHaveValue("17");

    const card = page.getByTestId("prefecture-case-counts");
    await expect(card).toContainText("石川県の案件数（中部ブロック）");
    await expect(card.getByTestId("prefecture-case-total")).toHaveText(`合計 ${total}件`);
    for (const [i, stage] of STAGES.entries()) {
      await expect(card.locator(`[data-stage="${stage}"] dd`)).toHaveText(String(cells[i]));
    }
    // Counts, not cases: the list holds only the cases the bureau may open (those it owns), fewer than all.
    await expect(card.getByRole("link")).toHaveCount(0);
    const listed = page.getByRole("table").locator("tbody tr");
    await expect(listed.first()).toBeVisible();
    expect(await listed.count()).toBeLessThan(total);
    await expect(page.getByRole("table")).not.toContainText(ISHIKAWA_ONLY_CASE_TITLE);

    // The filter stays in the URL with the others, and the exports carry it.
    await page.getByLabel("支援テーマ").selectOption({ label: "特許" });
    await expect(page).toHaveURL(/prefecture=17/);
    await expect(page).toHaveURL(/theme=patent/);
    await expect(page.getByRole("link", { name: /CSV/ })).toHaveAttribute("href", /prefecture=17/);
  });

  test("producer.ishikawa sees the 石川 cases they may open under the same link; another block's prefecture has no numbers", async ({ page }) => {
    await signIn(page, DEMO_ACCOUNTS.producerIshikawa.email);
    await page.getByTestId("prefecture-tile-map").locator('a[data-prefecture="17"]').click();
    await expect(page).toHaveURL(/\/cases\?prefecture=17$/);
    await expect(page.getByRole("table")).toContainText("石川県");
    await expect(page.getByRole("table")).not.toContainText("青森県");

    // Typed by hand: a prefecture outside the block gives no counts, and an impossible code is ignored.
    await page.goto("/cases?prefecture=2");
    await expect(page.getByTestId("prefecture-case-counts")).toContainText("青森県は中部ブロックの外のため、件数は表示されません。");
    await expect(page.getByTestId("prefecture-case-counts").locator("[data-stage]")).toHaveCount(0);
    await page.goto("/cases?prefecture=99");
    await expect(page.getByTestId("prefecture-case-counts")).toHaveCount(0);
    await expect(page.getByLabel("都道府県")).toHaveValue("");
  });

  test("a desk filters by prefecture too, without the 経産局 counts card", async ({ page }) => {
    await signIn(page, DEMO_ACCOUNTS.inpitIshikawa.email);
    await page.goto("/cases");
    await page.getByLabel("都道府県").selectOption({ label: "石川県" });
    await expect(page).toHaveURL(/prefecture=17/);
    await expect(page.getByRole("table")).toContainText("石川県");
    await expect(page.getByTestId("prefecture-case-counts")).toHaveCount(0);
  });
});
