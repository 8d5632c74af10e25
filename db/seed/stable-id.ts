import { createHash } from "node:crypto";

/**
 * A UUID derived from a name (the RFC 4122 version-5 layout over SHA-1). Seeded rows get the same id on every
 * install and every run: reference rows without a natural key (model regions, the system organization) can be
 * inserted with `onConflictDoNothing`, and demo records keep stable URLs across re-seeded databases.
 */
export function stableId(namespace: "reference" | "demo", name: string): string {
  const hex = createHash("sha1").update(`renkei/${namespace}/${name}`).digest("hex").slice(0, 32).split("");
  hex[12] = "5";
  hex[16] = ((parseInt(hex[16]!, 16) & 0x3) | 0x8).toString(16);
  const s = hex.join("");
  return `${s.slice(0, 8)}-${s.slice(8, 12)}-${s.slice(12, 16)}-${s.slice(16, 20)}-${s.slice(20, 32)}`;
}
