import type { Page } from "@playwright/test";
import { DEMO_ACCOUNTS } from "./support/accounts";
import { openCaseOnCompany } from "./support/cases";
import { expect, signIn, test } from "./support/fixtures";

/**
 * The stage board (components/cases/case-board.tsx, /cases?view=board): a card moves by its buttons and by
 * drag and drop, lands in the new column at once and stays there after a reload; a move the server refuses —
 * 中断 without a reason, or a move made from a stale board after someone else moved the case — leaves the card
 * where the case really is, with a message that says why.
 */

// Wide enough for all seven columns side by side: a drag from the first column to the last needs no scrolling,
// which would move the dragged card out from under the pointer mid-drag.
test.use({ viewport: { width: 2200, height: 900 } });

const board = (page: Page) => page.getByTestId("case-board");
const column = (page: Page, stage: string) => board(page).locator(`section[data-stage="${stage}"]`);
const cardIn = (page: Page, stage: string, title: string) => column(page, stage).getByTestId("board-card").filter({ hasText: title });
const boardUrl = (title: string) => `/cases?view=board&q=${encodeURIComponent(title)}`;

/** Where the card is, column by column: exactly one column holds it. */
async function expectOnlyIn(page: Page, stage: string, title: string) {
  await expect(cardIn(page, stage, title)).toBeVisible();
  await expect(board(page).getByTestId("board-card").filter({ hasText: title })).toHaveCount(1);
}

test("a card moves on the board by its button and by drag and drop, and the move is stored", async ({ page }) => {
  const title = `E2E ボード移動 ${Date.now().toString(36)}`;
  await signIn(page, DEMO_ACCOUNTS.inpitIshikawa.email);
  await openCaseOnCompany(page, "株式会社金沢箔工芸", title);

  await page.goto(boardUrl(title));
  await expectOnlyIn(page, "discovery", title);

  // By the card's button (keyboard and screen readers): 掘り起こし → 課題整理.
  await cardIn(page, "discovery", title).getByRole("button", { name: `「${title}」を課題整理へ進める` }).click();
  await expectOnlyIn(page, "assessment", title);
  await expect(page.getByText("ステージを「課題整理」に変更しました。")).toBeVisible();
  await page.reload();
  await expectOnlyIn(page, "assessment", title);

  // By drag and drop, skipping a stage: 課題整理 → 伴走支援中. Picked up by its grip, not its link.
  await cardIn(page, "assessment", title).dragTo(column(page, "accompanying"), { sourcePosition: { x: 10, y: 10 } });
  await expectOnlyIn(page, "accompanying", title);
  await expect(page.getByText("ステージを「伴走支援中」に変更しました。")).toBeVisible();
  await page.reload();
  await expectOnlyIn(page, "accompanying", title);

  // Back one stage by the other button, and the case page agrees with the board.
  await cardIn(page, "accompanying", title).getByRole("button", { name: `「${title}」を支援計画へ戻す` }).click();
  await expectOnlyIn(page, "planning", title);
  await page.reload();
  await expectOnlyIn(page, "planning", title);
  await cardIn(page, "planning", title).getByRole("link", { name: title }).click();
  await expect(page.locator("main").locator('[data-stage="planning"]').first()).toBeVisible();
});

test("a drop on 中断 asks for the reason, and without one the card stays where it is", async ({ page }) => {
  const title = `E2E 中断には理由 ${Date.now().toString(36)}`;
  await signIn(page, DEMO_ACCOUNTS.inpitIshikawa.email);
  await openCaseOnCompany(page, "株式会社金沢箔工芸", title);
  await page.goto(boardUrl(title));

  await cardIn(page, "discovery", title).dragTo(column(page, "paused"), { sourcePosition: { x: 10, y: 10 } });
  const dialog = page.getByRole("dialog", { name: "ステージの変更" });
  await expect(dialog).toBeVisible();
  await expect(dialog.getByLabel("変更後のステージ")).toHaveValue("paused");
  await dialog.getByRole("button", { name: "変更する" }).click();
  await expect(dialog.getByText("理由を入力してください（中断・再開には理由が必要です）。")).toBeVisible();
  await expect(dialog.getByLabel(/理由/)).toHaveAttribute("aria-invalid", "true");
  await dialog.getByRole("button", { name: "キャンセル" }).click();
  await expect(dialog).toBeHidden();
  await expectOnlyIn(page, "discovery", title);
  await page.reload();
  await expectOnlyIn(page, "discovery", title);

  // With a reason it goes through, and the card is shown under 中断.
  await cardIn(page, "discovery", title).dragTo(column(page, "paused"), { sourcePosition: { x: 10, y: 10 } });
  await dialog.getByLabel(/理由/).fill("企業側の事情で一時停止");
  await dialog.getByRole("button", { name: "変更する" }).click();
  await expect(dialog).toBeHidden();
  await expectOnlyIn(page, "paused", title);
  await page.reload();
  await expectOnlyIn(page, "paused", title);
});

test("a move from a stale board is refused, names the stage the case is in now, and the board shows it there", async ({ page, openSession }) => {
  const title = `E2E 古いボード ${Date.now().toString(36)}`;
  await signIn(page, DEMO_ACCOUNTS.inpitIshikawa.email);
  await openCaseOnCompany(page, "株式会社金沢箔工芸", title);
  await page.goto(boardUrl(title));
  await cardIn(page, "discovery", title).getByRole("button", { name: `「${title}」を課題整理へ進める` }).click();
  await expectOnlyIn(page, "assessment", title);
  // The server has answered (and this board holds the stored card) before the colleague acts.
  await expect(page.getByText("ステージを「課題整理」に変更しました。")).toBeVisible();

  // A colleague, in their own session, moves the case on first.
  const colleague = await openSession();
  await signIn(colleague, DEMO_ACCOUNTS.inpitIshikawa.email);
  await colleague.goto(boardUrl(title));
  await cardIn(colleague, "assessment", title).getByRole("button", { name: `「${title}」を支援計画へ進める` }).click();
  await expectOnlyIn(colleague, "planning", title);

  // This board still shows 課題整理; its move back to 掘り起こし carries the old version and is refused.
  await cardIn(page, "assessment", title).getByRole("button", { name: `「${title}」を掘り起こしへ戻す` }).click();
  await expect(page.getByText(`「${title}」は他の人が先に更新していました。現在のステージは「支援計画」です。`)).toBeVisible();
  await expectOnlyIn(page, "planning", title);
  await page.reload();
  await expectOnlyIn(page, "planning", title);

  // Now that the board is current, the same move is a decision made knowingly, and it goes through.
  await cardIn(page, "planning", title).getByRole("button", { name: `「${title}」を課題整理へ戻す` }).click();
  await expectOnlyIn(page, "assessment", title);
  await expect(page.getByText("ステージを「課題整理」に変更しました。")).toBeVisible();
});
