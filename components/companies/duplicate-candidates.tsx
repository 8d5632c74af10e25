"use client";

import Link from "next/link";
import { useLocale, useTranslations } from "next-intl";
import { AlertTriangle, ExternalLink } from "lucide-react";
import type { DuplicateCandidate } from "@/lib/companies/find-duplicates";
import type { PrefectureOption } from "@/lib/dashboard/reference";
import { Alert, AlertDescription, AlertTitle } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";

interface DuplicateCandidatesProps {
  candidates: DuplicateCandidate[];
  prefectures: PrefectureOption[];
  /** The confirmation checkbox, shown when registering anyway is possible (no same-number match). */
  confirm?: React.ReactNode;
}

/**
 * Likely duplicates of the company being registered. A company the user may see is named and linked (opened in
 * a new tab, so that the form keeps what was typed); one they may not see is only counted — its name stays with
 * the organization that registered it.
 */
export function DuplicateCandidates({ candidates, prefectures, confirm }: DuplicateCandidatesProps) {
  const t = useTranslations("companies.duplicates");
  const locale = useLocale();
  if (candidates.length === 0) return null;
  const sameNumber = candidates.some((c) => c.reason === "corporate_number");
  const prefectureName = (code: number) => {
    const p = prefectures.find((x) => x.code === code);
    return p ? (locale === "ja" ? p.nameJa : p.nameEn) : String(code);
  };
  return (
    <Alert variant={sameNumber ? "destructive" : "warning"} role="status" data-testid="duplicate-candidates">
      <AlertTriangle aria-hidden />
      <AlertTitle>{sameNumber ? t("sameNumberTitle") : t("title", { count: candidates.length })}</AlertTitle>
      <AlertDescription className="grid gap-2">
        <p>{sameNumber ? t("sameNumberHelp") : t("help")}</p>
        <ul className="grid gap-1.5">
          {candidates.map((candidate, index) => (
            <li key={candidate.visible ? candidate.id : `hidden-${index}`} className="flex flex-wrap items-center gap-2 text-foreground">
              <Badge variant={candidate.reason === "corporate_number" ? "destructive" : "warning"}>{t(`reasons.${candidate.reason}`)}</Badge>
              {candidate.visible ? (
                <>
                  <Link href={`/companies/${candidate.id}`} target="_blank" rel="noopener" className="inline-flex items-center gap-1 font-medium text-primary hover:underline">
                    {candidate.name}
                    <ExternalLink aria-hidden className="size-3" />
                    <span className="sr-only">{t("opensInNewTab")}</span>
                  </Link>
                  <span className="text-xs text-muted-foreground">
                    {[candidate.corporateNumber, prefectureName(candidate.prefectureCode), candidate.city].filter(Boolean).join(" · ")}
                  </span>
                </>
              ) : (
                <span className="text-muted-foreground">{t("hidden")}</span>
              )}
            </li>
          ))}
        </ul>
        {!sameNumber && confirm ? <div className="pt-1">{confirm}</div> : null}
      </AlertDescription>
    </Alert>
  );
}
