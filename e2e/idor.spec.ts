import type { APIRequestContext, Page } from "@playwright/test";
import { ISHIKAWA_ONLY_CASE_TITLE } from "../db/seed/data/cases";
import { DEMO_ACCOUNTS } from "./support/accounts";
import { expect, signIn, test } from "./support/fixtures";

/**
 * Ids of another organization's records typed into the address bar: each page is the not-found page with a
 * 404 status, shows nothing of the record, and the API answers 404 too — never "forbidden", which would
 * confirm that the id exists. The owners read the ids from the API first, as anyone could learn an id
 * (from a shared link, a screenshot, an export).
 */

interface Item {
  id: string;
  title?: string;
  name?: string;
  code?: string;
  company?: { name: string };
  toOrg?: { name: string } | null;
}

async function listAll(request: APIRequestContext, path: string): Promise<Item[]> {
  const all: Item[] = [];
  let cursor: string | null = null;
  do {
    const response = await request.get(path, { params: { limit: 200, ...(cursor ? { cursor } : {}) } });
    expect(response.status(), path).toBe(200);
    const page = (await response.json()) as { items: Item[]; nextCursor: string | null };
    all.push(...page.items);
    cursor = page.nextCursor;
  } while (cursor);
  return all;
}

async function expectNotFound(page: Page, path: string, secrets: string[]) {
  const response = await page.goto(path);
  expect(response?.status(), path).toBe(404);
  await expect(page.getByText("見つかりません").first()).toBeVisible();
  for (const secret of secrets) await expect(page.getByText(secret)).toHaveCount(0);
  const api = await page.request.get(`/api/v1${path}`);
  expect(api.status(), `/api/v1${path}`).toBe(404);
  const body = await api.text();
  for (const secret of secrets) expect(body).not.toContain(secret);
}

test.describe("another organization's ids", () => {
  test("are not found for other parties' accounts: a case, a company, a referral", async ({ page, openSession, consoleErrors }) => {
    consoleErrors.allow(/status of 404/);

    // The owners: inpit.ishikawa's Ishikawa-only case and its referral to 弁理士会 北陸会; inpit.aomori's companies.
    await signIn(page, DEMO_ACCOUNTS.inpitIshikawa.email);
    const ishikawaCase = (await listAll(page.request, "/api/v1/cases")).find((c) => c.title === ISHIKAWA_ONLY_CASE_TITLE)!;
    expect(ishikawaCase).toBeDefined();
    const toJpaa = (await listAll(page.request, "/api/v1/referrals?box=outbox")).find((r) => r.toOrg?.name === "日本弁理士会 北陸会")!;
    expect(toJpaa).toBeDefined();

    const aomori = await openSession();
    await signIn(aomori, DEMO_ACCOUNTS.inpitAomori.email);
    const aomoriCompany = (await listAll(aomori.request, "/api/v1/companies?prefecture=2"))[0]!;
    expect(aomoriCompany).toBeDefined();

    // 金沢商工会議所: same prefecture as the case and the referral, yet neither is theirs.
    const chamber = await openSession();
    await signIn(chamber, DEMO_ACCOUNTS.jcciKanazawa.email);
    await expectNotFound(chamber, `/cases/${ishikawaCase.id}`, [ISHIKAWA_ONLY_CASE_TITLE]);
    await expectNotFound(chamber, `/referrals/${toJpaa.id}`, [toJpaa.code!]);
    await expectNotFound(chamber, `/companies/${aomoriCompany.id}`, [aomoriCompany.name!]);

    // INPIT 青森: another block's case and referral.
    await expectNotFound(aomori, `/cases/${ishikawaCase.id}`, [ISHIKAWA_ONLY_CASE_TITLE]);
    await expectNotFound(aomori, `/referrals/${toJpaa.id}`, [toJpaa.code!]);

    // 弁理士会 北陸会 is the receiver of that referral, but not a member of the case it came from.
    const attorney = await openSession();
    await signIn(attorney, DEMO_ACCOUNTS.jpaaHokuriku.email);
    await expectNotFound(attorney, `/cases/${ishikawaCase.id}`, [ISHIKAWA_ONLY_CASE_TITLE]);
    await expectNotFound(attorney, `/companies/${aomoriCompany.id}`, [aomoriCompany.name!]);

    // The administrator reads no case content at all.
    const admin = await openSession();
    await signIn(admin, DEMO_ACCOUNTS.admin.email);
    await expectNotFound(admin, `/cases/${ishikawaCase.id}`, [ISHIKAWA_ONLY_CASE_TITLE]);
    await expectNotFound(admin, `/companies/${aomoriCompany.id}`, [aomoriCompany.name!]);
    await expectNotFound(admin, `/referrals/${toJpaa.id}`, [toJpaa.code!]);

    // The owner still opens all of it.
    expect((await page.goto(`/cases/${ishikawaCase.id}`))?.status()).toBe(200);
    expect((await page.goto(`/referrals/${toJpaa.id}`))?.status()).toBe(200);
  });

  test("the audit view and the admin screens do not exist for a coordinator", async ({ page, consoleErrors }) => {
    consoleErrors.allow(/status of 404/);
    await signIn(page, DEMO_ACCOUNTS.inpitIshikawa.email);
    for (const path of ["/audit", "/admin/users", "/admin/organizations"]) {
      expect((await page.goto(path))?.status(), path).toBe(404);
    }
    expect((await page.request.get("/audit/export?format=csv")).status()).toBe(404);
  });
});
