"use client";

import { useEffect, useRef, useState, useTransition } from "react";
import { usePathname, useRouter, useSearchParams } from "next/navigation";
import { useLocale, useTranslations } from "next-intl";
import { Loader2, Search } from "lucide-react";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { Select } from "@/components/ui/select";

export interface SearchOption {
  value: string;
  nameJa: string;
  nameEn: string;
}

interface CompanySearchFormProps {
  prefectures: SearchOption[];
  blocks: SearchOption[];
}

/** Japanese search is served by indexes from two characters (docs/decisions/006-company-search.md). */
const MIN_QUERY_LENGTH = 2;
const DEBOUNCE_MS = 300;

/**
 * The company search: results follow the box as the user types (debounced), and every filter lives in the URL
 * — the list is rendered on the server from it, so a search can be bookmarked, shared and exported as shown.
 * As a plain GET form it also works before JavaScript has loaded.
 */
export function CompanySearchForm({ prefectures, blocks }: CompanySearchFormProps) {
  const t = useTranslations("companies.search");
  const locale = useLocale();
  const router = useRouter();
  const pathname = usePathname();
  const params = useSearchParams();
  const [pending, startTransition] = useTransition();
  const [q, setQ] = useState(params.get("q") ?? "");
  const [industry, setIndustry] = useState(params.get("industry") ?? "");
  // Selections are held here as well as in the URL, so that a choice shows at once, not after the navigation.
  const [block, setBlock] = useState(params.get("block") ?? "");
  const [prefecture, setPrefecture] = useState(params.get("prefecture") ?? "");
  const [open, setOpen] = useState(params.get("open") === "1");
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);

  useEffect(() => () => clearTimeout(timer.current), []);

  /** Replaces the URL's filters (and drops the page position, which belongs to the old result). */
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

  function onTextChange(name: "q" | "industry", value: string) {
    (name === "q" ? setQ : setIndustry)(value);
    clearTimeout(timer.current);
    const length = [...value.trim()].length;
    // One character would match most of the list without an index; wait for the second.
    if (name === "q" && length > 0 && length < MIN_QUERY_LENGTH) return;
    timer.current = setTimeout(() => navigate({ [name]: value }), DEBOUNCE_MS);
  }

  const optionName = (o: SearchOption) => (locale === "ja" ? o.nameJa : o.nameEn);
  const tooShort = [...q.trim()].length > 0 && [...q.trim()].length < MIN_QUERY_LENGTH;

  return (
    <form
      method="get"
      action={pathname}
      role="search"
      aria-label={t("label")}
      className="grid gap-3 md:grid-cols-[minmax(16rem,2fr)_repeat(3,minmax(9rem,1fr))_auto] md:items-end"
      onSubmit={(event) => {
        event.preventDefault();
        clearTimeout(timer.current);
        navigate({ q, industry });
      }}
    >
      <div className="grid gap-1.5">
        <Label htmlFor="company-q">{t("query")}</Label>
        <div className="relative">
          <Search aria-hidden className="pointer-events-none absolute top-1/2 left-2.5 size-4 -translate-y-1/2 text-muted-foreground" />
          <Input
            id="company-q"
            name="q"
            type="search"
            value={q}
            onChange={(event) => onTextChange("q", event.target.value)}
            placeholder={t("placeholder")}
            maxLength={100}
            autoComplete="off"
            className="pl-8"
            aria-describedby="company-q-hint"
          />
          {pending ? <Loader2 aria-hidden className="absolute top-1/2 right-2.5 size-4 -translate-y-1/2 animate-spin text-muted-foreground" /> : null}
        </div>
        <p id="company-q-hint" className="text-xs text-muted-foreground" aria-live="polite">
          {tooShort ? t("tooShort", { min: MIN_QUERY_LENGTH }) : t("hint")}
        </p>
      </div>
      <div className="grid gap-1.5 self-start">
        <Label htmlFor="company-block">{t("block")}</Label>
        <Select id="company-block" name="block" value={block}
          onChange={(event) => {
            setBlock(event.target.value);
            navigate({ block: event.target.value });
          }}>
          <option value="">{t("allBlocks")}</option>
          {blocks.map((b) => (
            <option key={b.value} value={b.value}>
              {optionName(b)}
            </option>
          ))}
        </Select>
      </div>
      <div className="grid gap-1.5 self-start">
        <Label htmlFor="company-prefecture">{t("prefecture")}</Label>
        <Select
          id="company-prefecture"
          name="prefecture"
          value={prefecture}
          onChange={(event) => {
            setPrefecture(event.target.value);
            navigate({ prefecture: event.target.value });
          }}
        >
          <option value="">{t("allPrefectures")}</option>
          {prefectures.map((p) => (
            <option key={p.value} value={p.value}>
              {optionName(p)}
            </option>
          ))}
        </Select>
      </div>
      <div className="grid gap-1.5 self-start">
        <Label htmlFor="company-industry">{t("industry")}</Label>
        <Input
          id="company-industry"
          name="industry"
          value={industry}
          onChange={(event) => onTextChange("industry", event.target.value)}
          placeholder={t("industryPlaceholder")}
          maxLength={100}
          autoComplete="off"
        />
      </div>
      <div className="flex h-9 items-center gap-3 self-start md:mt-[1.375rem]">
        <label className="flex items-center gap-2 text-sm whitespace-nowrap">
          <input
            type="checkbox"
            name="open"
            value="1"
            checked={open}
            onChange={(event) => {
              setOpen(event.target.checked);
              navigate({ open: event.target.checked ? "1" : "" });
            }}
            className="size-4 accent-primary"
          />
          {t("hasOpenCase")}
        </label>
        <Button type="submit" variant="secondary" size="sm">
          {t("submit")}
        </Button>
      </div>
    </form>
  );
}
