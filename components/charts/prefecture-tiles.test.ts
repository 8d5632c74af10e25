import { describe, expect, it } from "vitest";
import { PREFECTURES } from "@/db/seed/data/reference";
import { PREFECTURE_TILES, TILE_GRID, shadeLevel, shadeRanges } from "./prefecture-tiles";

describe("the tile grid of Japan", () => {
  it("has one tile for each of the 47 prefectures, named like the reference data", () => {
    expect(PREFECTURE_TILES.map((t) => t.code).sort((a, b) => a - b)).toEqual(PREFECTURES.map((p) => p.code));
    for (const tile of PREFECTURE_TILES) {
      const prefecture = PREFECTURES.find((p) => p.code === tile.code)!;
      expect(prefecture.nameJa.startsWith(tile.shortJa), `${tile.shortJa} / ${prefecture.nameJa}`).toBe(true);
      expect(tile.shortEn).toBe(prefecture.nameEn);
    }
  });

  it("puts no two tiles on the same square, all inside the grid", () => {
    const squares = new Set(PREFECTURE_TILES.map((t) => `${t.col},${t.row}`));
    expect(squares.size).toBe(47);
    for (const tile of PREFECTURE_TILES) {
      expect(tile.col).toBeGreaterThanOrEqual(0);
      expect(tile.col).toBeLessThan(TILE_GRID.columns);
      expect(tile.row).toBeGreaterThanOrEqual(0);
      expect(tile.row).toBeLessThan(TILE_GRID.rows);
    }
  });

  it("keeps neighbours of the same block next to each other (中部: 富山・石川・岐阜・愛知・三重)", () => {
    const at = (code: number) => PREFECTURE_TILES.find((t) => t.code === code)!;
    const touches = (a: number, b: number) => Math.abs(at(a).col - at(b).col) + Math.abs(at(a).row - at(b).row) === 1;
    expect(touches(16, 17)).toBe(true); // 富山–石川
    expect(touches(17, 21)).toBe(true); // 石川–岐阜
    expect(touches(21, 23)).toBe(true); // 岐阜–愛知
    expect(touches(23, 24)).toBe(true); // 愛知–三重
    expect(touches(1, 2)).toBe(true); // 北海道–青森
  });
});

describe("shading", () => {
  it("is 0 for nothing and steps 1–4 up to the largest value", () => {
    expect([0, 1, 2, 3, 4, 5, 8].map((v) => shadeLevel(v, 8))).toEqual([0, 1, 1, 2, 2, 3, 4]);
    expect(shadeLevel(3, 0)).toBe(0);
  });

  it("has legend ranges that agree with the shading of every value", () => {
    for (const max of [1, 2, 3, 7, 8, 40]) {
      for (const range of shadeRanges(max)) {
        for (let v = range.from; v <= range.to; v += 1) expect(shadeLevel(v, max)).toBe(range.level);
      }
      const covered = shadeRanges(max).reduce((n, r) => n + (r.to - r.from + 1), 0);
      expect(covered).toBe(max);
    }
  });
});
