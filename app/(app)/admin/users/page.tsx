import type { Metadata } from "next";
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { getDb } from "@/db/client";
import { listOrganizationOptionsForAdmin, listUsersForAdmin, parseAdminUserFilters } from "@/lib/admin/queries";
import { USER_ROLES } from "@/lib/admin/roles";
import { requirePermission } from "@/lib/auth/session";
import { formatDateTime } from "@/lib/format/datetime";
import { readPageOrStartOver } from "@/lib/pagination";
import { ListPagination } from "@/components/app-shell/list-pagination";
import { getUiLocale } from "@/components/app-shell/locale";
import { PageHeader } from "@/components/app-shell/page-header";
import { PartyBadge } from "@/components/app-shell/party-badge";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card, CardContent } from "@/components/ui/card";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { Select } from "@/components/ui/select";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { cursorParam, listHref, type SearchParams } from "../../_lib/search-params";
import { InviteUserDialog } from "./_components/invite-user-dialog";
import { UserRowActions } from "./_components/user-row-actions";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("nav");
  return { title: t("users") };
}

/**
 * ユーザー管理: every account of the network, filtered by name or e-mail, organization, role and status; invite,
 * change the role, deactivate or reactivate, issue a new initial password. Administrators only (user:manage);
 * nothing of cases, companies or referrals appears here. 50 users a page, the position in the URL (?cursor=).
 */
export default async function AdminUsersPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const actor = await requirePermission("user:manage");
  const params = await searchParams;
  const filters = parseAdminUserFilters(params);
  const cursor = cursorParam(params.cursor);
  const db = getDb();
  const now = new Date();
  const [t, locale, organizations, users] = await Promise.all([
    getTranslations(),
    getUiLocale(),
    listOrganizationOptionsForAdmin(db, actor),
    readPageOrStartOver(cursor, (at) => listUsersForAdmin(db, actor, filters, now, { cursor: at })),
  ]);
  const filterParams = { q: filters.q, org: filters.organizationId, role: filters.role, status: filters.status };
  const activeOrganizations = organizations.filter((o) => o.isActive).map((o) => ({ id: o.id, name: o.nameJa, isSystem: o.isSystem }));
  const filtered = Object.values(filters).some(Boolean);

  return (
    <>
      <PageHeader title={t("nav.users")} description={t("admin.users.description")} actions={<InviteUserDialog organizations={activeOrganizations} />} />
      <Card className="mb-4 py-3">
        <CardContent>
          <form role="search" aria-label={t("admin.users.filterLabel")} className="flex flex-wrap items-end gap-3">
            <div className="grid gap-1.5">
              <Label htmlFor="users-q">{t("admin.users.search")}</Label>
              <Input id="users-q" name="q" defaultValue={filters.q ?? ""} className="w-56" />
            </div>
            <div className="grid gap-1.5">
              <Label htmlFor="users-org">{t("admin.users.organization")}</Label>
              <Select id="users-org" name="org" defaultValue={filters.organizationId ?? ""} className="w-64">
                <option value="">{t("admin.all")}</option>
                {organizations.map((o) => (
                  <option key={o.id} value={o.id}>
                    {o.nameJa}
                  </option>
                ))}
              </Select>
            </div>
            <div className="grid gap-1.5">
              <Label htmlFor="users-role">{t("admin.users.role")}</Label>
              <Select id="users-role" name="role" defaultValue={filters.role ?? ""} className="w-44">
                <option value="">{t("admin.all")}</option>
                {USER_ROLES.map((role) => (
                  <option key={role} value={role}>
                    {t(`roles.${role}`)}
                  </option>
                ))}
              </Select>
            </div>
            <div className="grid gap-1.5">
              <Label htmlFor="users-status">{t("admin.users.status")}</Label>
              <Select id="users-status" name="status" defaultValue={filters.status ?? ""} className="w-36">
                <option value="">{t("admin.all")}</option>
                <option value="active">{t("admin.users.active")}</option>
                <option value="inactive">{t("admin.users.inactive")}</option>
                <option value="locked">{t("admin.users.locked")}</option>
              </Select>
            </div>
            <Button type="submit">{t("common.search")}</Button>
            {filtered ? (
              <Button asChild variant="ghost">
                <Link href="/admin/users">{t("common.clear")}</Link>
              </Button>
            ) : null}
          </form>
        </CardContent>
      </Card>

      <section aria-labelledby="users-results">
        <h2 id="users-results" className="mb-2 text-sm text-muted-foreground">
          {t("admin.users.count", { count: users.total })}
        </h2>
        {users.items.length === 0 ? (
          <p className="text-sm text-muted-foreground">{t("admin.users.none")}</p>
        ) : (
          <Table className="min-w-[60rem]" data-testid="admin-users">
            <TableHeader>
              <TableRow>
                <TableHead scope="col">{t("admin.users.name")}</TableHead>
                <TableHead scope="col">{t("admin.users.organization")}</TableHead>
                <TableHead scope="col">{t("admin.users.role")}</TableHead>
                <TableHead scope="col">{t("admin.users.status")}</TableHead>
                <TableHead scope="col">{t("admin.users.lastSignIn")}</TableHead>
                <TableHead scope="col">{t("admin.users.actions")}</TableHead>
              </TableRow>
            </TableHeader>
            <TableBody>
              {users.items.map((user) => {
                const locked = user.lockedUntil !== null && user.lockedUntil > now;
                return (
                  <TableRow key={user.id} data-user-email={user.email}>
                    <TableCell>
                      <span className="font-medium">{user.name}</span>
                      <div className="text-xs text-muted-foreground">{user.email}</div>
                    </TableCell>
                    <TableCell>
                      <span className="flex flex-wrap items-center gap-1.5">
                        {user.organization.nameJa}
                        <PartyBadge partyKind={user.organization.partyKindKey} />
                      </span>
                      {!user.organization.isActive ? <div className="text-xs text-destructive">{t("admin.users.organizationInactive")}</div> : null}
                    </TableCell>
                    <TableCell>{t(`roles.${user.role}`)}</TableCell>
                    <TableCell>
                      <span className="flex flex-wrap gap-1">
                        {user.isActive ? <Badge variant="success">{t("admin.users.active")}</Badge> : <Badge variant="muted">{t("admin.users.inactive")}</Badge>}
                        {locked ? <Badge variant="destructive">{t("admin.users.locked")}</Badge> : null}
                      </span>
                    </TableCell>
                    <TableCell className="whitespace-nowrap text-xs">{user.lastSignInAt ? formatDateTime(user.lastSignInAt, locale) : "—"}</TableCell>
                    <TableCell>
                      <UserRowActions
                        isSelf={user.id === actor.userId}
                        user={{
                          id: user.id,
                          name: user.name,
                          email: user.email,
                          role: user.role,
                          isActive: user.isActive,
                          version: user.version,
                          organizationIsSystem: organizations.find((o) => o.id === user.organization.id)?.isSystem ?? false,
                        }}
                      />
                    </TableCell>
                  </TableRow>
                );
              })}
            </TableBody>
          </Table>
        )}
        <ListPagination
          nextHref={users.nextCursor ? listHref("/admin/users", { ...filterParams, cursor: users.nextCursor }) : undefined}
          firstHref={cursor ? listHref("/admin/users", filterParams) : undefined}
        />
      </section>
    </>
  );
}
