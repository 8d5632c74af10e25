import type { Locator, Page } from "@playwright/test";
import { AxeBuilder } from "@axe-core/playwright";
import { expect } from "./fixtures";

/**
 * Keyboard and accessibility helpers shared by e2e/a11y.spec.ts and e2e/keyboard-journeys.spec.ts: axe's
 * serious and critical violations, and moving the focus with Tab as a keyboard user does — never by clicking.
 */

/** WCAG 2.x A and AA violations (axe-core) of impact serious or critical, one line each; [] when there is none. */
export async function seriousViolations(page: Page): Promise<string[]> {
  const { violations } = await new AxeBuilder({ page })
    .withTags(["wcag2a", "wcag2aa"])
    // Toasts come and go while the page is analysed; they are checked where they are the subject.
    .exclude("[data-sonner-toaster]")
    .analyze();
  return violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .map((v) => `${v.impact} ${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`);
}

export interface FocusedElement {
  tag: string;
  text: string;
  label: string | null;
  testId: string | null;
}

/** Presses Tab until the focused element matches, as a keyboard user would; fails after `max` presses. */
export async function tabTo(page: Page, matches: (el: FocusedElement) => boolean, max = 80): Promise<void> {
  for (let i = 0; i < max; i += 1) {
    await page.keyboard.press("Tab");
    const el = await page.evaluate(() => {
      const a = document.activeElement as HTMLElement | null;
      return a ? { tag: a.tagName, text: (a.textContent ?? "").trim(), label: a.getAttribute("aria-label"), testId: a.getAttribute("data-testid") } : null;
    });
    if (el && matches(el)) return;
  }
  throw new Error("the element was not reached with the Tab key");
}

/**
 * Presses Tab (Shift+Tab when `backwards`) until `target` has the focus, then checks that the focus can be
 * seen. Fails when the target is not reached in `max` presses: it is not in the tab order, or behind a trap.
 */
export async function tabToElement(page: Page, target: Locator, { max = 150, backwards = false } = {}): Promise<void> {
  await expect(target).toBeVisible();
  for (let i = 0; i < max; i += 1) {
    await page.keyboard.press(backwards ? "Shift+Tab" : "Tab");
    if (await target.evaluate((el) => el === document.activeElement)) {
      await expectVisibleFocus(page);
      return;
    }
  }
  throw new Error(`${target.toString()} was not reached with ${backwards ? "Shift+Tab" : "Tab"} in ${max} presses (focus is on ${await describeFocus(page)})`);
}

/** Starts the next Tab from the top of the document, as after a page load. */
export async function focusFromTop(page: Page): Promise<void> {
  await page.locator("body").evaluate((body) => {
    (document.activeElement as HTMLElement | null)?.blur();
    body.focus();
  });
}

/** Where the focus is, for messages: `BUTTON "完了" (aria-label …)` or `BODY`. */
export async function describeFocus(page: Page): Promise<string> {
  return page.evaluate(() => {
    const a = document.activeElement as HTMLElement | null;
    if (!a) return "nothing";
    const label = a.getAttribute("aria-label");
    const text = (a.textContent ?? "").trim().slice(0, 40);
    return `${a.tagName}${text ? ` "${text}"` : ""}${label ? ` (aria-label "${label}")` : ""}`;
  });
}

/**
 * The focused element shows that it has the focus (an outline or a ring), and the focus is on an element of
 * the page — not dropped on <body> as happens when the focused control is removed and nothing takes over.
 */
export async function expectVisibleFocus(page: Page): Promise<void> {
  const focus = await page.evaluate(() => {
    const el = document.activeElement as HTMLElement | null;
    if (!el || el === document.body || el === document.documentElement) return null;
    const style = getComputedStyle(el);
    const outline = style.outlineStyle !== "none" && parseFloat(style.outlineWidth) > 0;
    const ring = style.boxShadow !== "none";
    return { shown: outline || ring };
  });
  const where = await describeFocus(page);
  expect(focus, `the focus is on an element of the page, not ${where}`).not.toBeNull();
  expect(focus!.shown, `the focused ${where} shows a focus indicator`).toBe(true);
}

/** The focus is on `target` (or inside it) and can be seen. */
export async function expectFocusWithin(page: Page, target: Locator): Promise<void> {
  await expect
    .poll(async () => target.evaluate((el) => el.contains(document.activeElement)), { message: `the focus is within ${target.toString()}` })
    .toBe(true);
  await expectVisibleFocus(page);
}

/** Steps a focused native <select> with the arrow keys until the option `label` is selected. */
export async function arrowToOption(page: Page, select: Locator, label: string, max = 40): Promise<void> {
  await expect(select).toBeFocused();
  for (let i = 0; i < max && (await select.evaluate((el: HTMLSelectElement) => el.selectedOptions[0]?.text)) !== label; i += 1) {
    await page.keyboard.press("ArrowDown");
  }
  await expect(select.locator("option:checked")).toHaveText(label);
}

type DatePart = "year" | "month" | "day";
let dateFieldOrder: DatePart[] | undefined;

/**
 * The order in which this browser's date fields take their parts: its interface language decides it
 * (2026/05/12 in a Japanese Chromium, 05/12/2026 in an English one), not the page's. Found once, with the
 * keyboard, on a blank page of the same browser: "1", "2" and "3" typed into the parts one after the other.
 */
async function dateOrderOf(page: Page): Promise<DatePart[]> {
  if (dateFieldOrder) return dateFieldOrder;
  const probe = await page.context().newPage();
  try {
    await probe.setContent('<input type="date" aria-label="probe">');
    await probe.keyboard.press("Tab");
    for (const digit of ["1", "2", "3"]) {
      await probe.keyboard.type(digit);
      await probe.keyboard.press("ArrowRight");
    }
    const [year, month, day] = (await probe.getByLabel("probe").inputValue()).split("-").map(Number) as [number, number, number];
    const typed: Record<DatePart, number> = { year, month, day };
    dateFieldOrder = (["year", "month", "day"] as const).slice().sort((a, b) => typed[a] - typed[b]);
    return dateFieldOrder;
  } finally {
    await probe.close();
  }
}

/**
 * Types an ISO date ('YYYY-MM-DD') into the focused date field, part by part in the browser's order. A month
 * or a day of two digits moves on by itself; the year (up to six digits) moves on with →.
 */
export async function typeDate(page: Page, isoDate: string): Promise<void> {
  const [year, month, day] = isoDate.split("-") as [string, string, string];
  const parts: Record<DatePart, string> = { year, month, day };
  for (const part of await dateOrderOf(page)) {
    await page.keyboard.type(parts[part]);
    if (part === "year") await page.keyboard.press("ArrowRight");
  }
}
