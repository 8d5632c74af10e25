import type { Page } from "@playwright/test";
import { DEMO_ACCOUNTS } from "./support/accounts";
import { expect, signIn, test } from "./support/fixtures";

/**
 * The language switch in the header (components/app-shell/language-switch.tsx): Japanese by default; one click
 * shows the whole UI in English — navigation, headings, the document title, <html lang> — keeps the choice in
 * the NEXT_LOCALE cookie across reloads, and the same switch brings Japanese back.
 */

async function localeCookie(page: Page) {
  return (await page.context().cookies()).find((cookie) => cookie.name === "NEXT_LOCALE");
}

test("a user switches the UI to English from the header and back to Japanese", async ({ page }) => {
  await signIn(page, DEMO_ACCOUNTS.inpitIshikawa.email);
  await page.goto("/my-day");
  const header = page.locator("header");
  const nav = page.getByRole("navigation", { name: "メインナビゲーション" }).first();

  // Japanese by default.
  await expect(page.locator("html")).toHaveAttribute("lang", "ja");
  await expect(page.getByRole("heading", { level: 1, name: "今日のタスク" })).toBeVisible();
  await expect(page).toHaveTitle("今日のタスク | Renkei");
  await expect(nav.getByRole("link", { name: "案件" })).toBeVisible();
  expect(await localeCookie(page)).toBeUndefined();

  await header.getByRole("button", { name: "Switch to English" }).click();

  await expect(page.locator("html")).toHaveAttribute("lang", "en");
  await expect(page.getByRole("heading", { level: 1, name: "My day" })).toBeVisible();
  await expect(page).toHaveTitle("My day | Renkei");
  const englishNav = page.getByRole("navigation", { name: "Main navigation" }).first();
  await expect(englishNav.getByRole("link", { name: "Cases", exact: true })).toBeVisible();
  await expect(englishNav.getByRole("link", { name: "Companies", exact: true })).toBeVisible();
  await expect(page.getByTestId("next-actions-overdue").getByRole("heading", { name: /^Overdue/ })).toBeVisible();
  await expect(page).toHaveURL(/\/my-day$/);
  expect(await localeCookie(page)).toMatchObject({ value: "en", path: "/", httpOnly: true, sameSite: "Lax" });

  // A preference, not a page state: another page and a reload stay in English.
  await englishNav.getByRole("link", { name: "Cases", exact: true }).click();
  await expect(page).toHaveURL(/\/cases$/);
  await expect(page.getByRole("heading", { level: 1, name: "Cases" })).toBeVisible();
  await page.reload();
  await expect(page.locator("html")).toHaveAttribute("lang", "en");
  await expect(page.getByRole("heading", { level: 1, name: "Cases" })).toBeVisible();

  await header.getByRole("button", { name: "日本語に切り替え" }).click();

  await expect(page.locator("html")).toHaveAttribute("lang", "ja");
  await expect(page.getByRole("heading", { level: 1, name: "案件" })).toBeVisible();
  await expect(nav.getByRole("link", { name: "今日のタスク" })).toBeVisible();
  expect(await localeCookie(page)).toMatchObject({ value: "ja" });
  await page.goto("/my-day");
  await expect(page).toHaveTitle("今日のタスク | Renkei");
});
