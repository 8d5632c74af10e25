import type { APIRequestContext } from "@playwright/test";
import { DEMO_ACCOUNTS } from "./support/accounts";
import { openCaseOnCompany } from "./support/cases";
import { expect, signIn, test } from "./support/fixtures";

/**
 * Double-submit protection does not wait for client JavaScript: every create and log form has its one-time key
 * in the HTML the server sends, and a request without a key is refused — in the JSON API with a 400 and a
 * Japanese message on the field. A form that does reach the server twice creates one record.
 */

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** The key in the server's HTML, before any script has run. */
async function renderedKeys(request: APIRequestContext, path: string): Promise<string[]> {
  const response = await request.get(path);
  expect(response.status()).toBe(200);
  const html = await response.text();
  return [...html.matchAll(/<input[^>]*name="idempotencyKey"[^>]*>/g)].map((m) => /value="([^"]*)"/.exec(m[0])?.[1] ?? "");
}

test("create and log forms carry a one-time key in the server's HTML, a new one on every render", async ({ page }) => {
  await signIn(page, DEMO_ACCOUNTS.inpitIshikawa.email);
  const caseUrl = await openCaseOnCompany(page, "株式会社金沢箔工芸", `E2E 送信キー ${Date.now().toString(36)}`);
  await page.goto(`/companies?q=${encodeURIComponent("金沢箔工芸")}`);
  const companyHref = await page.getByTestId("company-table").getByRole("link", { name: "株式会社金沢箔工芸" }).getAttribute("href");
  const companyId = companyHref!.split("/").pop()!;

  // The case page has two forms open on the page (the quick log, and the confidential notes of a member).
  for (const path of ["/companies/new", `/cases/new?companyId=${companyId}`, new URL(caseUrl).pathname, `/referrals/new?companyId=${companyId}`]) {
    const first = await renderedKeys(page.request, path);
    const second = await renderedKeys(page.request, path);
    expect(first.length, path).toBeGreaterThan(0);
    expect(second, path).toHaveLength(first.length);
    for (const key of [...first, ...second]) expect(key, path).toMatch(UUID);
    // Every form its own key, and every render new ones.
    expect(new Set([...first, ...second]).size, path).toBe(first.length * 2);
  }
});

test("a consent form submitted twice before the page could react records one consent", async ({ page }) => {
  await signIn(page, DEMO_ACCOUNTS.inpitIshikawa.email);
  await page.goto(`/companies?q=${encodeURIComponent("金沢箔工芸")}`);
  await page.getByTestId("company-table").getByRole("link", { name: "株式会社金沢箔工芸" }).click();
  const section = page.getByTestId("consents-and-provisions");
  const givenBy = `二重送信 ${Date.now().toString(36)}`;
  const recorded = section.getByTestId("consent-row").filter({ hasText: givenBy });

  await section.getByRole("button", { name: "同意を記録" }).click();
  const dialog = page.getByRole("dialog");
  await dialog.getByRole("radio", { name: "書面" }).check();
  await dialog.getByLabel(/^同意した人/).fill(givenBy);
  const submits: string[] = [];
  page.on("request", (request) => {
    if (request.method() === "POST" && request.headers()["next-action"]) submits.push(request.url());
  });
  // Two submits in the same moment, before React has re-rendered and disabled the button: both reach the server.
  await dialog.getByTestId("record-consent-form").evaluate((form: HTMLFormElement) => {
    form.requestSubmit();
    form.requestSubmit();
  });

  await expect(dialog).toHaveCount(0);
  await expect.poll(() => submits.length).toBe(2);
  await expect(recorded).toHaveCount(1);
  await page.reload();
  await expect(recorded).toHaveCount(1);
});

test("POST /api/v1/cases/{id}/activities refuses a request without a key, and logs a keyed one once however often it is sent", async ({ page }) => {
  await signIn(page, DEMO_ACCOUNTS.inpitIshikawa.email);
  const caseUrl = await openCaseOnCompany(page, "株式会社金沢箔工芸", `E2E API 送信キー ${Date.now().toString(36)}`);
  const caseId = new URL(caseUrl).pathname.split("/").pop()!;
  const summary = `API から記録 ${Date.now().toString(36)}`;
  const activity = { kind: "call", occurredAt: new Date().toISOString(), summary };

  const keyless = await page.request.post(`/api/v1/cases/${caseId}/activities`, { data: activity });
  expect(keyless.status()).toBe(400);
  expect(await keyless.json()).toMatchObject({
    error: {
      code: "invalid",
      fields: { idempotencyKey: [expect.stringContaining("送信キー（idempotencyKey）がありません。")] },
    },
  });

  const idempotencyKey = crypto.randomUUID();
  const first = await page.request.post(`/api/v1/cases/${caseId}/activities`, { data: { ...activity, idempotencyKey } });
  const retry = await page.request.post(`/api/v1/cases/${caseId}/activities`, { data: { ...activity, idempotencyKey } });
  expect(first.status()).toBe(200);
  expect(retry.status()).toBe(200);
  const [a, b] = [(await first.json()) as { data: { id: string; replayed: boolean } }, (await retry.json()) as { data: { id: string; replayed: boolean } }];
  expect(a.data.replayed).toBe(false);
  expect(b.data).toEqual({ ...a.data, replayed: true });

  await page.reload();
  await expect(page.getByTestId("activity-timeline").getByText(summary)).toHaveCount(1);
});
