"use client";

import { useEffect, useState } from "react";
import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useQuery } from "@tanstack/react-query";
import { toast } from "sonner";
import { AlertCircle, GitMerge, Loader2, Search } from "lucide-react";
import type { CompanyDetail, CompanyListItem } from "@/lib/companies/queries";
import type { MergeResult } from "@/lib/companies/merge-companies";
import type { Page } from "@/lib/pagination";
import { refusalOf } from "@/components/cases/form-state";
import { useActionForm, type ServerFormAction } from "@/components/cases/use-action-form";
import { Alert, AlertDescription } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Dialog, DialogContent, DialogDescription, DialogFooter, DialogHeader, DialogTitle, DialogTrigger } from "@/components/ui/dialog";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";

interface MergeDialogProps {
  company: { id: string; name: string; corporateNumber: string | null; prefectureName: string; city: string | null; version: number };
  action: ServerFormAction<MergeResult>;
}

async function getJson<T>(url: string): Promise<T> {
  const response = await fetch(url, { headers: { Accept: "application/json" } });
  if (!response.ok) throw new Error(`${response.status}`);
  return (await response.json()) as T;
}

function useDebounced<T>(value: T, delayMs: number): T {
  const [debounced, setDebounced] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => setDebounced(value), delayMs);
    return () => clearTimeout(timer);
  }, [value, delayMs]);
  return debounced;
}

/**
 * 企業の統合 (managers): the other record is found by search, both records are shown side by side, and the user
 * says which one stays. Everything hanging off the one that goes — cases, activities, referrals, consents,
 * contacts, IP rights, outcomes — moves to the one that stays; the merge is audited with what moved.
 */
export function MergeDialog({ company, action }: MergeDialogProps) {
  const t = useTranslations("companies.merge");
  const router = useRouter();
  const [open, setOpen] = useState(false);
  const [query, setQuery] = useState("");
  const [otherId, setOtherId] = useState<string | null>(null);
  const [keep, setKeep] = useState<"this" | "other">("other");
  const debounced = useDebounced(query.trim(), 300);

  const search = useQuery({
    queryKey: ["companies", "merge-search", debounced],
    queryFn: () => getJson<Page<CompanyListItem>>(`/api/v1/companies?${new URLSearchParams({ q: debounced, limit: "10" })}`),
    enabled: open && [...debounced].length >= 2,
  });
  // The version to merge against comes from the record itself, read when it is chosen.
  const other = useQuery({
    queryKey: ["companies", "detail", otherId],
    queryFn: () => getJson<CompanyDetail>(`/api/v1/companies/${otherId}`),
    enabled: otherId !== null,
    staleTime: 0,
  });

  const { result, formKey, dispatch, pending } = useActionForm(action, {
    onSuccess: (data) => {
      setOpen(false);
      toast.success(t("done", { cases: data.moved.cases, activities: data.moved.activities, referrals: data.moved.referrals, contacts: data.moved.contacts }));
      router.push(`/companies/${data.targetId}`);
    },
  });
  const refusal = refusalOf(result);
  const candidates = (search.data?.items ?? []).filter((c) => c.id !== company.id);
  const chosen = other.data;
  const source = keep === "other" ? company : chosen;
  const target = keep === "other" ? chosen : company;

  return (
    <Dialog open={open} onOpenChange={setOpen}>
      <DialogTrigger asChild>
        <Button variant="outline">
          <GitMerge aria-hidden />
          {t("button")}
        </Button>
      </DialogTrigger>
      <DialogContent className="sm:max-w-2xl">
        <DialogHeader>
          <DialogTitle>{t("title")}</DialogTitle>
          <DialogDescription>{t("description")}</DialogDescription>
        </DialogHeader>

        <div className="grid gap-1.5">
          <Label htmlFor="merge-search">{t("searchLabel")}</Label>
          <div className="relative">
            <Search aria-hidden className="pointer-events-none absolute top-1/2 left-2.5 size-4 -translate-y-1/2 text-muted-foreground" />
            <Input
              id="merge-search"
              type="search"
              value={query}
              onChange={(event) => setQuery(event.target.value)}
              placeholder={t("searchPlaceholder")}
              autoComplete="off"
              className="pl-8"
            />
          </div>
        </div>
        <div aria-live="polite" className="max-h-48 overflow-y-auto rounded-md border">
          {search.isFetching ? (
            <p className="flex items-center gap-2 p-3 text-sm text-muted-foreground">
              <Loader2 aria-hidden className="size-4 animate-spin" />
              {t("searching")}
            </p>
          ) : candidates.length === 0 ? (
            <p className="p-3 text-sm text-muted-foreground">{[...debounced].length >= 2 ? t("noResults") : t("typeToSearch")}</p>
          ) : (
            <fieldset>
              <legend className="sr-only">{t("chooseOther")}</legend>
              <ul>
                {candidates.map((candidate) => (
                  <li key={candidate.id} className="border-b last:border-0">
                    <label className="flex cursor-pointer items-start gap-2 px-3 py-2 text-sm hover:bg-muted/40">
                      <input
                        type="radio"
                        name="merge-other"
                        value={candidate.id}
                        checked={otherId === candidate.id}
                        onChange={() => setOtherId(candidate.id)}
                        className="mt-0.5 size-4 accent-primary"
                      />
                      <span>
                        <span className="font-medium">{candidate.name}</span>
                        <span className="block text-xs text-muted-foreground">
                          {[candidate.corporateNumber, candidate.prefectureName, candidate.city].filter(Boolean).join(" · ")}
                        </span>
                      </span>
                    </label>
                  </li>
                ))}
              </ul>
            </fieldset>
          )}
        </div>

        {chosen ? (
          <form key={formKey} action={dispatch} className="grid gap-3">
            <fieldset className="grid gap-2 sm:grid-cols-2">
              <legend className="mb-1 text-sm font-medium">{t("whichStays")}</legend>
              {(
                [
                  ["this", company],
                  ["other", chosen],
                ] as const
              ).map(([side, record]) => (
                <label key={side} className="flex cursor-pointer items-start gap-2 rounded-md border p-3 text-sm has-checked:border-primary has-checked:bg-info-surface">
                  <input type="radio" name="keep" value={side} checked={keep === side} onChange={() => setKeep(side)} className="mt-0.5 size-4 accent-primary" />
                  <span>
                    <span className="font-medium">{record.name}</span>
                    <span className="block text-xs text-muted-foreground">
                      {[record.corporateNumber ?? t("noNumber"), record.prefectureName, record.city].filter(Boolean).join(" · ")}
                    </span>
                    <span className="mt-1 block text-xs">{side === keep ? t("stays") : t("goes")}</span>
                  </span>
                </label>
              ))}
            </fieldset>
            <input type="hidden" name="sourceId" value={source!.id} />
            <input type="hidden" name="sourceVersion" value={source!.version} />
            <input type="hidden" name="targetId" value={target!.id} />
            <input type="hidden" name="targetVersion" value={target!.version} />
            <Alert variant="warning">
              <AlertCircle aria-hidden />
              <AlertDescription>{t("consequences", { source: source!.name, target: target!.name })}</AlertDescription>
            </Alert>
            {refusal ? (
              <Alert variant="destructive">
                <AlertCircle aria-hidden />
                <AlertDescription>{refusal.message}</AlertDescription>
              </Alert>
            ) : null}
            <DialogFooter>
              <Button type="submit" disabled={pending}>
                {pending ? <Loader2 aria-hidden className="animate-spin" /> : <GitMerge aria-hidden />}
                {t("submit")}
              </Button>
            </DialogFooter>
          </form>
        ) : other.isFetching ? (
          <p className="flex items-center gap-2 text-sm text-muted-foreground">
            <Loader2 aria-hidden className="size-4 animate-spin" />
            {t("loading")}
          </p>
        ) : null}
      </DialogContent>
    </Dialog>
  );
}
