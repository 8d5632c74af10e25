import type { Page } from "@playwright/test";
import { AxeBuilder } from "@axe-core/playwright";
import { DEMO_ACCOUNTS } from "./support/accounts";
import { expect, signIn, test } from "./support/fixtures";

/**
 * The referral screens beyond the closed loop (issue #4), through the UI:
 *
 *   - a referral sent from a case page names that case;
 *   - the receiving desk, with its home open in another browser, sees its inbox badge and its bell go up when it
 *     comes back to the tab — no reload, no navigation — and an answer given from the home's dialog moves the
 *     badge at once, not at the next poll;
 *   - a company's consent is withdrawn through the confirm dialog of the consent list;
 *   - a referral to a body outside Renkei is logged with its follow-up date, listed in the outbox with it, and
 *     the bell reminds the sender when the date has come.
 *
 * The demo seed (db/seed) provides the accounts, the cases and the referrals awaiting 北陸会's answer.
 */

/** A case of INPIT 石川 (株式会社加賀繊維工業), already referred once to 北陸会 and completed. */
const CASE_TITLE = "高機能繊維の用途特許とブランド戦略";

test.describe.configure({ mode: "serial" });

test("a referral sent from a case page reaches the receiver's open home without a reload; answering there moves the badge at once", async ({
  page,
  openSession,
}) => {
  // jpaa.hokuriku has its home open in its own browser.
  const receiver = await openSession();
  const bellRefreshed = receiver.waitForResponse((r) => r.url().endsWith("/api/v1/notifications/refresh") && r.ok());
  await signIn(receiver, DEMO_ACCOUNTS.jpaaHokuriku.email);
  await bellRefreshed;
  const homeUrl = receiver.url();
  const before = await liveNumbersOf(receiver);
  await expectShown(receiver, before);

  // The desk switches to another tab: TanStack Query stops polling a hidden page, so from here only coming back
  // to the tab (or an action) can change the numbers.
  await setTabVisible(receiver, false);
  let navigations = 0;
  receiver.on("framenavigated", (frame) => {
    if (frame === receiver.mainFrame()) navigations += 1;
  });

  // inpit.ishikawa sends a referral from the case page.
  await signIn(page, DEMO_ACCOUNTS.inpitIshikawa.email);
  await page.goto("/cases");
  await page.getByRole("link", { name: CASE_TITLE }).first().click();
  await expect(page.getByRole("heading", { name: CASE_TITLE })).toBeVisible();
  const caseId = page.url().split("/").pop()!;
  const section = page.getByTestId("consents-and-provisions");
  await expect(section).toBeVisible();
  await expect(section.getByTestId("provisions-scope-note")).toContainText("あなたの機関が関わった提供");
  await expect(section.getByTestId("provision-row")).not.toHaveCount(0);
  await expectAccessible(page);
  await section.getByRole("link", { name: "連携依頼を送る" }).click();

  await expect(page.getByRole("heading", { name: "連携依頼の作成" })).toBeVisible();
  await expect(page).toHaveURL(new RegExp(`caseId=${caseId}`));
  await expect(page.getByLabel("関連する案件")).toHaveValue(caseId);
  await page.getByTestId("consent-choice").first().getByRole("radio").check();
  await page.getByRole("radio", { name: "日本弁理士会" }).check();
  await expect(page.getByRole("radio", { name: "日本弁理士会 北陸会" })).toBeChecked();
  await page.getByLabel(/^依頼内容/).selectOption({ label: "先行技術調査" });
  await page.getByLabel(/^依頼の理由/).fill("撥水繊維の新しい衣料用途について、出願前に先行技術を確認したい。");
  await page.getByTestId("send-referral-submit").click();

  await expect(page).toHaveURL(/\/referrals\/[0-9a-f-]{36}$/);
  await expect(page.getByTestId("referral-status")).toHaveText("依頼中");
  const code = (await page.getByTestId("referral-code").textContent()) ?? "";
  await expect(page.getByTestId("referral-case")).toContainText(CASE_TITLE);
  await expect(page.getByTestId("referral-case").getByRole("link", { name: CASE_TITLE })).toHaveAttribute("href", `/cases/${caseId}`);

  // Nothing has moved on the hidden page yet…
  await expectShown(receiver, before);
  // …until the desk comes back to the tab: the badge and the bell re-read at once.
  const focusedAt = Date.now();
  await setTabVisible(receiver, true);
  const arrived = { awaiting: before.awaiting + 1, unread: before.unread + 1 };
  await expectShown(receiver, arrived, 5_000);
  expect(await liveNumbersOf(receiver)).toEqual(arrived);
  expect(navigations, "the receiver's page neither reloaded nor navigated").toBe(0);
  expect(receiver.url()).toBe(homeUrl);
  await receiver.getByTestId("notification-bell").click();
  await expect(receiver.getByTestId("notification-item").filter({ hasText: code }).first()).toContainText("連携依頼");
  await receiver.keyboard.press("Escape");

  // An answer from the home's dialog: the badge follows as soon as the dialog closes.
  const row = receiver.getByTestId("jpaa-inbox").locator("tr[data-referral-code]").first();
  const answered = await row.getAttribute("data-referral-code");
  await row.getByTestId(`accept-${answered}`).click();
  const dialog = receiver.getByRole("dialog");
  await dialog.getByRole("button", { name: "受け付ける" }).click();
  await expect(dialog).toHaveCount(0);
  await expectShown(receiver, { awaiting: arrived.awaiting - 1, unread: arrived.unread }, 5_000);
  // The list polls every 30 s from its last read (the focus above): well before that, so the action did it.
  expect(Date.now() - focusedAt).toBeLessThan(25_000);
});

test("a consent is withdrawn from the consent list, after a confirm dialog that asks for the reason", async ({ page }) => {
  await signIn(page, DEMO_ACCOUNTS.inpitIshikawa.email);
  await page.goto("/cases");
  await page.getByRole("link", { name: CASE_TITLE }).first().click();
  await page.getByRole("link", { name: "株式会社加賀繊維工業" }).first().click();
  await expect(page).toHaveURL(/\/companies\/[0-9a-f-]{36}$/);
  const section = page.getByTestId("consents-and-provisions");
  await expect(section.getByTestId("provisions-scope-note")).toBeVisible();

  // A consent given by telephone today, recorded by the desk…
  const rows = section.getByTestId("consent-row");
  const before = await rows.count();
  await section.getByRole("button", { name: "同意を記録" }).click();
  const recordDialog = page.getByRole("dialog");
  await recordDialog.getByRole("radio", { name: "口頭" }).check();
  await recordDialog.getByLabel(/^同意した人/).fill("総務部長 加賀 次郎");
  await recordDialog.getByRole("button", { name: "同意を記録する" }).click();
  await expect(recordDialog).toHaveCount(0);
  await expect(rows).toHaveCount(before + 1);
  const consent = rows.filter({ hasText: "総務部長 加賀 次郎" });
  await expect(consent.getByTestId("revoke-consent")).toBeVisible();

  // …is withdrawn the same day. Cancelling changes nothing; the reason is required.
  await consent.getByTestId("revoke-consent").click();
  const revokeDialog = page.getByRole("dialog");
  await expect(revokeDialog).toContainText("依頼先は、企業の基本情報・相談内容・秘匿メモを閲覧できなくなります");
  await expectAccessible(page);
  await revokeDialog.getByRole("button", { name: "キャンセル" }).click();
  await expect(revokeDialog).toHaveCount(0);
  await expect(consent).not.toHaveAttribute("data-revoked", /.*/);

  await consent.getByTestId("revoke-consent").click();
  await revokeDialog.getByRole("button", { name: "撤回を記録する" }).click();
  await expect(revokeDialog.getByText("撤回の理由（企業からの申し出の内容など）を入力してください。")).toBeVisible();
  await expectAccessible(page);
  await revokeDialog.getByLabel(/^撤回の理由/).fill("総務部長から電話で、情報提供をやめたいとの申し出");
  await revokeDialog.getByRole("button", { name: "撤回を記録する" }).click();
  await expect(revokeDialog).toHaveCount(0);

  await expect(consent).toHaveAttribute("data-revoked", "true");
  await expect(consent).toContainText("撤回");
  await expect(consent.getByTestId("consent-revoked-on")).toContainText("撤回日");
  await expect(consent.getByTestId("revoke-consent")).toHaveCount(0);

  // The referral form no longer offers it.
  await section.getByRole("link", { name: "連携依頼を送る" }).click();
  await expect(page.getByRole("heading", { name: "連携依頼の作成" })).toBeVisible();
  await expect(page.getByTestId("consent-choice").filter({ hasText: "口頭" })).toHaveCount(0);
});

test("a referral to よろず支援拠点 is logged with its follow-up date, listed in the outbox, and the bell reminds the sender", async ({ page }) => {
  // 能登しおさい: the chamber referred it to INPIT 石川 on a written consent (demo seed).
  await signIn(page, DEMO_ACCOUNTS.jcciKanazawa.email);
  await page.goto("/companies?q=能登しおさい");
  await page.getByRole("link", { name: "有限会社能登しおさい" }).first().click();
  await page.getByTestId("consents-and-provisions").getByRole("link", { name: "連携依頼を送る" }).click();
  await expect(page.getByRole("heading", { name: "連携依頼の作成" })).toBeVisible();

  await page.getByTestId("consent-choice").first().getByRole("radio").check();
  await page.getByRole("radio", { name: "Renkei外（記録のみ）" }).check();
  await page.getByLabel(/^依頼先（Renkei外）/).fill("石川県よろず支援拠点");
  // Today, in Japan: the earliest follow-up date the form accepts, so the reminder is due at once.
  const today = new Date().toLocaleDateString("sv-SE", { timeZone: "Asia/Tokyo" });
  await page.getByLabel(/^フォローアップ予定日/).fill(today);
  await page.getByLabel(/^依頼内容/).selectOption({ label: "補助金・資金調達" });
  await page.getByLabel(/^依頼の理由/).fill("製塩設備の更新に使える補助金について、よろず支援拠点のコーディネーターを紹介した。");
  await page.getByTestId("send-referral-submit").click();

  await expect(page).toHaveURL(/\/referrals\/[0-9a-f-]{36}$/);
  await expect(page.getByTestId("referral-status")).toHaveText("記録のみ");
  const code = (await page.getByTestId("referral-code").textContent()) ?? "";

  await page.goto("/referrals?box=outbox");
  const row = page.getByTestId("referral-row").filter({ hasText: code });
  await expect(row).toContainText("石川県よろず支援拠点");
  await expect(row).toContainText("記録のみ");
  await expect(row).toContainText(/フォローアップ \d+\/\d+/);
  await expect(row).toContainText("フォローアップ期日");
  await expectAccessible(page);

  // The bell notices due follow-ups when it mounts (its refresh), once.
  const bellRefreshed = page.waitForResponse((r) => r.url().endsWith("/api/v1/notifications/refresh") && r.ok());
  await page.reload();
  await bellRefreshed;
  await page.getByTestId("notification-bell").click();
  const notice = page.getByTestId("notification-item").filter({ hasText: code });
  await expect(notice).toHaveCount(1);
  await expect(notice).toContainText("石川県よろず支援拠点");
  await expect(notice).toContainText("フォローアップ予定日");
  await notice.click();
  await expect(page).toHaveURL(/\/referrals\/[0-9a-f-]{36}$/);
  await expect(page.getByTestId("referral-code")).toHaveText(code);
});

interface LiveNumbers {
  /** The referrals awaiting the organization's answer: the inbox badge. */
  awaiting: number;
  /** The unread notifications: the bell. */
  unread: number;
}

/** What the server says now, through the same API the page reads (the session's cookies). */
async function liveNumbersOf(page: Page): Promise<LiveNumbers> {
  const counts = (await (await page.request.get("/api/v1/referrals/counts")).json()) as { inbox: { awaitingAnswer: number } };
  const bell = (await (await page.request.get("/api/v1/notifications?limit=1")).json()) as { unreadCount: number };
  return { awaiting: counts.inbox.awaitingAnswer, unread: bell.unreadCount };
}

/** The menu's inbox badge and the bell show these numbers (absent when zero). */
async function expectShown(page: Page, numbers: LiveNumbers, timeout?: number) {
  const badge = page.getByTestId("nav-badge-referralInbox");
  if (numbers.awaiting > 0) await expect(badge).toHaveAttribute("data-count", String(numbers.awaiting), { timeout });
  else await expect(badge).toHaveCount(0, { timeout });
  const bell = page.getByTestId("notification-unread-count");
  if (numbers.unread > 0) await expect(bell).toHaveText(numbers.unread > 99 ? "99+" : String(numbers.unread), { timeout });
  else await expect(bell).toHaveCount(0, { timeout });
}

/**
 * The tab going to the background and coming back, as the browser reports it: `document.visibilityState` and a
 * `visibilitychange` event. Headless Chromium never hides a page by itself.
 */
async function setTabVisible(page: Page, visible: boolean) {
  await page.evaluate((isVisible) => {
    if (isVisible) Reflect.deleteProperty(document, "visibilityState");
    else Object.defineProperty(document, "visibilityState", { configurable: true, get: () => "hidden" });
    document.dispatchEvent(new Event("visibilitychange", { bubbles: true }));
  }, visible);
}

/** No WCAG 2.1 A/AA violation that axe can find on the page as it is now, dialogs included (toasts left out). */
async function expectAccessible(page: Page) {
  const { violations } = await new AxeBuilder({ page })
    .withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"])
    .exclude("[data-sonner-toaster]")
    .analyze();
  expect(violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`)).toEqual([]);
}
