"use client";

import { useCallback, useEffect, useRef } from "react";
import { useQuery, useQueryClient, type QueryClient, type QueryKey } from "@tanstack/react-query";
import type { ActionResult } from "@/lib/authz/action";
import type { ReferralCounts } from "@/lib/referrals/counts";
import type { ServerFormAction } from "@/components/cases/use-action-form";

/**
 * The client's live referral numbers (TanStack Query over /api/v1). Every screen that shows a count reads it
 * through useReferralCounts, so the navigation badges, the list's tabs and the bell agree; every referral
 * action goes through useReferralAction (or calls the invalidator on success), so they follow at once instead
 * of at the next poll.
 */

export const REFERRAL_COUNTS_KEY = ["referrals", "counts"] as const;
export const NOTIFICATIONS_KEY = ["notifications"] as const;

/** How often counts and the bell are re-read while a page is open; they are also re-read on window focus. */
export const LIVE_REFETCH_MS = 30_000;

/**
 * Coming back to the tab re-reads the live numbers whatever their age. With the app's 30 s staleTime
 * (app/(app)/providers.tsx) and a 30 s poll, a plain `true` would almost never fire — the data is nearly always
 * younger than 30 s — so a desk that returns to Renkei after a colleague sent it a referral would wait for the
 * next poll. Two small GETs per return to the tab.
 */
export const LIVE_REFETCH_ON_FOCUS = "always" as const;

/** GET a JSON API route with the session cookie; a non-2xx answer is an error for TanStack Query. */
export async function fetchJson<T>(url: string, init?: RequestInit): Promise<T> {
  const response = await fetch(url, { credentials: "same-origin", headers: { accept: "application/json" }, ...init });
  if (!response.ok) throw new Error(`${init?.method ?? "GET"} ${url} answered ${response.status}`);
  return (await response.json()) as T;
}

export function useReferralCounts(initialData?: ReferralCounts) {
  return useQuery({
    queryKey: REFERRAL_COUNTS_KEY,
    queryFn: () => fetchJson<ReferralCounts>("/api/v1/referrals/counts"),
    refetchInterval: LIVE_REFETCH_MS,
    refetchOnWindowFocus: LIVE_REFETCH_ON_FOCUS,
    // Server-rendered numbers count as fresh when the page arrives; the interval takes over from there.
    initialData,
  });
}

/**
 * Re-reads the given queries now, with what the server holds after a change. A read still on its way began
 * before the change, and TanStack Query lets a refetch join a first read in flight (it replaces only a read of
 * a query that already has data): such a read is cancelled first, so that the re-read really starts afresh.
 */
export async function rereadQueries(queryClient: QueryClient, queryKeys: readonly QueryKey[]): Promise<void> {
  await Promise.all(queryKeys.map((queryKey) => queryClient.cancelQueries({ queryKey })));
  await Promise.all(queryKeys.map((queryKey) => queryClient.invalidateQueries({ queryKey })));
}

/** Re-reads every referral count and the bell: call it when an action succeeded. */
export function useInvalidateReferralData() {
  const queryClient = useQueryClient();
  return useCallback(() => rereadQueries(queryClient, [["referrals"], NOTIFICATIONS_KEY]), [queryClient]);
}

/**
 * A referral action that re-reads the counts and the bell as soon as the server has answered, and runs
 * `afterAnswer` (a toast) there too. Not in the form's onSuccess effect: a successful answer usually removes the
 * form that sent it — the accepted row leaves the home's list, 「受け付ける」 leaves the referral page once
 * accepted — and the page is re-rendered in the same round trip, so that effect never runs. The query client
 * outlives the form. A conflict re-reads as well: someone else changed the referral, so the numbers moved.
 */
export function useReferralAction<T>(
  action: ServerFormAction<T>,
  afterAnswer?: (result: ActionResult<T>) => void,
): ServerFormAction<T> {
  const invalidate = useInvalidateReferralData();
  const after = useRef(afterAnswer);
  useEffect(() => {
    after.current = afterAnswer;
  });
  return useCallback(
    async (previous: unknown, formData: FormData) => {
      const result = await action(previous, formData);
      if (result.ok || result.code === "conflict") void invalidate();
      after.current?.(result);
      return result;
    },
    [action, invalidate],
  );
}
