import Link from "next/link";
import { Suspense } from "react";
import { getTranslations } from "next-intl/server";
import { requireActor } from "@/lib/auth/session";
import { can } from "@/lib/authz/can";
import { buildNavigation } from "@/lib/navigation";
import { LanguageSwitch } from "@/components/app-shell/language-switch";
import { MobileNav } from "@/components/app-shell/mobile-nav";
import { PartyBadge } from "@/components/app-shell/party-badge";
import { SidebarNav, type SidebarNavItem } from "@/components/app-shell/sidebar-nav";
import { UserMenu } from "@/components/app-shell/user-menu";
import { NotificationBell } from "@/components/notifications/notification-bell";
import { signOutAction } from "./actions";
import { Providers } from "./providers";

/**
 * The signed-in shell. requireActor() re-reads the user from the database on every request; the menu is
 * built from that actor's party and role. Pages still check their own permission: the shell is convenience.
 */
export default async function AppLayout({ children }: { children: React.ReactNode }) {
  const actor = await requireActor();
  const t = await getTranslations();
  const items: SidebarNavItem[] = buildNavigation(actor).map((item) => ({ ...item, text: t(`nav.${item.label}`) }));
  const roleLabel = t(`roles.${actor.role}`);

  return (
    <Providers>
      <a
        href="#main"
        className="sr-only z-50 rounded-md bg-primary px-4 py-2 text-primary-foreground focus:not-sr-only focus:fixed focus:top-2 focus:left-2"
      >
        {t("shell.skipToContent")}
      </a>
      <div className="min-h-dvh lg:grid lg:grid-cols-[16rem_minmax(0,1fr)]">
        <div data-print="hide" className="hidden border-r bg-sidebar lg:block">
          <div className="sticky top-0 flex max-h-dvh flex-col overflow-y-auto">
            <Link href="/dashboard" className="flex h-14 shrink-0 items-center gap-2 border-b px-5 text-lg font-bold text-primary">
              {t("meta.appNameFull")}
            </Link>
            {/* useSearchParams() in the menu: a boundary keeps it from turning the whole shell client-rendered. */}
            <Suspense>
              <SidebarNav items={items} label={t("shell.mainNavigation")} comingSoonLabel={t("common.comingSoon")} />
            </Suspense>
          </div>
        </div>
        <div className="flex min-w-0 flex-col">
          <header data-print="hide" className="sticky top-0 z-30 flex h-14 items-center gap-2 border-b bg-card/95 px-3 backdrop-blur sm:px-4">
            <Suspense>
              <MobileNav
                items={items}
                labels={{
                  open: t("shell.openNavigation"),
                  title: t("shell.navigationTitle"),
                  navigation: t("shell.mainNavigation"),
                  comingSoon: t("common.comingSoon"),
                  organization: actor.orgName,
                }}
              />
            </Suspense>
            <Link href="/dashboard" className="font-bold text-primary lg:hidden">
              {t("meta.appName")}
            </Link>
            <div className="ml-auto flex min-w-0 items-center gap-1 sm:gap-2">
              <div className="hidden min-w-0 items-center gap-2 md:flex">
                <span className="truncate text-sm text-muted-foreground" data-testid="shell-organization">
                  {actor.orgName}
                </span>
                <PartyBadge partyKind={actor.partyKind} />
              </div>
              {can(actor, "notification:read") ? <NotificationBell /> : null}
              <LanguageSwitch />
              <UserMenu
                user={{ name: actor.name, email: actor.email, organization: actor.orgName, role: roleLabel }}
                labels={{ menu: t("shell.userMenu"), signOut: t("shell.signOut") }}
                signOutAction={signOutAction}
              />
            </div>
          </header>
          <main id="main" tabIndex={-1} className="flex-1 px-4 py-6 focus:outline-none sm:px-6 lg:px-8">
            {children}
          </main>
        </div>
      </div>
    </Providers>
  );
}
