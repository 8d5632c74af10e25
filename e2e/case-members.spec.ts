import { DEMO_ACCOUNTS } from "./support/accounts";
import { openCaseOnCompany } from "./support/cases";
import { expect, signIn, test } from "./support/fixtures";

/**
 * 主担当とメンバー (components/cases/members-dialog.tsx): membership decides who reads the confidential notes, so
 * a member list saved from a stale dialog must never undo a colleague's change. It is refused with what is
 * stored now beside what this user tried to save, the selection starts again from what is stored, and saving
 * again is a deliberate decision that keeps the colleague's member.
 */

const MATSUMOTO = "松本 由美"; // inpit.ishikawa, who opens the case and so leads it
const SAKAMOTO = "坂本 健太"; // a colleague at the same INPIT desk
const YOSHIDA = "吉田 雅子"; // the desk's manager

test("a stale member list is refused with stored vs yours, the selection is reset to what is stored, and nothing is overwritten", async ({ page, openSession }) => {
  const title = `E2E メンバーの競合 ${Date.now().toString(36)}`;
  await signIn(page, DEMO_ACCOUNTS.inpitIshikawa.email);
  const caseUrl = await openCaseOnCompany(page, "株式会社金沢箔工芸", title);
  const members = page.getByTestId("case-members");
  await expect(members).toContainText(MATSUMOTO);

  // This user opens the dialog, as it is now: only themself.
  await page.getByRole("button", { name: "メンバーを編集" }).click();
  const dialog = page.getByRole("dialog", { name: "主担当とメンバー" });
  await expect(dialog.getByRole("checkbox", { name: new RegExp(MATSUMOTO) })).toBeChecked();
  await expect(dialog.getByRole("checkbox", { name: new RegExp(SAKAMOTO) })).not.toBeChecked();

  // Meanwhile a colleague, in their own session, adds 坂本.
  const colleague = await openSession();
  await signIn(colleague, DEMO_ACCOUNTS.inpitIshikawa.email);
  await colleague.goto(caseUrl);
  await colleague.getByRole("button", { name: "メンバーを編集" }).click();
  const theirs = colleague.getByRole("dialog", { name: "主担当とメンバー" });
  await theirs.getByRole("checkbox", { name: new RegExp(SAKAMOTO) }).check();
  await theirs.getByRole("button", { name: "保存する" }).click();
  await expect(colleague.getByText("メンバーを保存しました。")).toBeVisible();
  await expect(colleague.getByTestId("case-members")).toContainText(SAKAMOTO);

  // This dialog was opened before that: adding 吉田 to the list as it was would drop 坂本.
  await dialog.getByRole("checkbox", { name: new RegExp(YOSHIDA) }).check();
  await dialog.getByRole("button", { name: "保存する" }).click();
  const notice = dialog.getByTestId("conflict-notice");
  await expect(notice).toBeVisible();
  await expect(notice).toContainText("他の人が先にこの案件を更新しました。");
  const memberRow = notice.getByRole("row", { name: /メンバー/ });
  await expect(memberRow.getByRole("cell").nth(0)).toHaveText(`${MATSUMOTO}、${SAKAMOTO}`);
  await expect(memberRow.getByRole("cell").nth(1)).toHaveText(`${MATSUMOTO}、${YOSHIDA}`);
  // The lead did not change on either side: no row for it.
  await expect(notice.getByRole("row", { name: /主担当/ })).toHaveCount(0);

  // The selection is what is stored now; the user's addition is to be made again, knowingly.
  await expect(dialog.getByRole("checkbox", { name: new RegExp(SAKAMOTO) })).toBeChecked();
  await expect(dialog.getByRole("checkbox", { name: new RegExp(YOSHIDA) })).not.toBeChecked();
  await expect(dialog.getByLabel("主担当")).toHaveValue(/.+/);
  // The page behind shows the stored members as well.
  await expect(members).toContainText(SAKAMOTO);
  await expect(members).not.toContainText(YOSHIDA);

  await dialog.getByRole("checkbox", { name: new RegExp(YOSHIDA) }).check();
  await dialog.getByRole("button", { name: "保存する" }).click();
  await expect(page.getByText("メンバーを保存しました。")).toBeVisible();
  await expect(dialog).toBeHidden();

  for (const name of [MATSUMOTO, SAKAMOTO, YOSHIDA]) await expect(members).toContainText(name);

  // Opening the dialog again, without a reload, starts from the stored list and its current version: a further
  // change by the same person saves rather than conflicting with their own last save.
  await page.getByRole("button", { name: "メンバーを編集" }).click();
  await expect(dialog.getByTestId("conflict-notice")).toHaveCount(0);
  await expect(dialog.getByRole("checkbox", { name: new RegExp(YOSHIDA) })).toBeChecked();
  await dialog.getByRole("checkbox", { name: new RegExp(YOSHIDA) }).uncheck();
  await dialog.getByRole("button", { name: "保存する" }).click();
  await expect(dialog).toBeHidden();
  await expect(members).not.toContainText(YOSHIDA);

  await page.reload();
  await expect(members).toContainText(MATSUMOTO);
  await expect(members).toContainText(SAKAMOTO);
  await expect(members).not.toContainText(YOSHIDA);
});
