"use client";

import { useState } from "react";
import { useTranslations } from "next-intl";
import { Copy, KeyRound } from "lucide-react";
import { Alert, AlertDescription, AlertTitle } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";

/**
 * The one-time initial password, shown once right after it was made: the administrator hands it to the user
 * (in person, by phone). It is not stored anywhere readable, so closing the dialog loses it for good — a new
 * one can be issued.
 */
export function OneTimePassword({ email, password }: { email: string; password: string }) {
  const t = useTranslations("admin.users");
  const [copied, setCopied] = useState(false);
  return (
    <Alert variant="warning" data-testid="one-time-password">
      <KeyRound aria-hidden />
      <AlertTitle>{t("passwordTitle")}</AlertTitle>
      <AlertDescription className="grid gap-2">
        <p>{t("passwordFor", { email })}</p>
        <p className="flex flex-wrap items-center gap-2">
          <code className="rounded-md border bg-card px-2 py-1 font-mono text-base tracking-wider text-foreground" data-testid="initial-password">
            {password}
          </code>
          <Button
            type="button"
            size="sm"
            variant="outline"
            onClick={async () => {
              try {
                await navigator.clipboard.writeText(password);
                setCopied(true);
              } catch {
                // No clipboard (an insecure origin, a refused permission): the password stays on screen to copy by hand.
              }
            }}
          >
            <Copy aria-hidden />
            {copied ? t("copied") : t("copy")}
          </Button>
        </p>
        <p className="text-xs">{t("passwordOnce")}</p>
      </AlertDescription>
    </Alert>
  );
}
