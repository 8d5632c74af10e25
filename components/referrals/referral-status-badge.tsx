import { getTranslations } from "next-intl/server";
import { Badge, type BadgeProps } from "@/components/ui/badge";
import type { ReferralStatus } from "@/db/schema";

const VARIANTS: Record<ReferralStatus, BadgeProps["variant"]> = {
  sent: "warning",
  accepted: "info",
  in_progress: "default",
  completed: "success",
  declined: "muted",
  withdrawn: "muted",
  revoked: "muted",
  logged: "outline",
};

export async function ReferralStatusBadge({ status }: { status: ReferralStatus }) {
  const t = await getTranslations("referralStatus");
  return (
    <Badge variant={VARIANTS[status]} data-status={status}>
      {t(status)}
    </Badge>
  );
}
