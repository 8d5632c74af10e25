/**
 * How much of each PDCA field the one-page meeting summary prints. A field takes up to 4,000 characters, four
 * of them would fill several A4 pages; the paper must stay one page (DOMAIN.md: "one-page printable
 * summaries"), so each field gets a fixed share of it and the rest stays on the screen.
 *
 * Measured in Chromium's print to PDF (A4 portrait, 12/14 mm margins, report-print.css): a field's box is
 * 87 mm wide and prints 8 pt text, about 31 full-width characters a line, 28 counted here for safety. With
 * the rest of the summary in place the page has room for five such lines a field; four keep a margin for
 * longer scope names and English labels.
 */
export const PRINT_NOTE_LIMITS = { lines: 4, charsPerLine: 28 } as const;

export interface ClampedNote {
  text: string;
  /** True when something was left out: the page shows a "full text on screen" marker after the text. */
  truncated: boolean;
}

/**
 * Cuts a note to what fits in `lines` printed lines of `charsPerLine` characters, counting each paragraph
 * (line break) as at least one line and a long paragraph as as many lines as it wraps to. A cut note keeps
 * one line free for the marker that follows it. Characters are counted as code points, so a surrogate pair is
 * never split. Pure: the same text always gives the same cut.
 */
export function clampNoteForPrint(note: string, limits: { lines: number; charsPerLine: number } = PRINT_NOTE_LIMITS): ClampedNote {
  const paragraphs = note.replace(/\r\n?/g, "\n").trimEnd().split("\n");
  const whole = fitLines(paragraphs, limits.lines, limits.charsPerLine);
  if (whole !== null) return { text: whole, truncated: false };
  return { text: cutToLines(paragraphs, limits.lines - 1, limits.charsPerLine), truncated: true };
}

function linesOf(paragraph: string, charsPerLine: number): number {
  return Math.max(1, Math.ceil(Array.from(paragraph).length / charsPerLine));
}

/** The paragraphs joined, when all of them fit; null when they do not. */
function fitLines(paragraphs: readonly string[], lines: number, charsPerLine: number): string | null {
  const needed = paragraphs.reduce((n, p) => n + linesOf(p, charsPerLine), 0);
  return needed <= lines ? paragraphs.join("\n") : null;
}

/** As many whole paragraphs as fit, then as much of the next one as fills the lines left. */
function cutToLines(paragraphs: readonly string[], lines: number, charsPerLine: number): string {
  const kept: string[] = [];
  let linesLeft = lines;
  for (const paragraph of paragraphs) {
    if (linesLeft <= 0) break;
    const needed = linesOf(paragraph, charsPerLine);
    if (needed <= linesLeft) {
      kept.push(paragraph);
      linesLeft -= needed;
    } else {
      kept.push(Array.from(paragraph).slice(0, linesLeft * charsPerLine).join(""));
      break;
    }
  }
  return kept.join("\n").trimEnd();
}
