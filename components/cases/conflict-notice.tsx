"use client";

import { useTranslations } from "next-intl";
import { AlertTriangle } from "lucide-react";
import { Alert, AlertDescription, AlertTitle } from "@/components/ui/alert";

export interface ConflictRow {
  label: string;
  /** The value someone else saved, as it is now. */
  current: string;
  /** What this user typed (kept in the form). */
  yours: string;
}

/**
 * A stale edit was refused: someone saved first. Shows, field by field, what is stored now beside what the
 * user typed — their input stays in the form, and the form now carries the new version, so saving again is a
 * decision made after seeing the difference, never a silent overwrite.
 */
export function ConflictNotice({ rows, message }: { rows: ConflictRow[]; message: string }) {
  const t = useTranslations("cases.conflict");
  return (
    <Alert variant="warning" role="alert" data-testid="conflict-notice">
      <AlertTriangle aria-hidden />
      <AlertTitle>{t("title")}</AlertTitle>
      <AlertDescription className="grid gap-2">
        <p>{message}</p>
        {rows.length > 0 ? (
          <table className="w-full text-xs">
            <thead>
              <tr className="text-left text-muted-foreground">
                <th scope="col" className="py-1 pr-2 font-medium">
                  {t("field")}
                </th>
                <th scope="col" className="py-1 pr-2 font-medium">
                  {t("current")}
                </th>
                <th scope="col" className="py-1 font-medium">
                  {t("yours")}
                </th>
              </tr>
            </thead>
            <tbody>
              {rows.map((row) => (
                <tr key={row.label} className="border-t align-top">
                  <th scope="row" className="py-1 pr-2 text-left font-medium">
                    {row.label}
                  </th>
                  <td className="py-1 pr-2 break-words whitespace-pre-wrap">{row.current || "—"}</td>
                  <td className="py-1 break-words whitespace-pre-wrap">{row.yours || "—"}</td>
                </tr>
              ))}
            </tbody>
          </table>
        ) : (
          <p>{t("noFieldChanges")}</p>
        )}
      </AlertDescription>
    </Alert>
  );
}
