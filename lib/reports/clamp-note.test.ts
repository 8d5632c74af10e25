import { describe, expect, it } from "vitest";
import { clampNoteForPrint, PRINT_NOTE_LIMITS } from "./clamp-note";

const limits = { lines: 4, charsPerLine: 10 };
const lineCount = (text: string, charsPerLine = limits.charsPerLine) =>
  text.split("\n").reduce((n, p) => n + Math.max(1, Math.ceil(Array.from(p).length / charsPerLine)), 0);

describe("clamping a PDCA note for the one-page print", () => {
  it("prints a note that fits as it is", () => {
    expect(clampNoteForPrint("訪問を増やす", limits)).toEqual({ text: "訪問を増やす", truncated: false });
    expect(clampNoteForPrint("", limits)).toEqual({ text: "", truncated: false });
    // Exactly four lines: two paragraphs of two lines each.
    const exact = `${"あ".repeat(20)}\n${"い".repeat(11)}`;
    expect(clampNoteForPrint(exact, limits)).toEqual({ text: exact, truncated: false });
  });

  it("cuts a long note to the lines it may take, one left for the marker", () => {
    const long = "計".repeat(4000);
    const clamped = clampNoteForPrint(long, limits);
    expect(clamped).toEqual({ text: "計".repeat(30), truncated: true });
  });

  it("counts line breaks as lines, so a note of many short lines is cut too", () => {
    const many = Array.from({ length: 10 }, (_, i) => `${i + 1}. 対応`).join("\n");
    const clamped = clampNoteForPrint(many, limits);
    expect(clamped).toEqual({ text: "1. 対応\n2. 対応\n3. 対応", truncated: true });
    // Trailing blank lines are not content: nothing is left out.
    expect(clampNoteForPrint("計画\n\n\n\n\n\n", limits)).toEqual({ text: "計画", truncated: false });
  });

  it("cuts inside the paragraph that no longer fits, never inside a character", () => {
    const clamped = clampNoteForPrint(`${"a".repeat(5)}\n${"😀".repeat(40)}`, limits);
    expect(clamped.truncated).toBe(true);
    expect(clamped.text).toBe(`${"a".repeat(5)}\n${"😀".repeat(20)}`);
    expect(clamped.text).not.toMatch(/[\uD800-\uDBFF]$/);
  });

  it("keeps every cut within the page's share, whatever the text", () => {
    const samples = ["あ".repeat(4000), "x\n".repeat(2000), `${"長".repeat(179)}\n${"い".repeat(3000)}`, "改行\r\nだけ\r\n".repeat(300)];
    for (const sample of samples) {
      const clamped = clampNoteForPrint(sample);
      expect(clamped.truncated).toBe(true);
      expect(lineCount(clamped.text, PRINT_NOTE_LIMITS.charsPerLine)).toBeLessThanOrEqual(PRINT_NOTE_LIMITS.lines - 1);
      expect(clamped.text).not.toContain("\r");
    }
  });
});
