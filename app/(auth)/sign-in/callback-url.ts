export const DEFAULT_AFTER_SIGN_IN = "/dashboard";

// Any origin works: only paths that stay on it survive the check below.
const PROBE_ORIGIN = "http://renkei.invalid";

/**
 * Where to go after signing in: the `callbackUrl` only when it is a relative path on this site, otherwise the
 * dashboard. Anything else — absolute URLs, protocol-relative `//host`, backslash tricks (`/\host`, which
 * browsers read as `//host`), control characters — would make the sign-in page an open redirect.
 */
export function safeCallbackUrl(value: unknown): string {
  if (typeof value !== "string" || value.length === 0 || value.length > 2000) return DEFAULT_AFTER_SIGN_IN;
  if (!value.startsWith("/") || value.startsWith("//") || value.includes("\\")) return DEFAULT_AFTER_SIGN_IN;
  if (/[\u0000-\u001f\u007f]/.test(value)) return DEFAULT_AFTER_SIGN_IN;
  let url: URL;
  try {
    url = new URL(value, PROBE_ORIGIN);
  } catch {
    return DEFAULT_AFTER_SIGN_IN;
  }
  if (url.origin !== PROBE_ORIGIN) return DEFAULT_AFTER_SIGN_IN;
  // Coming back to the sign-in page (or the auth endpoints) after signing in would only loop.
  if (url.pathname === "/sign-in" || url.pathname.startsWith("/api/auth")) return DEFAULT_AFTER_SIGN_IN;
  return `${url.pathname}${url.search}${url.hash}`;
}
