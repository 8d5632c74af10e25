import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { SearchX } from "lucide-react";
import { Button } from "@/components/ui/button";

/**
 * The one "not found" text. A record the user may not see is shown exactly like one that does not exist,
 * so that the page never confirms an id (docs/ARCHITECTURE.md).
 */
export async function NotFoundMessage() {
  const t = await getTranslations();
  return (
    <section aria-labelledby="not-found-title" className="flex w-full flex-col items-start gap-3 py-12">
      <SearchX aria-hidden className="size-8 text-muted-foreground" />
      <h1 id="not-found-title" className="text-2xl font-semibold">
        {t("notFound.title")}
      </h1>
      <p className="text-muted-foreground">{t("notFound.description")}</p>
      <Button asChild variant="outline">
        <Link href="/dashboard">{t("common.backToDashboard")}</Link>
      </Button>
    </section>
  );
}
