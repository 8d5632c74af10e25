import { getTranslations } from "next-intl/server";
import { Badge } from "@/components/ui/badge";

/**
 * The user's party (連携機関区分) as a short badge. Party kinds are data, so a kind without a message (one
 * added after this release) shows its key rather than nothing.
 */
export async function PartyBadge({ partyKind }: { partyKind: string | null }) {
  const t = await getTranslations("parties");
  const key = partyKind ?? "system";
  return (
    <Badge variant="info" data-party={key}>
      {t.has(key) ? t(key) : key}
    </Badge>
  );
}
