import { getTranslations } from "next-intl/server";
import { getDb } from "@/db/client";
import type { Actor } from "@/lib/authz/actor";
import { getDeskOverview } from "@/lib/dashboard/queries";
import { getUiLocale } from "@/components/app-shell/locale";
import { PageHeader } from "@/components/app-shell/page-header";
import { DeskSections } from "./desk-sections";

/** INPIT 知財総合支援窓口: today's tasks first. */
export async function InpitHome({ actor }: { actor: Actor }) {
  const [t, locale, overview] = await Promise.all([getTranslations("home.inpit"), getUiLocale(), getDeskOverview(getDb(), actor)]);
  return (
    <section data-testid="home-inpit" aria-labelledby="home-title">
      <PageHeader titleId="home-title" title={t("title")} description={t("subtitle")} />
      <DeskSections actor={actor} overview={overview} locale={locale} />
    </section>
  );
}
