import { useTranslations } from "next-intl";
import { Check, Minus } from "lucide-react";
import { cn } from "@/lib/utils";

export interface ConsentScopes {
  scopeBasicProfile: boolean;
  scopeConsultationSummary: boolean;
  scopeConfidentialNotes: boolean;
}

export const CONSENT_SCOPE_KEYS = ["scopeBasicProfile", "scopeConsultationSummary", "scopeConfidentialNotes"] as const;

/**
 * What a consent lets the company's information go as far as: each scope with a tick or a dash, and the words
 * 「共有可」/「共有不可」 for screen readers — never colour alone. Works in server and client components.
 */
export function ConsentScopeList({ scopes, inline = false, className }: { scopes: ConsentScopes; inline?: boolean; className?: string }) {
  const t = useTranslations("consents.scope");
  return (
    <ul className={cn(inline ? "flex flex-wrap gap-x-3 gap-y-1" : "grid gap-1", "text-sm", className)}>
      {CONSENT_SCOPE_KEYS.map((key) => {
        const on = scopes[key];
        return (
          <li key={key} data-scope={key} data-included={on} className={cn("flex items-center gap-1.5", !on && "text-muted-foreground")}>
            {on ? <Check aria-hidden className="size-4 shrink-0 text-success" /> : <Minus aria-hidden className="size-4 shrink-0" />}
            <span className={cn(!on && "line-through")}>{t(key)}</span>
            <span className="sr-only">{on ? t("included") : t("excluded")}</span>
          </li>
        );
      })}
    </ul>
  );
}
