import { describe, expect, it } from "vitest";
import { DEFAULT_AFTER_SIGN_IN, safeCallbackUrl } from "./callback-url";

describe("safeCallbackUrl", () => {
  it("keeps a relative path on this site, with its query", () => {
    expect(safeCallbackUrl("/cases/123")).toBe("/cases/123");
    expect(safeCallbackUrl("/referrals?box=outbox")).toBe("/referrals?box=outbox");
    expect(safeCallbackUrl("/companies?q=%E9%87%91%E6%B2%A2")).toBe("/companies?q=%E9%87%91%E6%B2%A2");
  });

  it("falls back to the dashboard when there is none", () => {
    expect(safeCallbackUrl(undefined)).toBe(DEFAULT_AFTER_SIGN_IN);
    expect(safeCallbackUrl(null)).toBe(DEFAULT_AFTER_SIGN_IN);
    expect(safeCallbackUrl("")).toBe(DEFAULT_AFTER_SIGN_IN);
  });

  it.each([
    ["an absolute URL", "https://evil.example/steal"],
    ["a protocol-relative URL", "//evil.example/x"],
    ["a backslash that browsers read as a slash", "/\\evil.example"],
    ["a javascript: URL", "javascript:alert(1)"],
    ["a path without the leading slash", "dashboard"],
    ["a tab hidden in the host part", "/\t/evil.example"],
    ["an encoded newline", "/cases\n//evil.example"],
  ])("refuses %s", (_what, value) => {
    expect(safeCallbackUrl(value)).toBe(DEFAULT_AFTER_SIGN_IN);
  });

  it("does not send a freshly signed-in user back to the sign-in page", () => {
    expect(safeCallbackUrl("/sign-in?callbackUrl=/sign-in")).toBe(DEFAULT_AFTER_SIGN_IN);
    expect(safeCallbackUrl("/api/auth/signout")).toBe(DEFAULT_AFTER_SIGN_IN);
  });

  it("refuses what is not text", () => {
    expect(safeCallbackUrl(["/cases"])).toBe(DEFAULT_AFTER_SIGN_IN);
  });
});
