"use client";

import { useEffect, useRef, useState, useTransition } from "react";
import { usePathname, useRouter, useSearchParams } from "next/navigation";
import { useLocale, useTranslations } from "next-intl";
import { Loader2, Search } from "lucide-react";
import { ALL_STAGES } from "@/lib/cases/stage";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { Select } from "@/components/ui/select";

interface CaseFiltersProps {
  themes: { key: string; nameJa: string; nameEn: string }[];
  /** The 47 prefectures in JIS order: the company's prefecture (where the 経産局 tile map's links lead). */
  prefectures: { code: number; nameJa: string; nameEn: string }[];
  /** The board has a column per stage, so it has no stage filter. */
  showStage: boolean;
}

const DEBOUNCE_MS = 300;

/**
 * The case list's and the board's filters. They live in the URL — the page is rendered on the server from it —
 * so a filtered list can be bookmarked, shared, exported as shown, and switched between list and board.
 * As a plain GET form it also works before JavaScript has loaded.
 */
export function CaseFilters({ themes, prefectures, showStage }: CaseFiltersProps) {
  const t = useTranslations("cases.filters");
  const ts = useTranslations("stages");
  const locale = useLocale();
  const router = useRouter();
  const pathname = usePathname();
  const params = useSearchParams();
  const [pending, startTransition] = useTransition();
  const [q, setQ] = useState(params.get("q") ?? "");
  const [stage, setStage] = useState(params.get("stage") ?? "");
  const [theme, setTheme] = useState(params.get("theme") ?? "");
  const [prefecture, setPrefecture] = useState(params.get("prefecture") ?? "");
  const [mine, setMine] = useState(params.get("mine") === "1");
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  useEffect(() => () => clearTimeout(timer.current), []);

  function navigate(changes: Record<string, string>) {
    const next = new URLSearchParams(params.toString());
    next.delete("cursor");
    for (const [key, value] of Object.entries(changes)) {
      if (value.trim() === "") next.delete(key);
      else next.set(key, value.trim());
    }
    const query = next.toString();
    startTransition(() => router.replace(query ? `${pathname}?${query}` : pathname, { scroll: false }));
  }

  return (
    <form
      method="get"
      action={pathname}
      role="search"
      aria-label={t("label")}
      className="flex flex-wrap items-end gap-3"
      onSubmit={(event) => {
        event.preventDefault();
        clearTimeout(timer.current);
        navigate({ q });
      }}
    >
      {params.get("view") ? <input type="hidden" name="view" value={params.get("view") ?? ""} /> : null}
      <div className="grid min-w-60 flex-1 gap-1.5">
        <Label htmlFor="case-q">{t("query")}</Label>
        <div className="relative">
          <Search aria-hidden className="pointer-events-none absolute top-1/2 left-2.5 size-4 -translate-y-1/2 text-muted-foreground" />
          <Input
            id="case-q"
            name="q"
            type="search"
            value={q}
            onChange={(event) => {
              setQ(event.target.value);
              clearTimeout(timer.current);
              const value = event.target.value;
              timer.current = setTimeout(() => navigate({ q: value }), DEBOUNCE_MS);
            }}
            placeholder={t("placeholder")}
            maxLength={100}
            autoComplete="off"
            className="pl-8"
          />
          {pending ? <Loader2 aria-hidden className="absolute top-1/2 right-2.5 size-4 -translate-y-1/2 animate-spin text-muted-foreground" /> : null}
        </div>
      </div>
      {showStage ? (
        <div className="grid w-44 gap-1.5">
          <Label htmlFor="case-stage">{t("stage")}</Label>
          <Select
            id="case-stage"
            name="stage"
            value={stage}
            onChange={(event) => {
              setStage(event.target.value);
              navigate({ stage: event.target.value });
            }}
          >
            <option value="">{t("allStages")}</option>
            {ALL_STAGES.map((s) => (
              <option key={s} value={s}>
                {ts(s)}
              </option>
            ))}
          </Select>
        </div>
      ) : null}
      <div className="grid w-52 gap-1.5">
        <Label htmlFor="case-theme">{t("theme")}</Label>
        <Select
          id="case-theme"
          name="theme"
          value={theme}
          onChange={(event) => {
            setTheme(event.target.value);
            navigate({ theme: event.target.value });
          }}
        >
          <option value="">{t("allThemes")}</option>
          {themes.map((th) => (
            <option key={th.key} value={th.key}>
              {locale === "ja" ? th.nameJa : th.nameEn}
            </option>
          ))}
        </Select>
      </div>
      <div className="grid w-40 gap-1.5">
        <Label htmlFor="case-prefecture">{t("prefecture")}</Label>
        <Select
          id="case-prefecture"
          name="prefecture"
          value={prefecture}
          onChange={(event) => {
            setPrefecture(event.target.value);
            navigate({ prefecture: event.target.value });
          }}
        >
          <option value="">{t("allPrefectures")}</option>
          {prefectures.map((p) => (
            <option key={p.code} value={String(p.code)}>
              {locale === "ja" ? p.nameJa : p.nameEn}
            </option>
          ))}
        </Select>
      </div>
      <label className="flex h-9 items-center gap-2 text-sm whitespace-nowrap">
        <input
          type="checkbox"
          name="mine"
          value="1"
          checked={mine}
          onChange={(event) => {
            setMine(event.target.checked);
            navigate({ mine: event.target.checked ? "1" : "" });
          }}
          className="size-4 accent-primary"
        />
        {t("mine")}
      </label>
      <Button type="submit" variant="secondary" size="sm" className="h-9">
        {t("submit")}
      </Button>
    </form>
  );
}
