"use client";

import { useState } from "react";
import { useTranslations } from "next-intl";
import { ShieldCheck } from "lucide-react";
import { Button } from "@/components/ui/button";
import { Dialog, DialogContent, DialogDescription, DialogHeader, DialogTitle, DialogTrigger } from "@/components/ui/dialog";
import { RecordConsentForm } from "./record-consent-form";

/**
 * 「同意を記録」: the consent form in a dialog, for the company and case pages. Closes once the consent is stored.
 * `idempotencyKey` is the form's one-time key, rendered by the server component (newIdempotencyKey()).
 */
export function RecordConsentDialog({ companyId, companyName, today, idempotencyKey }: { companyId: string; companyName: string; today: string; idempotencyKey: string }) {
  const t = useTranslations("consents");
  const [open, setOpen] = useState(false);
  return (
    <Dialog open={open} onOpenChange={setOpen}>
      <DialogTrigger asChild>
        <Button variant="outline" size="sm">
          <ShieldCheck aria-hidden />
          {t("record")}
        </Button>
      </DialogTrigger>
      <DialogContent className="max-h-[90dvh] overflow-y-auto sm:max-w-xl">
        <DialogHeader>
          <DialogTitle>{t("recordTitle")}</DialogTitle>
          <DialogDescription>{t("recordDescription", { company: companyName })}</DialogDescription>
        </DialogHeader>
        <RecordConsentForm companyId={companyId} today={today} idempotencyKey={idempotencyKey} idPrefix="consent-dialog" onRecorded={() => setOpen(false)} />
      </DialogContent>
    </Dialog>
  );
}
