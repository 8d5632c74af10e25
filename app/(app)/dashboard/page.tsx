import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { requirePermission } from "@/lib/auth/session";
import type { Actor } from "@/lib/authz/actor";
import { AdminHome } from "./_components/admin-home";
import { GeneralHome } from "./_components/general-home";
import { InpitHome } from "./_components/inpit-home";
import { JcciHome } from "./_components/jcci-home";
import { JpaaHome } from "./_components/jpaa-home";
import { MetiHome } from "./_components/meti-home";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("nav");
  return { title: t("dashboard") };
}

/** Which home an actor gets: administrators theirs, everyone else their party's (a later party: the general one). */
function homeOf(actor: Actor): "admin" | "meti" | "inpit" | "jpaa" | "jcci" | "general" {
  if (actor.role === "admin") return "admin";
  switch (actor.partyKind) {
    case "meti":
    case "inpit":
    case "jpaa":
    case "jcci":
      return actor.partyKind;
    default:
      return "general";
  }
}

/** One URL, one home per party: each shows only the actor's own numbers, read through the scoped queries. */
export default async function DashboardPage() {
  const actor = await requirePermission("dashboard:view");
  switch (homeOf(actor)) {
    case "admin":
      return <AdminHome actor={actor} />;
    case "meti":
      return <MetiHome actor={actor} />;
    case "inpit":
      return <InpitHome actor={actor} />;
    case "jpaa":
      return <JpaaHome actor={actor} />;
    case "jcci":
      return <JcciHome actor={actor} />;
    case "general":
      return <GeneralHome actor={actor} />;
  }
}
