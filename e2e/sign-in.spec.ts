import { DEMO_ACCOUNTS } from "./support/accounts";
import { expect, signIn, signInError, submitSignIn, test } from "./support/fixtures";

test.describe("signing in through the form", () => {
  for (const account of Object.values(DEMO_ACCOUNTS)) {
    test(`${account.email} (${account.label}) lands on the dashboard with the ${account.home} home`, async ({ page }) => {
      await signIn(page, account.email);

      await expect(page.getByTestId(account.home)).toBeVisible();
      // Exactly one party home: the dashboard is shaped by the user's party, never a mix.
      await expect(page.locator('[data-testid^="home-"]')).toHaveCount(1);
    });
  }

  test("jpo@example.jp, the national level (特許庁), lands on the METI home for the whole country", async ({ page }) => {
    await signIn(page, DEMO_ACCOUNTS.jpo.email);

    const home = page.getByTestId("home-meti");
    await expect(home.getByText("全国の状況")).toBeVisible();
    // Every prefecture is in scope: 47 shaded tiles, each a link, none drawn out of scope.
    const map = home.getByTestId("prefecture-tile-map");
    await expect(map.locator("a[data-prefecture]")).toHaveCount(47);
    await expect(map.locator('span[role="img"]')).toHaveCount(0);
    const byStage = home.getByTestId("table-prefecture-stage");
    await expect(byStage.getByRole("rowheader", { name: "青森県" })).toBeVisible();
    await expect(byStage.getByRole("rowheader", { name: "沖縄県" })).toBeVisible();
  });

  test("a wrong password is refused with an error and the visitor stays on the sign-in page", async ({ page }) => {
    await submitSignIn(page, DEMO_ACCOUNTS.inpitIshikawa.email, "not-the-password");

    await expect(signInError(page)).toContainText("メールアドレスまたはパスワードが正しくありません");
    await expect(page).toHaveURL(/\/sign-in(?:[?#]|$)/);
    await expect(page.getByLabel("メールアドレス", { exact: true })).toBeVisible();

    // The refusal did not start a session behind the visitor's back.
    await page.goto("/dashboard");
    await expect(page).toHaveURL(/\/sign-in(?:[?#]|$)/);
  });

  test("an unknown e-mail address is refused with the same message as a wrong password", async ({ page }) => {
    await submitSignIn(page, "nobody@example.jp", "renkei-demo");

    await expect(signInError(page)).toContainText("メールアドレスまたはパスワードが正しくありません");
    await expect(page).toHaveURL(/\/sign-in(?:[?#]|$)/);
  });
});
