import { describe, expect, it } from "vitest";
import ja from "./messages/ja.json";
import en from "./messages/en.json";

/** Every leaf of a messages tree as [dotted key, value]. */
function leaves(tree: unknown, prefix = ""): [string, unknown][] {
  if (tree === null || typeof tree !== "object" || Array.isArray(tree)) return [[prefix, tree]];
  return Object.entries(tree as Record<string, unknown>).flatMap(([key, value]) =>
    leaves(value, prefix ? `${prefix}.${key}` : key),
  );
}

/** The names of the arguments a message interpolates: `{days}日超過` → ["days"]. */
function argumentsOf(message: string): string[] {
  return [...new Set([...message.matchAll(/\{\s*(\w+)/g)].map((m) => m[1]!))].sort();
}

const jaLeaves = new Map(leaves(ja));
const enLeaves = new Map(leaves(en));

describe("the message catalogues", () => {
  it("have the same keys in Japanese and English", () => {
    const onlyJa = [...jaLeaves.keys()].filter((k) => !enLeaves.has(k));
    const onlyEn = [...enLeaves.keys()].filter((k) => !jaLeaves.has(k));
    expect({ onlyJa, onlyEn }).toEqual({ onlyJa: [], onlyEn: [] });
  });

  it.each([
    ["ja", jaLeaves],
    ["en", enLeaves],
  ] as const)("has a non-empty text for every key in %s", (_locale, catalogue) => {
    const notText = [...catalogue].filter(([, value]) => typeof value !== "string" || value.trim() === "").map(([k]) => k);
    expect(notText).toEqual([]);
  });

  it("interpolates the same arguments in both languages", () => {
    const mismatched = [...jaLeaves]
      .filter(([key, value]) => typeof value === "string" && typeof enLeaves.get(key) === "string")
      .filter(([key, value]) => argumentsOf(value as string).join() !== argumentsOf(enLeaves.get(key) as string).join())
      .map(([key]) => key);
    expect(mismatched).toEqual([]);
  });

  it("keeps the error messages the server actions return", () => {
    for (const key of ["invalidInput", "notFound", "forbidden", "unauthenticated", "conflict", "unexpected"]) {
      expect(jaLeaves.get(`errors.${key}`), key).toEqual(expect.any(String));
    }
  });

  it("is Japanese by default: the sign-in texts the users see first are in Japanese", () => {
    expect(jaLeaves.get("auth.signIn.submit")).toBe("ログイン");
    expect(jaLeaves.get("auth.signIn.errors.invalidCredentials")).toBe("メールアドレスまたはパスワードが正しくありません。");
  });
});

describe("the key comparison itself", () => {
  it("notices a key missing on one side and an empty value", () => {
    const left = new Map(leaves({ a: { b: "x", c: "y" } }));
    const right = new Map(leaves({ a: { b: "" } }));
    expect([...left.keys()].filter((k) => !right.has(k))).toEqual(["a.c"]);
    expect([...right].filter(([, v]) => typeof v !== "string" || v.trim() === "").map(([k]) => k)).toEqual(["a.b"]);
    expect(argumentsOf("{days}日超過、{ days }")).toEqual(["days"]);
  });
});
