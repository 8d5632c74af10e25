"use client";

import { useCallback } from "react";
import { useQuery, useQueryClient } from "@tanstack/react-query";
import type { ReferralCounts } from "@/lib/referrals/counts";

/**
 * The client's live referral numbers (TanStack Query over /api/v1). Every screen that shows a count reads it
 * through useReferralCounts, so the navigation badges, the list's tabs and the bell agree; every referral
 * action calls the invalidator on success, so they follow at once instead of at the next poll.
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

/** Re-reads every referral count and the bell: call it when an action succeeded. */
export function useInvalidateReferralData() {
  const queryClient = useQueryClient();
  return useCallback(
    () =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: ["referrals"] }),
        queryClient.invalidateQueries({ queryKey: NOTIFICATIONS_KEY }),
      ]),
    [queryClient],
  );
}
