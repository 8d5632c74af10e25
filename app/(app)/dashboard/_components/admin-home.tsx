import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { Building2, ScrollText, ShieldCheck, Users } from "lucide-react";
import { getDb } from "@/db/client";
import type { Actor } from "@/lib/authz/actor";
import { getAdminOverview } from "@/lib/dashboard/queries";
import { PageHeader } from "@/components/app-shell/page-header";
import { StatCard } from "@/components/app-shell/stat-card";
import { Alert, AlertDescription } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardHeader, CardTitle } from "@/components/ui/card";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";

/** Administrators: organizations and users only. No case, company or referral content reaches this page. */
export async function AdminHome({ actor }: { actor: Actor }) {
  const [t, overview] = await Promise.all([getTranslations(), getAdminOverview(getDb(), actor)]);
  const partyName = (key: string | null) => {
    const k = key ?? "system";
    return t.has(`parties.${k}`) ? t(`parties.${k}`) : k;
  };

  return (
    <section data-testid="home-admin" aria-labelledby="home-title">
      <PageHeader
        titleId="home-title"
        title={t("home.admin.title")}
        description={t("home.admin.subtitle")}
        actions={
          <>
            <Button asChild variant="outline" size="sm">
              <Link href="/admin/users">
                <Users aria-hidden />
                {t("nav.users")}
              </Link>
            </Button>
            <Button asChild variant="outline" size="sm">
              <Link href="/admin/organizations">
                <Building2 aria-hidden />
                {t("nav.organizations")}
              </Link>
            </Button>
            <Button asChild variant="outline" size="sm">
              <Link href="/audit">
                <ScrollText aria-hidden />
                {t("nav.auditLog")}
              </Link>
            </Button>
          </>
        }
      />
      <Alert variant="info" className="mb-6">
        <ShieldCheck aria-hidden />
        <AlertDescription>{t("home.admin.noCaseContent")}</AlertDescription>
      </Alert>
      <div className="mb-6 grid grid-cols-2 gap-3 md:grid-cols-4">
        <StatCard label={t("home.admin.organizations")} href="/admin/organizations" value={overview.organizations.total} hint={t("home.admin.activeCount", { count: overview.organizations.active })} />
        <StatCard label={t("home.admin.users")} href="/admin/users" value={overview.users.total} hint={t("home.admin.activeCount", { count: overview.users.active })} />
        <StatCard label={t("home.admin.inactive")} value={overview.users.total - overview.users.active} />
        <StatCard label={t("home.admin.locked")} value={overview.users.locked} tone="alert" href="/admin/users?status=locked" />
      </div>
      <div className="grid grid-cols-1 gap-4 lg:grid-cols-2">
        <Card>
          <CardHeader>
            <CardTitle>{t("home.admin.byParty")}</CardTitle>
          </CardHeader>
          <CardContent>
            <Table>
              <TableHeader>
                <TableRow>
                  <TableHead scope="col">{t("home.admin.party")}</TableHead>
                  <TableHead scope="col" className="text-right">
                    {t("home.total")}
                  </TableHead>
                </TableRow>
              </TableHeader>
              <TableBody>
                {overview.organizations.byParty.map((row) => (
                  <TableRow key={row.partyKind ?? "system"}>
                    <TableCell>{partyName(row.partyKind)}</TableCell>
                    <TableCell className="text-right">{row.count}</TableCell>
                  </TableRow>
                ))}
              </TableBody>
            </Table>
          </CardContent>
        </Card>
        <Card>
          <CardHeader>
            <CardTitle>{t("home.admin.byRole")}</CardTitle>
          </CardHeader>
          <CardContent>
            <Table>
              <TableHeader>
                <TableRow>
                  <TableHead scope="col">{t("home.admin.role")}</TableHead>
                  <TableHead scope="col" className="text-right">
                    {t("home.total")}
                  </TableHead>
                </TableRow>
              </TableHeader>
              <TableBody>
                {Object.entries(overview.users.byRole).map(([role, n]) => (
                  <TableRow key={role}>
                    <TableCell>{t(`roles.${role}`)}</TableCell>
                    <TableCell className="text-right">{n}</TableCell>
                  </TableRow>
                ))}
              </TableBody>
            </Table>
          </CardContent>
        </Card>
      </div>
    </section>
  );
}
