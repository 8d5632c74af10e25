import { sql, type SQL, type SQLWrapper } from "drizzle-orm";

/**
 * Keyset pagination: every list is ordered by a stable key plus the row id, and a page continues after the
 * last row it showed. The cursor is that row's (sort key, id), base64url-encoded JSON — opaque to clients,
 * and safe to tamper with: a cursor is only a position, the actor's scope still decides what is listed, and
 * anything malformed is an InvalidCursorError (a 400), never a database error.
 */

export const DEFAULT_PAGE_SIZE = 50;
export const MAX_PAGE_SIZE = 200;

export interface Page<T> {
  items: T[];
  /** Pass back as `cursor` for the next page; null on the last page. */
  nextCursor: string | null;
}

export interface Cursor {
  key: string;
  id: string;
}

/** How a list's sort key travels in a cursor: as text, or as a timestamptz with microseconds in UTC. */
export type SortKeyKind = "text" | "timestamp";

export class InvalidCursorError extends Error {
  constructor() {
    super("invalid cursor");
    this.name = "InvalidCursorError";
  }
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * True for a UUID in its canonical form. Ids arrive from URLs and cursors; checking them before they reach
 * the database turns a malformed id into "not found" instead of a uuid syntax error.
 */
export function isUuid(value: unknown): value is string {
  return typeof value === "string" && UUID.test(value);
}

/** A page size within 1..MAX_PAGE_SIZE; DEFAULT_PAGE_SIZE when not given. */
export function clampLimit(limit: number | undefined): number {
  if (limit === undefined || !Number.isFinite(limit)) return DEFAULT_PAGE_SIZE;
  return Math.min(MAX_PAGE_SIZE, Math.max(1, Math.trunc(limit)));
}

export function encodeCursor(cursor: Cursor): string {
  return Buffer.from(JSON.stringify([cursor.key, cursor.id]), "utf8").toString("base64url");
}

/** The exact text `timestampSortKey` produces: microseconds matter, a millisecond cursor would skip rows. */
const TIMESTAMP_KEY = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})\.\d{6}Z$/;
/** Sort keys are short (a company's normalized name at most); anything longer is not one of our cursors. */
const MAX_KEY_LENGTH = 1000;
/**
 * The longest cursor encodeCursor can make: a key of MAX_KEY_LENGTH UTF-16 units, each at worst six bytes of
 * JSON (a \u-escaped control character), plus the id, in base64. It still fits in a URL.
 */
export const MAX_CURSOR_LENGTH = Math.ceil(((MAX_KEY_LENGTH * 6 + 48) / 3) * 4);

export function decodeCursor(cursor: string, kind: SortKeyKind): Cursor {
  if (cursor.length > MAX_CURSOR_LENGTH || !/^[A-Za-z0-9_-]+$/.test(cursor)) throw new InvalidCursorError();
  let decoded: unknown;
  try {
    decoded = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8"));
  } catch {
    throw new InvalidCursorError();
  }
  if (!Array.isArray(decoded) || decoded.length !== 2) throw new InvalidCursorError();
  const [key, id] = decoded as unknown[];
  if (typeof key !== "string" || !isUuid(id)) throw new InvalidCursorError();
  // PostgreSQL refuses NUL in text parameters; refuse it here so that it is a 400, not a 500.
  if (key.length > MAX_KEY_LENGTH || key.includes("\u0000")) throw new InvalidCursorError();
  if (kind === "timestamp" && !isTimestampKey(key)) throw new InvalidCursorError();
  return { key, id };
}

function isTimestampKey(key: string): boolean {
  const match = TIMESTAMP_KEY.exec(key);
  if (!match) return false;
  // A well-formed string can still name no instant (month 13, 30 February): the database would reject it.
  const [, y, mo, d, h, mi, s] = match.map(Number) as [number, number, number, number, number, number, number];
  const date = new Date(Date.UTC(y, mo - 1, d, h, mi, s));
  return (
    date.getUTCFullYear() === y &&
    date.getUTCMonth() === mo - 1 &&
    date.getUTCDate() === d &&
    date.getUTCHours() === h &&
    date.getUTCMinutes() === mi &&
    date.getUTCSeconds() === s
  );
}

/**
 * A timestamptz column as text with all six fractional digits, in UTC. Select it beside the row so that the
 * cursor carries the exact value: a JavaScript Date keeps milliseconds only, and rows that differ in the
 * microseconds would be skipped or repeated at a page boundary.
 */
export function timestampSortKey(column: SQLWrapper): SQL<string> {
  return sql<string>`to_char(${column} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`;
}

/**
 * The WHERE condition "after the cursor" for a list ordered by (sortColumn, idColumn) in one direction.
 * A row comparison, so that PostgreSQL can use an index on (sort key, id).
 */
export function afterCursor(
  cursor: Cursor,
  columns: { sort: SQLWrapper; id: SQLWrapper; kind: SortKeyKind; order: "asc" | "desc" },
): SQL {
  const key = columns.kind === "timestamp" ? sql`${cursor.key}::timestamptz` : sql`${cursor.key}::text`;
  const operator = columns.order === "asc" ? sql.raw(">") : sql.raw("<");
  return sql`(${columns.sort}, ${columns.id}) ${operator} (${key}, ${cursor.id}::uuid)`;
}

/**
 * Turns up to `limit + 1` fetched rows into a page: the extra row only says that there is a next page.
 * `cursorOf` gives a row's position (its sort key and id).
 */
export function toPage<R, T>(rows: R[], limit: number, cursorOf: (row: R) => Cursor, toItem: (row: R) => T): Page<T> {
  const hasMore = rows.length > limit;
  const shown = hasMore ? rows.slice(0, limit) : rows;
  const last = shown.at(-1);
  return {
    items: shown.map(toItem),
    nextCursor: hasMore && last ? encodeCursor(cursorOf(last)) : null,
  };
}

/** A page and the size of the whole list it belongs to: for 「すべて（N件）」 links and 「全N件」 headings. */
export interface CountedPage<T> extends Page<T> {
  total: number;
}

/** Where one list section of a detail page stands: its total, and the cursor of the rows after those shown. */
export interface SectionInfo {
  total: number;
  nextCursor: string | null;
}

/**
 * Adds the list's total to a page. A first page that holds the whole list is its own count; otherwise `count`
 * runs — a count(*) over the list's condition, which reads the list's index, not the rows a second time.
 */
export async function withTotal<T>(page: Page<T>, isFirstPage: boolean, count: () => Promise<number>): Promise<CountedPage<T>> {
  if (isFirstPage && page.nextCursor === null) return { ...page, total: page.items.length };
  return { ...page, total: await count() };
}

/**
 * A `date` column as 'YYYY-MM-DD' text, for a sort key built from several columns: text keys compare like
 * the dates they hold. (to_char, not ::text, so that DateStyle cannot change the format.)
 */
export function dateSortKey(column: SQLWrapper): SQL<string> {
  return sql<string>`to_char(${column}, 'YYYY-MM-DD')`;
}

/**
 * Reads a page at `cursor`; a damaged cursor (an edited URL) reads the first page instead of failing the whole
 * screen. A cursor is only a position, so starting over shows nothing the actor could not see anyway.
 */
export async function readPageOrStartOver<T>(cursor: string | undefined, read: (cursor: string | undefined) => Promise<T>): Promise<T> {
  try {
    return await read(cursor);
  } catch (error) {
    if (cursor !== undefined && error instanceof InvalidCursorError) return read(undefined);
    throw error;
  }
}

/**
 * The position of one section of a detail page (a company's contact people, a case's outcomes), from its query
 * parameter: null for the section's first rows. A damaged cursor starts that section over rather than failing
 * the page it sits on.
 */
export function sectionCursor(cursor: string | undefined, kind: SortKeyKind): Cursor | null {
  if (!cursor) return null;
  try {
    return decodeCursor(cursor, kind);
  } catch (error) {
    if (error instanceof InvalidCursorError) return null;
    throw error;
  }
}
