import { expect, test } from "./support/fixtures";

test.describe("security headers", () => {
  test("a page response forbids framing, sniffing and full referrers", async ({ page }) => {
    const response = await page.goto("/sign-in");
    expect(response).not.toBeNull();
    const headers = response!.headers();

    const csp = headers["content-security-policy"] ?? "";
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).toContain("default-src 'self'");
    expect(headers["x-content-type-options"]).toBe("nosniff");
    expect(headers["referrer-policy"]).toBe("strict-origin-when-cross-origin");
    expect(headers["x-powered-by"]).toBeUndefined();
  });

  test("an API response carries the same headers", async ({ request }) => {
    const response = await request.get("/api/health");

    expect(response.headers()["content-security-policy"]).toContain("frame-ancestors 'none'");
    expect(response.headers()["x-content-type-options"]).toBe("nosniff");
  });
});
