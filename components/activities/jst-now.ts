/**
 * Now in Japan as a datetime-local value ("2026-05-12T14:05"), whatever the server's or the browser's zone:
 * the quick log form's default time. JST has no daylight saving, so a fixed offset is exact. Not in a
 * "use client" file, because the server renders the first default and the browser makes the next ones.
 */
export function jstNowLocal(now: Date = new Date()): string {
  return new Date(now.getTime() + 9 * 60 * 60 * 1000).toISOString().slice(0, 16);
}
