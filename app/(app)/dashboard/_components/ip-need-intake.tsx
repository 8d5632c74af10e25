"use client";

import { useId, useState } from "react";
import Link from "next/link";
import { useQuery } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { ArrowRight, Lightbulb, Search } from "lucide-react";
import { IP_NEED_SIGNALS, suggestReferrals, type IpNeedSignal } from "@/lib/dashboard/intake";
import { newReferralHref } from "@/components/referrals/new-referral-href";
import { fetchJson } from "@/components/referrals/referral-queries";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";

interface CompanyHit {
  id: string;
  name: string;
  prefectureName: string;
  city: string | null;
}

/**
 * 「知財ニーズに気づいたら」: a short checklist for advisors who are not IP experts. They tick what they noticed
 * at the company, optionally pick the company, and get whom to refer to and what to ask for — each suggestion
 * opens the referral form already filled in (/referrals/new?companyId&toParty&service), where consent is
 * recorded and the nearest organization of that party is offered. Nothing is stored until the form is sent.
 */
export function IpNeedIntake() {
  const t = useTranslations("intake");
  const tParty = useTranslations("parties");
  const tService = useTranslations("referrals.services");
  const id = useId();
  const [checked, setChecked] = useState<IpNeedSignal[]>([]);
  const [draft, setDraft] = useState("");
  const [term, setTerm] = useState("");
  const [company, setCompany] = useState<CompanyHit | null>(null);

  const search = useQuery({
    queryKey: ["intake", "companies", term],
    queryFn: () => fetchJson<{ items: CompanyHit[] }>(`/api/v1/companies?${new URLSearchParams({ q: term, limit: "8" })}`),
    enabled: term.length >= 2,
  });
  const suggestions = suggestReferrals(checked);
  const toggle = (signal: IpNeedSignal, on: boolean) =>
    setChecked((current) => (on ? [...current, signal] : current.filter((s) => s !== signal)));

  return (
    <div className="grid gap-5" data-testid="ip-need-intake">
      <fieldset className="grid gap-2">
        <legend className="mb-1 text-sm font-medium">{t("signalsLegend")}</legend>
        <div className="grid gap-2 md:grid-cols-2">
          {IP_NEED_SIGNALS.map((signal) => (
            <label
              key={signal}
              className="flex cursor-pointer items-start gap-2 rounded-md border px-3 py-2 text-sm has-checked:border-primary has-checked:bg-primary/5"
            >
              <input
                type="checkbox"
                name="signals"
                value={signal}
                checked={checked.includes(signal)}
                onChange={(event) => toggle(signal, event.target.checked)}
                className="mt-0.5 size-4 accent-primary"
              />
              <span>
                {t(`signals.${signal}.label`)}
                <span className="block text-xs text-muted-foreground">{t(`signals.${signal}.hint`)}</span>
              </span>
            </label>
          ))}
        </div>
      </fieldset>

      <div className="grid gap-2">
        <form
          role="search"
          className="flex flex-wrap items-end gap-2"
          onSubmit={(event) => {
            event.preventDefault();
            setTerm(draft.trim());
          }}
        >
          <div className="grid gap-1.5">
            <Label htmlFor={`${id}-company`}>{t("companyLabel")}</Label>
            <Input
              id={`${id}-company`}
              value={draft}
              onChange={(event) => setDraft(event.target.value)}
              placeholder={t("companyPlaceholder")}
              className="w-72 max-w-full"
              aria-describedby={`${id}-company-hint`}
            />
          </div>
          <Button type="submit" variant="outline">
            <Search aria-hidden />
            {t("companySearch")}
          </Button>
        </form>
        <p id={`${id}-company-hint`} className="text-xs text-muted-foreground">
          {t("companyHint")}
        </p>
        <div aria-live="polite">
          {term.length >= 2 && search.isSuccess ? (
            search.data.items.length === 0 ? (
              <p className="text-sm text-muted-foreground">{t("companyNone")}</p>
            ) : (
              <fieldset className="grid gap-1">
                <legend className="sr-only">{t("companyResults")}</legend>
                {search.data.items.map((hit) => (
                  <label key={hit.id} className="flex cursor-pointer items-center gap-2 text-sm">
                    <input
                      type="radio"
                      name={`${id}-company-choice`}
                      value={hit.id}
                      checked={company?.id === hit.id}
                      onChange={() => setCompany(hit)}
                      className="size-4 accent-primary"
                    />
                    {hit.name}
                    <span className="text-xs text-muted-foreground">
                      {hit.prefectureName}
                      {hit.city ?? ""}
                    </span>
                  </label>
                ))}
              </fieldset>
            )
          ) : null}
          {search.isError ? <p className="text-sm text-destructive">{t("companyError")}</p> : null}
        </div>
      </div>

      <section aria-labelledby={`${id}-suggestions`} aria-live="polite" className="grid gap-3" data-testid="intake-suggestions">
        <h3 id={`${id}-suggestions`} className="flex items-center gap-2 text-sm font-semibold">
          <Lightbulb aria-hidden className="size-4 text-primary" />
          {t("suggestionsTitle")}
        </h3>
        {suggestions.length === 0 ? (
          <p className="text-sm text-muted-foreground">{t("noSignals")}</p>
        ) : (
          <ol className="grid gap-2">
            {suggestions.map((suggestion, index) => (
              <li
                key={`${suggestion.toParty}-${suggestion.service}`}
                className="flex flex-wrap items-center justify-between gap-3 rounded-md border p-3"
                data-testid="intake-suggestion"
                data-party={suggestion.toParty}
                data-service={suggestion.service}
              >
                <div className="grid gap-1">
                  <p className="flex flex-wrap items-center gap-2 text-sm font-medium">
                    {index === 0 ? <Badge variant="info">{t("recommended")}</Badge> : null}
                    {t("suggestion", { party: tParty(suggestion.toParty), service: tService(suggestion.service) })}
                  </p>
                  <p className="text-xs text-muted-foreground">
                    {t("because", { signs: suggestion.signals.map((s) => t(`signals.${s}.label`)).join("・") })}
                  </p>
                </div>
                <Button asChild size="sm" variant={index === 0 ? "default" : "outline"}>
                  <Link href={newReferralHref({ companyId: company?.id, toParty: suggestion.toParty, service: suggestion.service })}>
                    {company ? t("startWithCompany", { company: company.name }) : t("start")}
                    <ArrowRight aria-hidden />
                  </Link>
                </Button>
              </li>
            ))}
          </ol>
        )}
      </section>
    </div>
  );
}
