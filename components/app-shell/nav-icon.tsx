import {
  Building2,
  ClipboardList,
  FileSearch,
  Gauge,
  Home,
  Inbox,
  Landmark,
  Lightbulb,
  ListChecks,
  Map as MapIcon,
  Repeat,
  Send,
  UserCog,
  UsersRound,
  type LucideIcon,
} from "lucide-react";
import type { NavIcon as NavIconName } from "@/lib/navigation";

const ICONS: Record<NavIconName, LucideIcon> = {
  home: Home,
  tasks: ListChecks,
  map: MapIcon,
  cases: ClipboardList,
  companies: Building2,
  referrals: Repeat,
  inbox: Inbox,
  send: Send,
  intake: Lightbulb,
  teams: UsersRound,
  kpi: Gauge,
  users: UserCog,
  organizations: Landmark,
  audit: FileSearch,
};

export function NavIcon({ name, className }: { name: NavIconName; className?: string }) {
  const Icon = ICONS[name];
  return <Icon aria-hidden className={className} />;
}
