import { LOCKOUT_ACCOUNT } from "./support/accounts";
import { expect, signInError, submitSignIn, test } from "./support/fixtures";

/**
 * Five wrong passwords in a row lock an account for 15 minutes (lib/auth/verify-credentials.ts); while locked,
 * even the right password is refused. Uses an account of its own (scripts/e2e-server.ts creates it) so that no
 * demo account is ever locked by a test run.
 */
const INVALID_CREDENTIALS = "メールアドレスまたはパスワードが正しくありません";
const LOCKED = "アカウントを15分間ロックしました";

test.describe("account lockout", () => {
  test("after five wrong passwords the right one is refused with the lockout message", async ({ page }) => {
    for (let attempt = 1; attempt <= 4; attempt += 1) {
      await submitSignIn(page, LOCKOUT_ACCOUNT.email, `wrong-password-${attempt}`);
      await expect(signInError(page)).toContainText(INVALID_CREDENTIALS);
    }
    // The fifth failure is the one that locks.
    await submitSignIn(page, LOCKOUT_ACCOUNT.email, "wrong-password-5");
    await expect(signInError(page)).toContainText(LOCKED);

    await submitSignIn(page, LOCKOUT_ACCOUNT.email, LOCKOUT_ACCOUNT.password);

    await expect(signInError(page)).toContainText(LOCKED);
    await expect(page).toHaveURL(/\/sign-in(?:[?#]|$)/);
    await page.goto("/dashboard");
    await expect(page).toHaveURL(/\/sign-in(?:[?#]|$)/);
  });
});
