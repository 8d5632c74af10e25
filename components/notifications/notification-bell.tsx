"use client";

import { useEffect, useRef } from "react";
import Link from "next/link";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { Bell, CheckCheck } from "lucide-react";
import { Button } from "@/components/ui/button";
import {
  DropdownMenu,
  DropdownMenuContent,
  DropdownMenuItem,
  DropdownMenuLabel,
  DropdownMenuSeparator,
  DropdownMenuTrigger,
} from "@/components/ui/dropdown-menu";
import { Skeleton } from "@/components/ui/skeleton";
import {
  fetchJson,
  LIVE_REFETCH_MS,
  LIVE_REFETCH_ON_FOCUS,
  NOTIFICATIONS_KEY,
  REFERRAL_COUNTS_KEY,
  rereadQueries,
} from "@/components/referrals/referral-queries";
import { cn } from "@/lib/utils";
import { markNotificationsReadAction } from "./actions";

/** GET /api/v1/notifications as it arrives over the wire (lib/api/notifications.ts, dates as ISO strings). */
interface NotificationsResponse {
  items: { id: string; kind: string; message: string; href: string | null; readAt: string | null; createdAt: string; createdAtText: string }[];
  nextCursor: string | null;
  unreadCount: number;
}

/** How many of the newest notifications the dropdown lists. */
const BELL_SIZE = 8;
const BELL_KEY = [...NOTIFICATIONS_KEY, "bell"] as const;

/**
 * The notification centre in the header: the unread count on the bell, the newest notifications in a
 * dropdown, each a link to its referral, and "mark all read". The count is TanStack Query over
 * /api/v1/notifications, re-read every 30 s and on window focus, and at once after any referral action.
 *
 * When it mounts it POSTs /api/v1/notifications/refresh, which notices the organization's referrals that have
 * become overdue since anyone last looked (see lib/api/notifications.ts for why it is a POST and not a page
 * render). The shell's layout persists across navigations, so that is once per visit, not once per page.
 */
export function NotificationBell() {
  const t = useTranslations("notifications");
  const queryClient = useQueryClient();
  const { data, isPending, isError } = useQuery({
    queryKey: BELL_KEY,
    queryFn: () => fetchJson<NotificationsResponse>(`/api/v1/notifications?limit=${BELL_SIZE}`),
    refetchInterval: LIVE_REFETCH_MS,
    refetchOnWindowFocus: LIVE_REFETCH_ON_FOCUS,
  });

  const refreshed = useRef(false);
  useEffect(() => {
    if (refreshed.current) return;
    refreshed.current = true;
    fetchJson<{ notified: number }>("/api/v1/notifications/refresh", { method: "POST" })
      .then(({ notified }) => {
        // The bell's first read may still be on its way, begun before these notices were written.
        if (notified > 0) void rereadQueries(queryClient, [NOTIFICATIONS_KEY, REFERRAL_COUNTS_KEY]);
      })
      // The bell still works from what is already stored; the next visit tries again.
      .catch(() => undefined);
  }, [queryClient]);

  const markRead = useMutation({
    mutationFn: async (input: { notificationId: string } | { all: true }) => {
      const result = await markNotificationsReadAction(input);
      if (!result.ok) throw new Error(result.message);
      return result.data;
    },
    // The bell changes at once; the server's answer then replaces the guess.
    onMutate: async (input) => {
      await queryClient.cancelQueries({ queryKey: BELL_KEY });
      queryClient.setQueryData<NotificationsResponse>(BELL_KEY, (current) => {
        if (!current) return current;
        const now = new Date().toISOString();
        const marks = (id: string) => ("all" in input ? true : input.notificationId === id);
        const newlyRead = current.items.filter((item) => !item.readAt && marks(item.id)).length;
        return {
          ...current,
          items: current.items.map((item) => (!item.readAt && marks(item.id) ? { ...item, readAt: now } : item)),
          unreadCount: "all" in input ? 0 : Math.max(0, current.unreadCount - newlyRead),
        };
      });
    },
    onSettled: () => queryClient.invalidateQueries({ queryKey: NOTIFICATIONS_KEY }),
  });

  const unread = data?.unreadCount ?? 0;
  const label = unread > 0 ? t("openWithUnread", { count: unread }) : t("open");

  return (
    // Not modal: a glance at the bell must not hide the page from assistive technology or trap the pointer.
    <DropdownMenu modal={false}>
      <DropdownMenuTrigger asChild>
        <Button variant="ghost" size="icon" aria-label={label} title={label} className="relative" data-testid="notification-bell">
          <Bell aria-hidden />
          {unread > 0 ? (
            <span
              aria-hidden
              data-testid="notification-unread-count"
              className="absolute -top-0.5 -right-0.5 inline-flex h-4 min-w-4 items-center justify-center rounded-full bg-destructive px-1 text-[0.65rem] leading-none font-semibold text-destructive-foreground tabular-nums"
            >
              {unread > 99 ? "99+" : unread}
            </span>
          ) : null}
        </Button>
      </DropdownMenuTrigger>
      <DropdownMenuContent align="end" className="w-[22rem] max-w-[calc(100vw-1rem)]">
        <DropdownMenuLabel>{t("title")}</DropdownMenuLabel>
        <DropdownMenuSeparator />
        {isPending ? (
          <DropdownMenuItem disabled aria-busy="true" className="grid gap-2">
            <Skeleton className="h-4 w-full" />
            <Skeleton className="h-4 w-2/3" />
          </DropdownMenuItem>
        ) : isError && !data ? (
          <DropdownMenuItem disabled className="justify-center py-4 text-muted-foreground">
            {t("loadFailed")}
          </DropdownMenuItem>
        ) : !data || data.items.length === 0 ? (
          <DropdownMenuItem disabled className="justify-center py-4 text-muted-foreground">
            {t("empty")}
          </DropdownMenuItem>
        ) : (
          data.items.map((item) => {
            const isUnread = !item.readAt;
            const body = (
              <>
                <span aria-hidden className={cn("mt-1.5 size-2 shrink-0 rounded-full", isUnread ? "bg-primary" : "bg-transparent")} />
                <span className="grid min-w-0 gap-0.5">
                  <span className={cn("text-sm leading-snug whitespace-normal", isUnread && "font-semibold")}>
                    {isUnread ? <span className="sr-only">{t("unread")}: </span> : null}
                    {item.message}
                  </span>
                  <time dateTime={item.createdAt} className="text-xs text-muted-foreground">
                    {item.createdAtText}
                  </time>
                </span>
              </>
            );
            return (
              <DropdownMenuItem
                key={item.id}
                asChild={Boolean(item.href)}
                className="items-start gap-2 py-2"
                data-testid="notification-item"
                data-unread={isUnread || undefined}
                onSelect={() => {
                  if (isUnread) markRead.mutate({ notificationId: item.id });
                }}
              >
                {item.href ? <Link href={item.href}>{body}</Link> : <div>{body}</div>}
              </DropdownMenuItem>
            );
          })
        )}
        <DropdownMenuSeparator />
        <DropdownMenuItem
          disabled={unread === 0 || markRead.isPending}
          // Stays open: the list shows at once that everything is read.
          onSelect={(event) => {
            event.preventDefault();
            markRead.mutate({ all: true });
          }}
        >
          <CheckCheck aria-hidden />
          {t("markAllRead")}
        </DropdownMenuItem>
      </DropdownMenuContent>
    </DropdownMenu>
  );
}
