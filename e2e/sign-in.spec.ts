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
