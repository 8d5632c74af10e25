import { MAX_CURSOR_LENGTH } from "@/lib/pagination";

/** A route's searchParams as Next passes them: a key may be missing, given once, or repeated. */
export type SearchParams = Record<string, string | string[] | undefined>;

/** The first value of a query parameter, trimmed and capped; undefined when absent or blank. */
export function firstParam(value: string | string[] | undefined, maxLength = 200): string | undefined {
  const raw = Array.isArray(value) ? value[0] : value;
  const trimmed = raw?.trim();
  return trimmed ? trimmed.slice(0, maxLength) : undefined;
}

/** The parameter when it is one of the allowed values; anything else is ignored rather than an error. */
export function oneOf<T extends string>(value: string | string[] | undefined, allowed: readonly T[]): T | undefined {
  const first = firstParam(value);
  return first !== undefined && (allowed as readonly string[]).includes(first) ? (first as T) : undefined;
}

/** A link to the same list with some parameters changed; undefined values are dropped. */
export function listHref(path: string, params: Record<string, string | number | undefined>): string {
  const query = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) if (value !== undefined && value !== "") query.set(key, String(value));
  const text = query.toString();
  return text ? `${path}?${text}` : path;
}

/** A keyset cursor from the URL: kept whole (a cursor cut short is no position), blank or absent as undefined. */
export function cursorParam(value: string | string[] | undefined): string | undefined {
  return firstParam(value, MAX_CURSOR_LENGTH);
}
