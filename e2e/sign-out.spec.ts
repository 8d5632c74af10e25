import { DEMO_ACCOUNTS } from "./support/accounts";
import { expect, signIn, test } from "./support/fixtures";

test.describe("signing out", () => {
  test("returns to the sign-in page, and the dashboard then asks for sign-in again", async ({ page }) => {
    await signIn(page, DEMO_ACCOUNTS.jcciKanazawa.email);
    await expect(page.getByTestId(DEMO_ACCOUNTS.jcciKanazawa.home)).toBeVisible();

    await page.getByRole("button", { name: /^ユーザーメニュー/ }).click();
    await page.getByRole("menuitem", { name: "ログアウト" }).click();

    await expect(page).toHaveURL(/\/sign-in(?:[?#]|$)/);
    await page.goto("/dashboard");
    await expect(page).toHaveURL(/\/sign-in(?:[?#]|$)/);
    expect((await page.request.get("/api/v1/me")).status()).toBe(401);
  });
});
