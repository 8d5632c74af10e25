import { getTranslations } from "next-intl/server";
import { getDb } from "@/db/client";
import type { Actor } from "@/lib/authz/actor";
import { getDeskOverview } from "@/lib/dashboard/queries";
import { getUiLocale } from "@/components/app-shell/locale";
import { PageHeader } from "@/components/app-shell/page-header";
import { DeskSections } from "./desk-sections";

/**
 * A party kind added after this release (party kinds are data, e.g. 中小企業庁) has no home of its own yet:
 * it gets the desk view, which is scoped like every other.
 */
export async function GeneralHome({ actor }: { actor: Actor }) {
  const [t, locale, overview] = await Promise.all([getTranslations("home.general"), getUiLocale(), getDeskOverview(getDb(), actor)]);
  return (
    <section data-testid="home-general" aria-labelledby="home-title">
      <PageHeader titleId="home-title" title={t("title")} description={t("subtitle")} />
      <DeskSections actor={actor} overview={overview} locale={locale} />
    </section>
  );
}
