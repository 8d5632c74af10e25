import { describe, expect, it } from "vitest";
import {
  clampLimit,
  decodeCursor,
  DEFAULT_PAGE_SIZE,
  encodeCursor,
  InvalidCursorError,
  isUuid,
  MAX_PAGE_SIZE,
  readPageOrStartOver,
  sectionCursor,
  toPage,
  withTotal,
} from "./pagination";

const ID = "3f2504e0-4f89-41d3-9a0c-0305e82c3301";
const raw = (value: unknown) => Buffer.from(JSON.stringify(value), "utf8").toString("base64url");

describe("cursors", () => {
  it("round-trip a text key and a timestamp key with microseconds", () => {
    for (const key of ["津軽醸造", "a,b\"c", ""]) {
      expect(decodeCursor(encodeCursor({ key, id: ID }), "text")).toEqual({ key, id: ID });
    }
    const key = "2025-06-01T00:00:00.000123Z";
    expect(decodeCursor(encodeCursor({ key, id: ID }), "timestamp")).toEqual({ key, id: ID });
  });

  it("round-trip the longest key they allow, whatever its characters", () => {
    for (const key of ["𠮷".repeat(500), "津".repeat(1000), "\u0001".repeat(1000)]) {
      expect(decodeCursor(encodeCursor({ key, id: ID }), "text")).toEqual({ key, id: ID });
    }
  });

  it("are opaque: URL-safe base64 with no padding", () => {
    expect(encodeCursor({ key: "株式会社？＋／", id: ID })).toMatch(/^[A-Za-z0-9_-]+$/);
  });

  it.each([
    ["not base64url", "!!!"],
    ["not JSON", Buffer.from("hello").toString("base64url")],
    ["an object", raw({ key: "a", id: ID })],
    ["three parts", raw(["a", ID, 1])],
    ["a number key", raw([1, ID])],
    ["an id that is not a UUID", raw(["a", "1 or 1=1"])],
    ["a NUL in the key", raw(["a\u0000", ID])],
    ["an overlong key", raw(["x".repeat(1001), ID])],
    ["an empty string", ""],
  ])("refuse %s", (_, cursor) => {
    expect(() => decodeCursor(cursor, "text")).toThrow(InvalidCursorError);
  });

  it.each([
    ["milliseconds only", "2025-06-01T00:00:00.000Z"],
    ["no zone", "2025-06-01T00:00:00.000000"],
    ["30 February", "2025-02-30T00:00:00.000000Z"],
    ["hour 24", "2025-06-01T24:00:00.000000Z"],
    ["a name", "津軽醸造"],
  ])("refuse a timestamp key with %s", (_, key) => {
    expect(() => decodeCursor(raw([key, ID]), "timestamp")).toThrow(InvalidCursorError);
  });
});

describe("page size", () => {
  it("defaults to 50 and stays within 1..200", () => {
    expect(clampLimit(undefined)).toBe(DEFAULT_PAGE_SIZE);
    expect(DEFAULT_PAGE_SIZE).toBe(50);
    expect(clampLimit(NaN)).toBe(50);
    expect(clampLimit(0)).toBe(1);
    expect(clampLimit(-5)).toBe(1);
    expect(clampLimit(12.7)).toBe(12);
    expect(clampLimit(10_000)).toBe(MAX_PAGE_SIZE);
    expect(MAX_PAGE_SIZE).toBe(200);
  });
});

describe("toPage", () => {
  const rows = [1, 2, 3].map((n) => ({ n, key: `k${n}`, id: ID }));

  it("returns a cursor at the last shown row when one more row was fetched", () => {
    const page = toPage(rows, 2, (r) => ({ key: r.key, id: r.id }), (r) => r.n);
    expect(page.items).toEqual([1, 2]);
    expect(decodeCursor(page.nextCursor!, "text")).toEqual({ key: "k2", id: ID });
  });

  it("returns no cursor on the last page", () => {
    expect(toPage(rows, 3, (r) => ({ key: r.key, id: r.id }), (r) => r.n)).toEqual({ items: [1, 2, 3], nextCursor: null });
    expect(toPage([], 3, () => ({ key: "", id: ID }), (r) => r)).toEqual({ items: [], nextCursor: null });
  });
});

describe("isUuid", () => {
  it("accepts canonical UUIDs in either case and nothing else", () => {
    expect(isUuid(ID)).toBe(true);
    expect(isUuid(ID.toUpperCase())).toBe(true);
    for (const value of [ID.replace(/-/g, ""), `{${ID}}`, `${ID} `, "", null, 42, "zzzzzzzz-4f89-41d3-9a0c-0305e82c3301"]) {
      expect(isUuid(value)).toBe(false);
    }
  });
});

describe("section pages and totals", () => {
  it("counts only when the first page does not already hold the whole list", async () => {
    let counted = 0;
    const count = async () => {
      counted += 1;
      return 99;
    };
    expect(await withTotal({ items: [1, 2], nextCursor: null }, true, count)).toEqual({ items: [1, 2], nextCursor: null, total: 2 });
    expect(counted).toBe(0);
    expect((await withTotal({ items: [1, 2], nextCursor: "next" }, true, count)).total).toBe(99);
    // A later page, even the last, does not know how many came before it.
    expect((await withTotal({ items: [3], nextCursor: null }, false, count)).total).toBe(99);
    expect(counted).toBe(2);
  });

  it("reads a section's position leniently: a damaged cursor is its first rows, a good one its position", () => {
    const good = encodeCursor({ key: "2025-05-01T00:00:00.000000Z", id: ID });
    expect(sectionCursor(good, "timestamp")).toEqual({ key: "2025-05-01T00:00:00.000000Z", id: ID });
    expect(sectionCursor(undefined, "text")).toBeNull();
    for (const damaged of ["%%%", raw(["x", "not-a-uuid"]), good.slice(0, 10)]) expect(sectionCursor(damaged, "timestamp")).toBeNull();
  });

  it("starts a list over on a damaged cursor, and lets every other error through", async () => {
    const read = async (cursor: string | undefined) => {
      if (cursor === "bad") throw new InvalidCursorError();
      if (cursor === "down") throw new Error("database down");
      return cursor ?? "first";
    };
    expect(await readPageOrStartOver("good", read)).toBe("good");
    expect(await readPageOrStartOver("bad", read)).toBe("first");
    await expect(readPageOrStartOver("down", read)).rejects.toThrow("database down");
  });
});
