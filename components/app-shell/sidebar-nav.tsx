"use client";

import Link from "next/link";
import { usePathname, useSearchParams } from "next/navigation";
import { isNavItemActive, type NavItem } from "@/lib/navigation";
import { cn } from "@/lib/utils";
import { NavCountBadge } from "./nav-count-badge";
import { NavIcon } from "./nav-icon";

export interface SidebarNavItem extends NavItem {
  /** The label, already translated on the server. */
  text: string;
}

interface SidebarNavProps {
  items: SidebarNavItem[];
  label: string;
  comingSoonLabel: string;
  /** Called when a link is followed, e.g. to close the mobile sheet. */
  onNavigate?: () => void;
}

export function SidebarNav({ items, label, comingSoonLabel, onNavigate }: SidebarNavProps) {
  const pathname = usePathname();
  const searchParams = useSearchParams();

  return (
    <nav aria-label={label} className="px-2 py-3">
      <ul className="grid gap-0.5">
        {items.map((item) => {
          if (item.planned) {
            return (
              <li key={item.id}>
                {/* Not a link: the page is not built yet. Still listed, so that people know it is coming. */}
                <span
                  aria-disabled="true"
                  className="flex items-center gap-2.5 rounded-md px-3 py-2 text-sm text-muted-foreground"
                >
                  <NavIcon name={item.icon} className="size-4 shrink-0 opacity-60" />
                  <span className="min-w-0 flex-1 leading-snug">{item.text}</span>
                  <span className="shrink-0 rounded-sm border px-1 text-[0.65rem] leading-4 whitespace-nowrap">{comingSoonLabel}</span>
                </span>
              </li>
            );
          }
          const active = isNavItemActive(item, pathname, searchParams);
          return (
            <li key={item.id}>
              <Link
                href={item.href}
                aria-current={active ? "page" : undefined}
                onClick={onNavigate}
                className={cn(
                  "flex items-center gap-2.5 rounded-md px-3 py-2 text-sm font-medium transition-colors hover:bg-accent hover:text-accent-foreground",
                  active && "bg-primary/10 text-primary hover:bg-primary/15 hover:text-primary",
                )}
              >
                <NavIcon name={item.icon} className="size-4 shrink-0" />
                <span className="truncate">{item.text}</span>
                {item.badge ? <NavCountBadge badge={item.badge} /> : null}
              </Link>
            </li>
          );
        })}
      </ul>
    </nav>
  );
}
