/**
 * A new one-time key for a create or log form (see idempotencyKey() in ./form-fields.ts). Server components
 * render it into the form's HTML, so the key is there before any client JavaScript runs; the form makes the
 * next one in the browser after a success. Node and browsers both have crypto.getRandomValues; randomUUID
 * needs a secure context in browsers (https or localhost), hence the fallback.
 */
export function newIdempotencyKey(): string {
  if (typeof crypto.randomUUID === "function") return crypto.randomUUID();
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  bytes[6] = (bytes[6]! & 0x0f) | 0x40;
  bytes[8] = (bytes[8]! & 0x3f) | 0x80;
  const hex = [...bytes].map((b) => b.toString(16).padStart(2, "0")).join("");
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
