"use client";

import { useState } from "react";
import { useTranslations } from "next-intl";
import { toast } from "sonner";
import { AlertCircle, Award, Loader2 } from "lucide-react";
import { Alert, AlertDescription } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Dialog, DialogContent, DialogDescription, DialogFooter, DialogHeader, DialogTitle, DialogTrigger } from "@/components/ui/dialog";
import { FormField } from "@/components/ui/form-field";
import { Input } from "@/components/ui/input";
import { Select } from "@/components/ui/select";
import { Textarea } from "@/components/ui/textarea";
import { IP_RIGHT_KINDS } from "@/components/companies/ip-right-dialog";
import { useIdempotencyKey } from "@/components/activities/use-idempotency-key";
import { errorsFor, refusalOf, typedText } from "./form-state";
import { useActionForm, type ServerFormAction } from "./use-action-form";

export const OUTCOME_KINDS = ["ip_filing", "ip_registration", "contract", "license", "funding", "other"] as const;

interface OutcomeDialogProps {
  caseId: string;
  today: string;
  /** The form's one-time key, rendered by the server (newIdempotencyKey()): a double submit records one outcome. */
  idempotencyKey: string;
  action: ServerFormAction<{ id: string; version: number }>;
}

/** 成果の記録: an IP filing or registration (with its number), a contract, a licence, funding obtained. */
export function OutcomeDialog({ caseId, today, idempotencyKey: renderedKey, action }: OutcomeDialogProps) {
  const t = useTranslations("cases.outcomes");
  const tk = useTranslations("companies.ipKinds");
  const [open, setOpen] = useState(false);
  const [idempotencyKey, renewKey] = useIdempotencyKey(renderedKey);
  const { result, formKey, formRef, dispatch, pending } = useActionForm(action, {
    onSuccess: () => {
      setOpen(false);
      toast.success(t("saved"));
      // The next outcome recorded with this dialog is another record.
      renewKey();
    },
  });
  const [kind, setKind] = useState<string>("ip_filing");
  const refusal = refusalOf(result);
  const isIp = kind === "ip_filing" || kind === "ip_registration";
  const field = (name: string, control: React.ReactElement, options: { required?: boolean; className?: string } = {}) => (
    <FormField
      name={name}
      id={`outcome-${name}`}
      label={t(`fields.${name}`)}
      required={options.required}
      requiredLabel={t("required")}
      errors={errorsFor(result, name)}
      className={options.className}
    >
      {control}
    </FormField>
  );

  return (
    <Dialog open={open} onOpenChange={setOpen}>
      <DialogTrigger asChild>
        <Button variant="outline" size="sm">
          <Award aria-hidden />
          {t("add")}
        </Button>
      </DialogTrigger>
      <DialogContent className="sm:max-w-xl">
        <DialogHeader>
          <DialogTitle>{t("addTitle")}</DialogTitle>
          <DialogDescription>{t("help")}</DialogDescription>
        </DialogHeader>
        <form key={formKey} ref={formRef} action={dispatch} noValidate className="grid gap-4">
          <input type="hidden" name="caseId" value={caseId} />
          <input type="hidden" name="idempotencyKey" value={idempotencyKey} />
          {refusal ? (
            <Alert variant="destructive">
              <AlertCircle aria-hidden />
              <AlertDescription>{refusal.message}</AlertDescription>
            </Alert>
          ) : null}
          <div className="grid gap-3 sm:grid-cols-2">
            {field(
              "kind",
              <Select name="kind" value={kind} onChange={(event) => setKind(event.target.value)}>
                {OUTCOME_KINDS.map((k) => (
                  <option key={k} value={k}>
                    {t(`kinds.${k}`)}
                  </option>
                ))}
              </Select>,
              { required: true },
            )}
            {field("achievedOn", <Input name="achievedOn" type="date" max={today} defaultValue={typedText(result, "achievedOn", today)} />, { required: true })}
            {isIp
              ? field(
                  "ipKind",
                  <Select name="ipKind" defaultValue={typedText(result, "ipKind", "patent")}>
                    {IP_RIGHT_KINDS.map((k) => (
                      <option key={k} value={k}>
                        {tk(k)}
                      </option>
                    ))}
                  </Select>,
                  { required: true },
                )
              : null}
            {isIp
              ? field(
                  kind === "ip_filing" ? "applicationNumber" : "registrationNumber",
                  <Input
                    name={kind === "ip_filing" ? "applicationNumber" : "registrationNumber"}
                    defaultValue={typedText(result, kind === "ip_filing" ? "applicationNumber" : "registrationNumber")}
                    maxLength={50}
                  />,
                  { required: true },
                )
              : field("amountYen", <Input name="amountYen" inputMode="numeric" defaultValue={typedText(result, "amountYen")} maxLength={15} />)}
            {field("description", <Textarea name="description" defaultValue={typedText(result, "description")} rows={3} maxLength={2000} />, {
              required: true,
              className: "sm:col-span-2",
            })}
          </div>
          <DialogFooter>
            <Button type="submit" disabled={pending}>
              {pending ? <Loader2 aria-hidden className="animate-spin" /> : null}
              {t("submit")}
            </Button>
          </DialogFooter>
        </form>
      </DialogContent>
    </Dialog>
  );
}
