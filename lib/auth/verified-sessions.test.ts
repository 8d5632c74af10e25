import { describe, expect, it } from "vitest";
import { sessionCookieKey, VerifiedSessions } from "./verified-sessions";

describe("sessionCookieKey", () => {
  it("is null without a session cookie, or with an emptied one (signed out)", () => {
    expect(sessionCookieKey([])).toBeNull();
    expect(sessionCookieKey([{ name: "NEXT_LOCALE", value: "en" }])).toBeNull();
    expect(sessionCookieKey([{ name: "authjs.session-token", value: "" }])).toBeNull();
  });

  it("takes the plain, the __Secure- and the chunked cookie, in a stable order, and nothing else", () => {
    expect(sessionCookieKey([{ name: "authjs.session-token", value: "abc" }, { name: "NEXT_LOCALE", value: "ja" }])).toBe("authjs.session-token=abc");
    expect(sessionCookieKey([{ name: "__Secure-authjs.session-token", value: "x" }])).toBe("__Secure-authjs.session-token=x");
    const chunks = [
      { name: "authjs.session-token.1", value: "second" },
      { name: "authjs.session-token.0", value: "first" },
    ];
    expect(sessionCookieKey(chunks)).toBe("authjs.session-token.0=first;authjs.session-token.1=second");
    expect(sessionCookieKey([...chunks].reverse())).toBe(sessionCookieKey(chunks));
    // A different token is a different key.
    expect(sessionCookieKey([{ name: "authjs.session-token", value: "abd" }])).not.toBe(sessionCookieKey([{ name: "authjs.session-token", value: "abc" }]));
  });
});

describe("VerifiedSessions", () => {
  it("answers with the user id until the entry is older than its lifetime, then forgets it", () => {
    let now = 1_000;
    const sessions = new VerifiedSessions(60_000, 10, () => now);
    expect(sessions.get("k")).toBeUndefined();
    sessions.remember("k", "user-1");
    now += 59_999;
    expect(sessions.get("k")).toBe("user-1");
    now += 1;
    expect(sessions.get("k")).toBeUndefined();
    expect(sessions.size).toBe(0);
  });

  it("holds at most its capacity, the oldest leaving first", () => {
    const sessions = new VerifiedSessions(60_000, 3, () => 0);
    for (const key of ["a", "b", "c", "d"]) sessions.remember(key, `user-${key}`);
    expect(sessions.size).toBe(3);
    expect(sessions.get("a")).toBeUndefined();
    expect(["b", "c", "d"].map((key) => sessions.get(key))).toEqual(["user-b", "user-c", "user-d"]);
  });
});
