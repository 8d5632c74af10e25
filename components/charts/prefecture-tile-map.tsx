import Link from "next/link";
import { getTranslations } from "next-intl/server";
import type { Locale } from "@/lib/i18n/config";
import { cn } from "@/lib/utils";
import { ChartTable } from "./chart-table";
import { PREFECTURE_TILES, TILE_GRID, shadeLevel, shadeRanges } from "./prefecture-tiles";

export interface PrefectureTileValue {
  code: number;
  nameJa: string;
  nameEn: string;
  /** Null: outside what the viewer may see (drawn muted, not linked). */
  value: number | null;
}

interface PrefectureTileMapProps {
  /** The 47 prefectures; a missing one is drawn as out of scope. */
  values: readonly PrefectureTileValue[];
  locale: Locale;
  /** The heading of the figure (e.g. 都道府県別の支援企業数). */
  title: string;
  description?: string;
  /** Where a tile leads; by default the prefecture's cases. */
  hrefFor?: (code: number) => string;
  className?: string;
}

/** Shading steps 0–4: the number is printed on every tile as well, so colour is never the only signal. */
const SHADES = [
  "bg-card text-foreground border-border",
  "bg-primary/15 text-foreground border-primary/30",
  "bg-primary/35 text-foreground border-primary/40",
  // Dark text: white on 65 % primary is 3.4:1, below WCAG AA (4.5:1); the foreground colour gives 4.9:1.
  "bg-primary/65 text-foreground border-primary/70",
  "bg-primary text-primary-foreground border-primary",
] as const;

/**
 * 47 equal tiles on a grid of Japan, shaded by a number (companies supported), each a link to that
 * prefecture's cases. Screen readers get a name and a number per link, and the same data as a table.
 * Export for the 経産局 home: `<PrefectureTileMap values={data.prefectures} … />` with
 * getPrefectureMapForActor (lib/kpi/prefecture-map.ts).
 */
export async function PrefectureTileMap({ values, locale, title, description, hrefFor = (code) => `/cases?prefecture=${code}`, className }: PrefectureTileMapProps) {
  const t = await getTranslations("kpi.tileMap");
  const byCode = new Map(values.map((v) => [v.code, v]));
  const max = Math.max(0, ...values.map((v) => v.value ?? 0));
  const nameOf = (v: PrefectureTileValue) => (locale === "ja" ? v.nameJa : v.nameEn);

  return (
    <figure data-testid="prefecture-tile-map" className={cn("grid gap-3", className)}>
      <figcaption>
        <span className="font-semibold">{title}</span>
        {description ? <span className="block text-sm text-muted-foreground">{description}</span> : null}
      </figcaption>
      <div
        className="grid w-full max-w-xl gap-1"
        style={{ gridTemplateColumns: `repeat(${TILE_GRID.columns}, minmax(0, 1fr))`, gridTemplateRows: `repeat(${TILE_GRID.rows}, auto)` }}
      >
        {PREFECTURE_TILES.map((tile) => {
          const entry = byCode.get(tile.code);
          const value = entry?.value ?? null;
          const name = entry ? nameOf(entry) : locale === "ja" ? tile.shortJa : tile.shortEn;
          const short = locale === "ja" ? tile.shortJa : tile.shortEn.slice(0, 3);
          const position = { gridColumn: tile.col + 1, gridRow: tile.row + 1 };
          const body = (
            <>
              <span className="truncate text-[0.6rem] leading-none sm:text-[0.65rem]">{short}</span>
              <span className="text-[0.7rem] leading-none font-semibold tabular-nums sm:text-xs">{value ?? "–"}</span>
            </>
          );
          const tileClass = "flex aspect-square min-w-0 flex-col items-center justify-center gap-0.5 rounded-sm border px-0.5";
          if (value === null) {
            return (
              <span
                key={tile.code}
                style={position}
                className={cn(tileClass, "border-dashed bg-muted/50 text-muted-foreground")}
                title={t("tileLabelOutOfScope", { prefecture: name })}
                aria-label={t("tileLabelOutOfScope", { prefecture: name })}
                role="img"
              >
                {body}
              </span>
            );
          }
          const label = t("tileLabel", { prefecture: name, count: value });
          return (
            <Link
              key={tile.code}
              href={hrefFor(tile.code)}
              style={position}
              data-prefecture={tile.code}
              data-shade={shadeLevel(value, max)}
              className={cn(tileClass, SHADES[shadeLevel(value, max)], "transition-shadow hover:ring-2 hover:ring-ring")}
              title={label}
              aria-label={label}
            >
              {body}
            </Link>
          );
        })}
      </div>
      <div className="flex flex-wrap items-center gap-x-3 gap-y-1 text-xs text-muted-foreground" aria-hidden>
        <span>{t("legend")}</span>
        <span className="flex items-center gap-1">
          <span className={cn("inline-block size-3 rounded-sm border", SHADES[0])} />
          {t("zero")}
        </span>
        {shadeRanges(max).map((range) => (
          <span key={range.level} className="flex items-center gap-1">
            <span className={cn("inline-block size-3 rounded-sm border", SHADES[range.level])} />
            {t("range", { from: range.from, to: range.to })}
          </span>
        ))}
        <span className="flex items-center gap-1">
          <span className="inline-block size-3 rounded-sm border border-dashed bg-muted/50" />
          {t("outOfScope")}
        </span>
      </div>
      <ChartTable
        summary={t("tableSummary")}
        caption={title}
        columns={[t("prefecture"), t("companies")]}
        rows={values.map((v) => ({ key: String(v.code), cells: [nameOf(v), v.value === null ? t("outOfScope") : v.value] }))}
      />
    </figure>
  );
}
