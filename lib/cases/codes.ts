import { eq, sql } from "drizzle-orm";
import type { Queryable } from "@/db/client";
import { cases } from "@/db/schema";
import { codeNumber, codeSeries } from "@/db/schema/_shared";
import { reiwaYearOfDate, type DateInput } from "@/lib/format/fiscal-year";

/**
 * Case codes: R{令和 year of opening}-{sequence within that year}, e.g. R8-0012. Four digits are padded; a
 * busy year simply grows a fifth (R8-10000), which stays unique because the sequence is numeric, not text.
 */

/** The series of a year's cases: R8 for 令和8年. */
export function caseCodeSeries(openedOn: DateInput): string {
  return `R${reiwaYearOfDate(openedOn)}`;
}

export function formatCaseCode(openedOn: DateInput, sequence: number): string {
  if (!Number.isInteger(sequence) || sequence < 1) throw new RangeError(`case sequence must be a positive integer, got ${sequence}`);
  return `${caseCodeSeries(openedOn)}-${String(sequence).padStart(4, "0")}`;
}

/**
 * The next free sequence number of the year. Not a reservation: two transactions may read the same number,
 * so the caller inserts with ON CONFLICT DO NOTHING on the unique code and asks again when it lost the race.
 */
export async function nextCaseSequence(db: Queryable, openedOn: DateInput): Promise<number> {
  // The highest number of the series, from the (series, number) index: one entry, not the year's cases.
  const [row] = await db
    .select({ last: sql<number | null>`max(${codeNumber(cases.code)})`.mapWith(Number) })
    .from(cases)
    .where(eq(codeSeries(cases.code), caseCodeSeries(openedOn)));
  return (row?.last ?? 0) + 1;
}
