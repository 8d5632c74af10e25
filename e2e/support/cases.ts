import type { Page } from "@playwright/test";
import { expect } from "./fixtures";

/**
 * Opens a new case on a demo company through the UI, as the signed-in user, and returns its URL. Journeys that
 * change a case work on one of their own, so that no other spec's demo case moves under it.
 */
export async function openCaseOnCompany(page: Page, companyName: string, title: string): Promise<string> {
  await page.goto(`/companies?q=${encodeURIComponent(companyName)}`);
  await page.getByTestId("company-table").getByRole("link", { name: companyName }).click();
  await expect(page.getByRole("heading", { level: 1, name: companyName })).toBeVisible();
  await page.getByRole("link", { name: "案件を開始" }).click();
  await page.getByLabel("案件名").fill(title);
  await page.getByRole("button", { name: "案件を開始する" }).click();
  await expect(page).toHaveURL(/\/cases\/[0-9a-f-]{36}$/);
  await expect(page.getByRole("heading", { level: 1, name: title })).toBeVisible();
  return page.url();
}

/** Today's date in Japan plus `days`, as 'YYYY-MM-DD', whatever the machine's zone. */
export function dayInJapan(days = 0): string {
  const today = new Intl.DateTimeFormat("en-CA", { timeZone: "Asia/Tokyo", year: "numeric", month: "2-digit", day: "2-digit" }).format(new Date());
  const [year, month, day] = today.split("-").map(Number) as [number, number, number];
  return new Date(Date.UTC(year, month - 1, day + days)).toISOString().slice(0, 10);
}
