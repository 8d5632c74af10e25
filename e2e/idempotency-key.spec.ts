import type { APIRequestContext } from "@playwright/test";
import { DEMO_ACCOUNTS } from "./support/accounts";
import { openCaseOnCompany } from "./support/cases";
import { expect, signIn, test } from "./support/fixtures";

/**
 * Double-submit protection does not wait for client JavaScript: every create and log form has its one-time key
 * in the HTML the server sends, and a request without a key is refused — in the JSON API with a 400 and a
 * Japanese message on the field.
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

  for (const path of ["/companies/new", `/cases/new?companyId=${companyId}`, new URL(caseUrl).pathname]) {
    const first = await renderedKeys(page.request, path);
    const second = await renderedKeys(page.request, path);
    expect(first, path).toHaveLength(1);
    expect(first[0], path).toMatch(UUID);
    expect(second[0], path).toMatch(UUID);
    expect(second[0], path).not.toBe(first[0]);
  }
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
