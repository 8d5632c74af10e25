import { getLocale, getTranslations } from "next-intl/server";
import { Languages } from "lucide-react";
import { setLocale } from "@/lib/auth/set-locale";
import { Button } from "@/components/ui/button";
import { cn } from "@/lib/utils";

/**
 * One button that switches to the other language. A plain form posting a server action: it works before
 * hydration and with the keyboard, and the page re-renders in the new language.
 */
export async function LanguageSwitch({ className }: { className?: string }) {
  const locale = await getLocale();
  const t = await getTranslations("shell");
  const other = locale === "ja" ? "en" : "ja";
  return (
    <form action={setLocale} className={cn("inline-flex", className)}>
      <input type="hidden" name="locale" value={other} />
      <Button type="submit" variant="ghost" size="sm" lang={other} aria-label={t("switchToLabel")} title={t("switchToLabel")}>
        <Languages aria-hidden />
        <span>{t("switchTo")}</span>
      </Button>
    </form>
  );
}
