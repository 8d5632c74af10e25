import type { Page } from "@playwright/test";
import { DEMO_ACCOUNTS } from "./support/accounts";
import { dayInJapan, openCaseOnCompany } from "./support/cases";
import { expect, signIn, test } from "./support/fixtures";
import { arrowToOption, expectFocusWithin, expectVisibleFocus, focusFromTop, tabToElement, typeDate } from "./support/keyboard";

/**
 * Every core flow is operable with the keyboard alone (issue #5): after signing in, each journey below uses
 * only Tab / Shift+Tab / Enter / Space / the arrow keys / Escape and typing — no click, no fill — and ends by
 * reloading the page and finding what it changed stored. Each control is reached with Tab (so it is in the tab
 * order), shows that it has the focus, and the focus is never dropped on <body> when a control goes away.
 *
 * Data that a journey prepares (its own case, a referral for 北陸会 to answer) is made in another browser
 * session before the journey starts, in the ordinary way: no other spec's demo data is changed.
 */

const mainNav = (page: Page) => page.getByRole("navigation", { name: "メインナビゲーション" }).first();

/** Prepares a case of inpit.ishikawa's in a separate session (not part of the journey) and returns its URL. */
async function caseOfOurOwn(openSession: () => Promise<Page>, title: string): Promise<string> {
  const setup = await openSession();
  await signIn(setup, DEMO_ACCOUNTS.inpitIshikawa.email);
  const url = await openCaseOnCompany(setup, "株式会社金沢箔工芸", title);
  await setup.close();
  return url;
}

test("a coordinator logs an activity with a next action, then completes the action on My day", async ({ page, openSession }) => {
  const stamp = Date.now().toString(36);
  const caseTitle = `E2E キーボード記録 ${stamp}`;
  const summary = `E2E キーボードで記録した面談 ${stamp}`;
  const nextTitle = `E2E キーボードで登録した宿題 ${stamp}`;
  const caseUrl = await caseOfOurOwn(openSession, caseTitle);

  await signIn(page, DEMO_ACCOUNTS.inpitIshikawa.email);
  await page.goto(caseUrl);
  const log = page.getByTestId("quick-log-form");
  await expect(log).toBeVisible();

  await focusFromTop(page);
  await tabToElement(page, log.getByLabel("内容"));
  await page.keyboard.type(summary);
  await tabToElement(page, log.getByLabel("やること"));
  await page.keyboard.type(nextTitle);
  // The assignee: the next stop after the title, a native select that the arrow keys step through.
  await page.keyboard.press("Tab");
  const assignee = log.getByLabel("担当");
  await arrowToOption(page, assignee, "松本 由美（自分）");
  await page.keyboard.press("Tab");
  const due = log.getByLabel("期限");
  await expect(due).toBeFocused();
  await expectVisibleFocus(page);
  const today = dayInJapan();
  await typeDate(page, today);
  await expect(due).toHaveValue(today);
  await tabToElement(page, log.getByRole("button", { name: "記録する" }), { max: 5 });
  await page.keyboard.press("Enter");

  await expect(page.getByText("支援記録と次のアクションを追加しました。")).toBeVisible();
  await expect(page.getByTestId("activity-timeline").getByText(summary)).toBeVisible();
  await expect(log.getByLabel("内容")).toHaveValue("");
  await page.reload();
  await expect(page.getByTestId("activity-timeline").getByText(summary)).toHaveCount(1);
  const onCase = page.getByTestId("next-action").filter({ hasText: nextTitle });
  await expect(onCase).toBeVisible();
  await expect(onCase).toContainText("松本 由美");

  // To 今日のタスク by the menu, and complete the action there.
  await focusFromTop(page);
  await tabToElement(page, mainNav(page).getByRole("link", { name: "今日のタスク" }));
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(/\/my-day$/);
  const row = page.getByTestId("next-actions-today").getByTestId("next-action").filter({ hasText: nextTitle });
  await expect(row).toBeVisible();
  await focusFromTop(page);
  await tabToElement(page, row.getByRole("button", { name: `「${nextTitle}」を完了にする` }));
  await page.keyboard.press("Enter");
  await expect(page.getByText(`「${nextTitle}」を完了にしました。`)).toBeVisible();
  await expect(row).toHaveCount(0);
  // The row and its button are gone; the focus stays in the list, where the keyboard user was working.
  await expectFocusWithin(page, page.getByTestId("next-actions-today"));

  await page.reload();
  await expect(page.getByTestId("next-action").filter({ hasText: nextTitle })).toHaveCount(0);
  await page.goto(caseUrl);
  await expect(page.getByTestId("activity-timeline").getByText(summary)).toHaveCount(1);
  await expect(page.getByTestId("next-action").filter({ hasText: nextTitle })).toHaveCount(0);
});

test("a case moves to the next stage on the board by its card's button, twice, the focus staying on the card", async ({ page, openSession }) => {
  const title = `E2E キーボードでボード移動 ${Date.now().toString(36)}`;
  await caseOfOurOwn(openSession, title);

  await signIn(page, DEMO_ACCOUNTS.inpitIshikawa.email);
  await page.goto(`/cases?view=board&q=${encodeURIComponent(title)}`);
  const board = page.getByTestId("case-board");
  const card = (stage: string) => board.locator(`section[data-stage="${stage}"]`).getByTestId("board-card").filter({ hasText: title });
  await expect(card("discovery")).toBeVisible();

  await focusFromTop(page);
  await tabToElement(page, card("discovery").getByRole("button", { name: `「${title}」を課題整理へ進める` }));
  await page.keyboard.press("Enter");
  await expect(card("assessment")).toBeVisible();
  await expect(page.getByText("ステージを「課題整理」に変更しました。")).toBeVisible();
  // The card has moved to another column; the focus moved with it, onto the same button.
  const onward = card("assessment").getByRole("button", { name: `「${title}」を支援計画へ進める` });
  await expect(onward).toBeFocused();
  await expectVisibleFocus(page);
  // Once the stored board is back (until then a second move would carry the old version), it moves on again.
  await expect(onward).toBeEnabled();
  await page.keyboard.press("Enter");
  await expect(card("planning")).toBeVisible();
  await expect(page.getByText("ステージを「支援計画」に変更しました。")).toBeVisible();
  await expect(card("planning").getByRole("button", { name: `「${title}」を伴走支援中へ進める` })).toBeFocused();

  await page.reload();
  await expect(card("planning")).toBeVisible();
  await expect(board.getByTestId("board-card").filter({ hasText: title })).toHaveCount(1);
});

test("a 商工会議所 advisor ticks what they noticed, starts the suggested referral, records consent and sends it", async ({ page }) => {
  const company = "株式会社兼六デザイン";
  const reason = `E2E キーボードで送った依頼: ロゴの商標登録について相談したい ${Date.now().toString(36)}`;
  await signIn(page, DEMO_ACCOUNTS.jcciKanazawa.email);
  const intake = page.getByTestId("ip-need-intake");
  await expect(intake).toBeVisible();

  // Tick two signs with Space.
  await focusFromTop(page);
  const unregistered = intake.getByRole("checkbox", { name: /商標登録していない/ });
  await tabToElement(page, unregistered);
  await page.keyboard.press("Space");
  await expect(unregistered).toBeChecked();
  const imitations = intake.getByRole("checkbox", { name: /模倣品/ });
  await tabToElement(page, imitations);
  await page.keyboard.press("Space");
  await expect(imitations).toBeChecked();
  await expect(intake.getByTestId("intake-suggestion")).toHaveCount(2);

  // Pick the company: type, Enter searches, the result is a radio chosen with Space.
  await tabToElement(page, intake.getByLabel("企業（任意）"));
  await page.keyboard.type("兼六");
  await page.keyboard.press("Enter");
  const hit = intake.getByRole("radio", { name: new RegExp(company) });
  await tabToElement(page, hit);
  await page.keyboard.press("Space");
  await expect(hit).toBeChecked();

  // The recommended referral, already filled in for this company.
  const start = intake.getByTestId("intake-suggestion").first().getByRole("link", { name: `${company} の連携依頼を作成` });
  await tabToElement(page, start);
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(/\/referrals\/new\?.*companyId=.*toParty=inpit/);
  await expect(page.getByRole("heading", { name: "連携依頼の作成" })).toBeVisible();
  await expect(page.getByText(company).first()).toBeVisible();

  // No consent on record: the form to record it is open. 書面 (the first method) with Space, the summary scope too.
  const consentForm = page.getByTestId("record-consent-form");
  await focusFromTop(page);
  const written = consentForm.getByRole("radio", { name: "書面" });
  await tabToElement(page, written);
  await page.keyboard.press("Space");
  await expect(written).toBeChecked();
  const summaryScope = consentForm.getByRole("checkbox", { name: /相談内容の概要/ });
  await tabToElement(page, summaryScope);
  await page.keyboard.press("Space");
  await expect(summaryScope).toBeChecked();
  await tabToElement(page, consentForm.getByLabel(/^同意した人/));
  await page.keyboard.type("代表取締役 兼六 太郎");
  await tabToElement(page, consentForm.getByRole("button", { name: "同意を記録する" }));
  await page.keyboard.press("Enter");

  // The recorded consent is chosen, and the focus is on it (the consent form that had it is gone).
  const consent = page.getByTestId("consent-choice");
  await expect(consent).toHaveCount(1);
  await expect(consent.getByRole("radio")).toBeChecked();
  await expect(consent.getByRole("radio")).toBeFocused();
  await expectVisibleFocus(page);

  // INPIT 石川 is suggested and chosen, the service too; the reason is typed; the form is sent with Enter.
  await expect(page.getByRole("radio", { name: "INPIT 石川県知財総合支援窓口" })).toBeChecked();
  await expect(page.getByLabel(/^依頼内容/).locator("option:checked")).toHaveText("知財相談");
  await tabToElement(page, page.getByLabel(/^依頼の理由/));
  await page.keyboard.type(reason);
  await tabToElement(page, page.getByTestId("send-referral-submit"));
  await page.keyboard.press("Enter");

  await expect(page).toHaveURL(/\/referrals\/[0-9a-f-]{36}$/);
  await expect(page.getByTestId("referral-status")).toHaveText("依頼中");
  await page.reload();
  await expect(page.getByTestId("referral-status")).toHaveText("依頼中");
  await expect(page.getByText(reason)).toBeVisible();
  await expect(page.getByText("INPIT 石川県知財総合支援窓口").first()).toBeVisible();
  await expect(page.getByRole("link", { name: company }).first()).toBeVisible();
});

test("the 弁理士会 accepts a referral from the inbox on its home and assigns an attorney", async ({ page, openSession }) => {
  // A referral for 北陸会 to answer, sent by 金沢商工会議所 in its own session (not part of the journey).
  const setup = await openSession();
  await signIn(setup, DEMO_ACCOUNTS.jcciKanazawa.email);
  await setup.goto(`/referrals/new?q=${encodeURIComponent("浅野川")}&toParty=jpaa`);
  await setup.getByRole("link", { name: /株式会社浅野川菓舗/ }).click();
  const consentForm = setup.getByTestId("record-consent-form");
  await consentForm.getByRole("radio", { name: "口頭" }).check();
  await consentForm.getByRole("checkbox", { name: /相談内容の概要/ }).check();
  await consentForm.getByRole("button", { name: "同意を記録する" }).click();
  await expect(setup.getByTestId("consent-choice").getByRole("radio")).toBeChecked();
  await expect(setup.getByRole("radio", { name: "日本弁理士会 北陸会" })).toBeChecked();
  await setup.getByLabel(/^依頼内容/).selectOption({ label: "弁理士相談" });
  await setup.getByLabel(/^依頼の理由/).fill("和菓子の新ブランド名の商標出願について弁理士に相談したい。");
  await setup.getByTestId("send-referral-submit").click();
  await expect(setup.getByTestId("referral-status")).toHaveText("依頼中");
  const code = (await setup.getByTestId("referral-code").textContent()) ?? "";
  const referralUrl = setup.url();
  await setup.close();

  await signIn(page, DEMO_ACCOUNTS.jpaaHokuriku.email);
  const inbox = page.getByTestId("jpaa-inbox");
  await expect(inbox.locator(`tr[data-referral-code="${code}"]`)).toBeVisible();

  await focusFromTop(page);
  await tabToElement(page, inbox.getByTestId(`accept-${code}`), { max: 200 });
  await page.keyboard.press("Enter");
  const dialog = page.getByRole("dialog", { name: `${code} を受付` });
  await expect(dialog).toBeVisible();
  // The focus is in the dialog, on its first field: the attorney.
  const handler = dialog.getByLabel(/^担当者/);
  await arrowToOption(page, handler, "森 隆之");
  await tabToElement(page, dialog.getByRole("button", { name: "受け付ける" }), { max: 5 });
  await page.keyboard.press("Enter");

  await expect(dialog).toHaveCount(0);
  await expect(page.getByText(`${code} を受け付けました。`)).toBeVisible();
  await expect(inbox.locator(`tr[data-referral-code="${code}"]`)).toHaveCount(0);
  // The answered row left the inbox with the button that opened the dialog; the focus is not dropped.
  await expectVisibleFocus(page);

  await page.reload();
  await expect(page.getByTestId("home-jpaa")).toBeVisible();
  await expect(page.locator(`tr[data-referral-code="${code}"]`)).toHaveCount(0);
  await page.goto(referralUrl);
  await expect(page.getByTestId("referral-status")).toHaveText("受付");
  await expect(page.getByTestId("referral-handler")).toHaveText("森 隆之");
});

test("a company is found by typing in the search box and opened with Enter", async ({ page }) => {
  const company = "株式会社山中漆工";
  await signIn(page, DEMO_ACCOUNTS.inpitIshikawa.email);

  await focusFromTop(page);
  await tabToElement(page, mainNav(page).getByRole("link", { name: "企業" }));
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(/\/companies$/);
  await expect(page.getByRole("heading", { level: 1 })).toBeVisible();

  await focusFromTop(page);
  await tabToElement(page, page.getByRole("searchbox", { name: "企業名・フリガナ・法人番号" }));
  await page.keyboard.type("山中");
  await expect(page).toHaveURL(/q=%E5%B1%B1%E4%B8%AD/);
  const results = page.getByTestId("company-table");
  await expect(results.getByRole("row")).toHaveCount(2);
  // From the search box, onward to the result.
  await tabToElement(page, results.getByRole("link", { name: company }));
  await page.keyboard.press("Enter");

  await expect(page).toHaveURL(/\/companies\/[0-9a-f-]{36}$/);
  await expect(page.getByRole("heading", { level: 1, name: company })).toBeVisible();
  await page.reload();
  await expect(page.getByRole("heading", { level: 1, name: company })).toBeVisible();
});
