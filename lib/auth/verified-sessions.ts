/**
 * Session cookies already verified by Auth.js, for a short while. Decoding the JWT session cookie (key derivation
 * and authenticated decryption) was the largest cost of a JSON request after the query itself; a browser sends the
 * same cookie for hours (Auth.js does not re-issue it on reads), so a cookie verified a moment ago is taken at its
 * word for `ttlMs`. Only the user id is kept — role, organization and the active flag are re-read from the
 * database on every request as before (decision 003), so a deactivated user is still refused at once. A cookie
 * that failed to verify is never kept, and the map is bounded: the oldest entry leaves first.
 */

/** Auth.js's session cookie, with the __Secure- prefix on https, split into `.0`, `.1`, … when large. */
const SESSION_COOKIE = /^(__Secure-)?authjs\.session-token(\.\d+)?$/;

/** The session cookie(s) of a request as one key, or null when there is none. */
export function sessionCookieKey(cookies: readonly { name: string; value: string }[]): string | null {
  const parts = cookies
    .filter((cookie) => SESSION_COOKIE.test(cookie.name) && cookie.value !== "")
    .map((cookie) => `${cookie.name}=${cookie.value}`)
    .sort();
  return parts.length === 0 ? null : parts.join(";");
}

export class VerifiedSessions {
  private readonly entries = new Map<string, { userId: string; until: number }>();

  constructor(
    private readonly ttlMs = 60_000,
    private readonly capacity = 10_000,
    private readonly now: () => number = Date.now,
  ) {}

  /** The user id a cookie was verified for, while the entry is fresh; undefined otherwise. */
  get(key: string): string | undefined {
    const entry = this.entries.get(key);
    if (!entry) return undefined;
    if (entry.until <= this.now()) {
      this.entries.delete(key);
      return undefined;
    }
    return entry.userId;
  }

  remember(key: string, userId: string): void {
    this.entries.delete(key);
    if (this.entries.size >= this.capacity) {
      const oldest = this.entries.keys().next();
      if (!oldest.done) this.entries.delete(oldest.value);
    }
    this.entries.set(key, { userId, until: this.now() + this.ttlMs });
  }

  get size(): number {
    return this.entries.size;
  }
}
