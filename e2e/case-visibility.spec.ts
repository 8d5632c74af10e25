import type { APIRequestContext } from "@playwright/test";
import { ISHIKAWA_ONLY_CASE_TITLE } from "../db/seed/data/cases";
import { DEMO_ACCOUNTS } from "./support/accounts";
import { expect, signIn, test } from "./support/fixtures";

/**
 * A case of the INPIT desk in 石川県 does not exist for the INPIT desk in 青森県: its page is the not-found page
 * with a 404 status and the API answers 404 — never "forbidden", which would confirm that the id exists.
 * The demo seed keeps one such case on purpose, "the Ishikawa-only case" (db/seed/data/cases.ts).
 */

/** The fields of GET /api/v1/cases items this journey relies on (lib/cases/queries.ts CaseListItem). */
interface CaseListItem {
  id: string;
  code: string;
  title: string;
  company: { name: string; prefectureName: string };
  ownerOrg: { name: string };
}

/** Every case the signed-in user may open, following the keyset pages to the end. */
async function listAllCases(request: APIRequestContext): Promise<CaseListItem[]> {
  const all: CaseListItem[] = [];
  let cursor: string | null = null;
  do {
    const response = await request.get("/api/v1/cases", { params: { limit: 200, ...(cursor ? { cursor } : {}) } });
    expect(response.status()).toBe(200);
    const page = (await response.json()) as { items: CaseListItem[]; nextCursor: string | null };
    all.push(...page.items);
    cursor = page.nextCursor;
  } while (cursor);
  return all;
}

test.describe("a case of another prefecture's desk", () => {
  test("is not found for inpit.aomori, page and API alike, while inpit.ishikawa opens it", async ({
    page,
    openSession,
    consoleErrors,
  }) => {
    // Chromium reports the 404 document and the 404 fetch as failed resource loads; those are the point here.
    consoleErrors.allow(/status of 404/);

    await signIn(page, DEMO_ACCOUNTS.inpitIshikawa.email);
    const ishikawaCases = await listAllCases(page.request);

    const aomori = await openSession();
    await signIn(aomori, DEMO_ACCOUNTS.inpitAomori.email);
    const aomoriCaseIds = new Set((await listAllCases(aomori.request)).map((c) => c.id));

    const ishikawaOnly = ishikawaCases.find((c) => c.title === ISHIKAWA_ONLY_CASE_TITLE);
    expect(ishikawaOnly, "inpit.ishikawa lists the Ishikawa-only case").toBeDefined();
    const { id, title, code, company } = ishikawaOnly!;
    expect(company.prefectureName).toBe("石川県");
    expect(aomoriCaseIds.has(id), "inpit.aomori does not list it").toBe(false);

    // inpit.ishikawa: the case is there, page and API.
    const ownPage = await page.goto(`/cases/${id}`);
    expect(ownPage?.status()).toBe(200);
    await expect(page.getByText(title).first()).toBeVisible();
    await expect(page.getByText("見つかりません")).toHaveCount(0);
    const ownApi = await page.request.get(`/api/v1/cases/${id}`);
    expect(ownApi.status()).toBe(200);
    expect(((await ownApi.json()) as { id: string }).id).toBe(id);

    // inpit.aomori: the same id does not exist.
    const deniedPage = await aomori.goto(`/cases/${id}`);
    expect(deniedPage?.status()).toBe(404);
    await expect(aomori.getByText("見つかりません").first()).toBeVisible();
    await expect(aomori.getByText(title)).toHaveCount(0);
    await expect(aomori.getByText(code)).toHaveCount(0);

    const deniedApi = await aomori.request.get(`/api/v1/cases/${id}`);
    expect(deniedApi.status()).toBe(404);
    expect(deniedApi.headers()["content-type"]).toContain("application/json");
    const body = (await deniedApi.json()) as { error?: { code?: string } };
    expect(body.error?.code).toBe("not_found");
    expect(JSON.stringify(body)).not.toContain(title);
  });

  test("an id that exists nowhere gets the same answer as a hidden one", async ({ page, consoleErrors }) => {
    consoleErrors.allow(/status of 404/);
    await signIn(page, DEMO_ACCOUNTS.inpitAomori.email);

    const missing = "00000000-0000-4000-8000-000000000000";
    const response = await page.goto(`/cases/${missing}`);
    expect(response?.status()).toBe(404);
    await expect(page.getByText("見つかりません").first()).toBeVisible();
    const api = await page.request.get(`/api/v1/cases/${missing}`);
    expect(api.status()).toBe(404);
    expect(((await api.json()) as { error?: { code?: string } }).error?.code).toBe("not_found");
  });
});
