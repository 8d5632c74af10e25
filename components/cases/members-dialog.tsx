"use client";

import { useState } from "react";
import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { toast } from "sonner";
import { AlertCircle, Loader2, Users } from "lucide-react";
import type { SelectableUser } from "@/lib/cases/queries";
import { Alert, AlertDescription } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Dialog, DialogContent, DialogDescription, DialogFooter, DialogHeader, DialogTitle, DialogTrigger } from "@/components/ui/dialog";
import { FormField } from "@/components/ui/form-field";
import { Select } from "@/components/ui/select";
import { ConflictNotice, type ConflictRow } from "./conflict-notice";
import { errorsFor, refusalOf, typedList, typedText } from "./form-state";
import { useActionForm, type ServerFormAction } from "./use-action-form";

type Person = { id: string; name: string; orgName: string };

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
 * The form lives inside the dialog's content, so every opening starts from the case as the page shows it now.
 */
export function MembersDialog(props: MembersDialogProps) {
  const t = useTranslations("cases.members");
  const [open, setOpen] = useState(false);
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
        <MembersForm {...props} onSaved={() => setOpen(false)} />
      </DialogContent>
    </Dialog>
  );
}

/** What is stored now, as a refused (stale) save reported it. */
interface StoredMembers {
  version: number;
  leadUserId: string;
  members: Person[];
}

function storedMembersOf(current: Record<string, unknown> | undefined): StoredMembers | null {
  if (!current || typeof current.version !== "number" || typeof current.leadUserId !== "string" || !Array.isArray(current.members)) return null;
  return { version: current.version, leadUserId: current.leadUserId, members: current.members as Person[] };
}

function MembersForm({ caseId, version, leadUserId, members, candidates, action, onSaved }: MembersDialogProps & { onSaved: () => void }) {
  const t = useTranslations("cases.members");
  const router = useRouter();
  const [lastStored, setLastStored] = useState<StoredMembers | null>(null);
  const [conflictRows, setConflictRows] = useState<ConflictRow[]>([]);

  const { result, formKey, formRef, dispatch, pending } = useActionForm(action, {
    onResult: (outcome) => {
      if (outcome.ok || outcome.code !== "conflict") return;
      const now = storedMembersOf(outcome.current);
      if (!now) return;
      // Someone saved first. The form starts again from what is stored now — the user re-applies their change
      // deliberately, after seeing both — and the page behind refreshes to the same members.
      setLastStored(now);
      setConflictRows(conflictRowsOf(now, outcome.values ?? {}));
      router.refresh();
    },
    onSuccess: () => {
      onSaved();
      toast.success(t("saved"));
    },
  });
  const refusal = refusalOf(result);
  // Read from the result in the render that remounts the form (not from state set after it), so that the
  // remounted boxes start from what is stored: a changed default does not move a box already on the page.
  const conflictNow = refusal?.code === "conflict" ? storedMembersOf(refusal.current) : null;
  const stored = conflictNow ?? lastStored;

  const known: Person[] = [
    ...members.map((m) => ({ id: m.userId, name: m.name, orgName: m.orgName })),
    ...(stored?.members ?? []),
    ...candidates,
  ];
  const people = known.filter((person, index) => known.findIndex((p) => p.id === person.id) === index);

  /** Stored vs what this user tried to save, for the lead and the member list, where they differ. */
  function conflictRowsOf(now: StoredMembers, typed: Record<string, unknown>): ConflictRow[] {
    const nameOf = (id: string) => now.members.find((m) => m.id === id)?.name ?? people.find((p) => p.id === id)?.name ?? id;
    // The lead first, then the others by name: the way the case page lists them.
    const namesOf = (ids: readonly string[], lead: string) => [nameOf(lead), ...ids.filter((id) => id !== lead).map(nameOf).sort()].join("、");
    const same = (a: readonly string[], b: readonly string[]) => [...a].sort().join() === [...b].sort().join();
    const typedLead = typeof typed.leadUserId === "string" ? typed.leadUserId : leadUserId;
    // The server always keeps the lead on the list; so does the comparison.
    const typedMembers = [...new Set([typedLead, ...([] as unknown[]).concat(typed.memberIds ?? []).map(String).filter(Boolean)])];
    const nowMembers = now.members.map((m) => m.id);
    const rows: ConflictRow[] = [];
    if (now.leadUserId !== typedLead || now.leadUserId !== leadUserId) {
      rows.push({ label: t("lead"), current: nameOf(now.leadUserId), yours: nameOf(typedLead) });
    }
    if (!same(nowMembers, typedMembers) || !same(nowMembers, members.map((m) => m.userId))) {
      rows.push({ label: t("members"), current: namesOf(nowMembers, now.leadUserId), yours: namesOf(typedMembers, typedLead) });
    }
    return rows;
  }

  // Versions only grow: after a conflict the form carries the stored one (kept through later refusals), or a
  // newer one that the page's refresh brought.
  const currentVersion = Math.max(version, stored?.version ?? 0);
  const chosenLead = conflictNow ? conflictNow.leadUserId : typedText(result, "leadUserId", leadUserId);
  const chosen = conflictNow ? conflictNow.members.map((m) => m.id) : typedList(result, "memberIds", members.map((m) => m.userId));

  return (
    <form key={formKey} ref={formRef} action={dispatch} noValidate className="grid gap-4">
      <input type="hidden" name="caseId" value={caseId} />
      <input type="hidden" name="version" value={currentVersion} />
      {conflictNow ? (
        <ConflictNotice rows={conflictRows} message={t("conflict")} />
      ) : refusal ? (
        <Alert variant="destructive">
          <AlertCircle aria-hidden />
          <AlertDescription>{refusal.message}</AlertDescription>
        </Alert>
      ) : null}
      <FormField name="leadUserId" id={`members-${caseId}-lead`} label={t("lead")} errors={errorsFor(result, "leadUserId")}>
        <Select name="leadUserId" defaultValue={chosenLead}>
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
  );
}
