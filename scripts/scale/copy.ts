import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import type { Sql } from "postgres";

/** A value as PostgreSQL's COPY text format writes it; null is \N. */
export type CopyValue = string | number | boolean | null | undefined;

const SPECIAL = /[\\\t\n\r]/;

/** Escapes one field of COPY's text format: backslash, tab, newline and carriage return. */
export function copyField(value: CopyValue): string {
  if (value === null || value === undefined) return "\\N";
  if (typeof value === "boolean") return value ? "t" : "f";
  if (typeof value === "number") {
    if (!Number.isFinite(value)) throw new RangeError(`cannot COPY ${value}`);
    return String(value);
  }
  if (!SPECIAL.test(value)) return value;
  return value.replace(/\\/g, "\\\\").replace(/\t/g, "\\t").replace(/\n/g, "\\n").replace(/\r/g, "\\r");
}

export function copyLine(values: readonly CopyValue[]): string {
  let line = "";
  for (let i = 0; i < values.length; i += 1) {
    if (i > 0) line += "\t";
    line += copyField(values[i]);
  }
  return `${line}\n`;
}

/** Rows grouped into chunks of about this many characters: few stream writes, bounded memory. */
const CHUNK_CHARS = 256 * 1024;

async function* chunksOf(rows: Iterable<readonly CopyValue[]>): AsyncGenerator<string> {
  let chunk = "";
  for (const row of rows) {
    chunk += copyLine(row);
    if (chunk.length >= CHUNK_CHARS) {
      yield chunk;
      chunk = "";
    }
  }
  if (chunk.length > 0) yield chunk;
}

/**
 * Streams generated rows into a table with COPY … FROM STDIN. The generator is pulled only as fast as the
 * server takes the data (stream back-pressure), so memory stays flat whatever the row count. Returns the rows written.
 */
export async function copyRows(sql: Sql, table: string, columns: readonly string[], rows: Iterable<readonly CopyValue[]>): Promise<number> {
  let count = 0;
  function* counted() {
    for (const row of rows) {
      count += 1;
      yield row;
    }
  }
  const writable = await sql.unsafe(`copy ${quoteIdent(table)} (${columns.map(quoteIdent).join(", ")}) from stdin`).writable();
  await pipeline(Readable.from(chunksOf(counted())), writable);
  return count;
}

export function quoteIdent(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}
