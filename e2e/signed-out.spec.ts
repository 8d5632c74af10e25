import { expect, test } from "./support/fixtures";

test.describe("a signed-out visitor", () => {
  for (const path of ["/dashboard", "/cases/x"]) {
    test(`opening ${path} is sent to the sign-in page`, async ({ page }) => {
      await page.goto(path);

      await expect(page).toHaveURL(/\/sign-in(?:[?#]|$)/);
      await expect(page.getByRole("button", { name: "ログイン", exact: true })).toBeVisible();
    });
  }

  test("GET /api/v1/me answers 401 with a JSON body", async ({ request }) => {
    const response = await request.get("/api/v1/me", { maxRedirects: 0 });

    expect(response.status()).toBe(401);
    expect(response.headers()["content-type"]).toContain("application/json");
    const body = (await response.json()) as { error?: { code?: string } };
    expect(body.error?.code).toBe("unauthenticated");
    // Nothing about any user leaks to a visitor without a session.
    expect(JSON.stringify(body)).not.toContain("@example.jp");
  });

  test("GET /api/v1/cases/{id} answers 401, not 404, so signed-out callers learn nothing about ids", async ({ request }) => {
    const response = await request.get("/api/v1/cases/00000000-0000-4000-8000-000000000000", { maxRedirects: 0 });

    expect(response.status()).toBe(401);
    expect(response.headers()["content-type"]).toContain("application/json");
    expect(((await response.json()) as { error?: { code?: string } }).error?.code).toBe("unauthenticated");
  });
});
