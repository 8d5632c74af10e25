"use client";

import { useState } from "react";
import { useTranslations } from "next-intl";
import { toast } from "sonner";
import { AlertCircle, Loader2, Users } from "lucide-react";
import type { SelectableUser } from "@/lib/cases/queries";
import { Alert, AlertDescription } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Dialog, DialogContent, DialogDescription, DialogFooter, DialogHeader, DialogTitle, DialogTrigger } from "@/components/ui/dialog";
import { FormField } from "@/components/ui/form-field";
import { Select } from "@/components/ui/select";
import { errorsFor, refusalOf, typedList, typedText } from "./form-state";
import { useActionForm, type ServerFormAction } from "./use-action-form";

interface MembersDialogProps {
  caseId: string;
  version: number;
  leadUserId: string;
  members: { userId: string; name: string; orgName: string }[];
  /** People the actor may add (their organization and producer teams); current members are always listed. */
  candidates: SelectableUser[];
  action: ServerFormAction<{ id: string; version: number }>;
}

/**
 * 担当者・メンバー. Membership decides who reads the confidential notes, so the dialog says so, and the change is
 * versioned with the case: a stale list is refused rather than silently undoing someone else's change.
 */
export function MembersDialog({ caseId, version, leadUserId, members, candidates, action }: MembersDialogProps) {
  const t = useTranslations("cases.members");
  const [open, setOpen] = useState(false);
  const [currentVersion, setCurrentVersion] = useState(version);
  const { result, formKey, formRef, dispatch, pending } = useActionForm(action, {
    onResult: (outcome) => {
      if (!outcome.ok && outcome.code === "conflict" && typeof outcome.current?.version === "number") setCurrentVersion(outcome.current.version);
    },
    onSuccess: () => {
      setOpen(false);
      toast.success(t("saved"));
    },
  });
  const refusal = refusalOf(result);
  const people = [
    ...members.map((m) => ({ id: m.userId, name: m.name, orgName: m.orgName })),
    ...candidates.filter((c) => !members.some((m) => m.userId === c.id)),
  ];
  const chosen = typedList(result, "memberIds", members.map((m) => m.userId));

  return (
    <Dialog open={open} onOpenChange={setOpen}>
      <DialogTrigger asChild>
        <Button variant="ghost" size="sm">
          <Users aria-hidden />
          {t("edit")}
        </Button>
      </DialogTrigger>
      <DialogContent className="sm:max-w-lg">
        <DialogHeader>
          <DialogTitle>{t("title")}</DialogTitle>
          <DialogDescription>{t("confidentialNotice")}</DialogDescription>
        </DialogHeader>
        <form key={formKey} ref={formRef} action={dispatch} noValidate className="grid gap-4">
          <input type="hidden" name="caseId" value={caseId} />
          <input type="hidden" name="version" value={currentVersion} />
          {refusal ? (
            <Alert variant={refusal.code === "conflict" ? "warning" : "destructive"}>
              <AlertCircle aria-hidden />
              <AlertDescription>{refusal.code === "conflict" ? t("conflict") : refusal.message}</AlertDescription>
            </Alert>
          ) : null}
          <FormField name="leadUserId" id={`members-${caseId}-lead`} label={t("lead")} errors={errorsFor(result, "leadUserId")}>
            <Select name="leadUserId" defaultValue={typedText(result, "leadUserId", leadUserId)}>
              {people.map((person) => (
                <option key={person.id} value={person.id}>
                  {person.name}（{person.orgName}）
                </option>
              ))}
            </Select>
          </FormField>
          <fieldset className="grid gap-1.5">
            <legend className="mb-1.5 text-sm font-medium">{t("members")}</legend>
            <p className="text-xs text-muted-foreground">{t("leadIsMember")}</p>
            <ul className="grid max-h-64 gap-1 overflow-y-auto rounded-md border p-2">
              {people.map((person) => (
                <li key={person.id}>
                  <label className="flex items-center gap-2 text-sm">
                    <input type="checkbox" name="memberIds[]" value={person.id} defaultChecked={chosen.includes(person.id)} className="size-4 accent-primary" />
                    <span>{person.name}</span>
                    <span className="text-xs text-muted-foreground">{person.orgName}</span>
                  </label>
                </li>
              ))}
            </ul>
            {errorsFor(result, "memberIds") ? <p className="text-xs font-medium text-destructive">{errorsFor(result, "memberIds")!.join(" ")}</p> : null}
          </fieldset>
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
