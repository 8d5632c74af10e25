import { and, eq, sql } from "drizzle-orm";
import type { Tx } from "@/db/client";
import { companies, ipRights, type IpRight } from "@/db/schema";
import { defineAction } from "@/lib/authz/action";
import { ConflictError, NotFoundError } from "@/lib/authz/errors";
import { companyScope, ipRightScope } from "@/lib/authz/scopes";
import { saveIpRightSchema } from "./schema";

const IP_RIGHT_FIELDS = [
  "kind",
  "title",
  "applicationNumber",
  "registrationNumber",
  "status",
  "filedOn",
  "registeredOn",
] as const satisfies readonly (keyof IpRight)[];

function currentIpRightValues(right: IpRight): Record<string, unknown> {
  const current: Record<string, unknown> = { version: right.version, updatedAt: right.updatedAt };
  for (const field of IP_RIGHT_FIELDS) current[field] = right[field];
  return current;
}

/** What saving an IP right answers: the right and its version; `replayed` when a double submit found the first. */
export interface SavedIpRight {
  id: string;
  version: number;
  replayed: boolean;
}

/**
 * 保有知財の登録と編集: kind, application or registration number, status. Adding carries the form's one-time
 * key: a double submit returns the first right and adds nothing.
 */
export const saveIpRight = defineAction({
  name: "ip_right.save",
  permission: "company:update",
  schema: saveIpRightSchema,
  handler: async ({ actor, tx, input, audit, declareUnchanged }): Promise<SavedIpRight> => {
    if (input.id === undefined && input.idempotencyKey) {
      const replayed = await findByIdempotencyKey(tx, actor.userId, input.idempotencyKey);
      if (replayed) {
        declareUnchanged();
        return replayed;
      }
    }

    const [company] = await tx
      .select({ id: companies.id })
      .from(companies)
      .where(and(eq(companies.id, input.companyId), companyScope(actor)));
    if (!company) throw new NotFoundError("company");

    const values = {
      kind: input.kind,
      title: input.title,
      applicationNumber: input.applicationNumber,
      registrationNumber: input.registrationNumber,
      status: input.status,
      filedOn: input.filedOn,
      registeredOn: input.registeredOn,
    };

    if (input.id === undefined) {
      const [created] = await tx
        .insert(ipRights)
        .values({ ...values, companyId: company.id, createdByUserId: actor.userId, idempotencyKey: input.idempotencyKey })
        // A concurrent second submit waits here for the first to commit, inserts nothing, and finds the first.
        .onConflictDoNothing()
        .returning();
      if (!created) {
        const first = input.idempotencyKey ? await findByIdempotencyKey(tx, actor.userId, input.idempotencyKey) : undefined;
        if (!first) throw new Error("ip right insert conflicted, yet no right has its idempotency key");
        declareUnchanged();
        return first;
      }
      await audit({ action: "ip_right.create", entityType: "ip_right", entityId: created.id, after: created, meta: { companyId: company.id } });
      return { id: created.id, version: created.version, replayed: false };
    }

    // A right still being prepared is an unfiled invention: ipRightScope hides it from those who may not see it.
    const [before] = await tx
      .select()
      .from(ipRights)
      .where(and(eq(ipRights.id, input.id), eq(ipRights.companyId, company.id), ipRightScope(actor)))
      .for("update");
    if (!before) throw new NotFoundError("ip_right");
    if (before.version !== input.version) throw new ConflictError("errors.conflict", currentIpRightValues(before));
    const [after] = await tx
      .update(ipRights)
      .set({ ...values, version: sql`${ipRights.version} + 1`, updatedAt: sql`now()` })
      .where(and(eq(ipRights.id, before.id), eq(ipRights.version, before.version)))
      .returning();
    await audit({ action: "ip_right.update", entityType: "ip_right", entityId: before.id, before, after, meta: { companyId: company.id } });
    return { id: after!.id, version: after!.version, replayed: false };
  },
});

async function findByIdempotencyKey(tx: Tx, userId: string, key: string): Promise<SavedIpRight | undefined> {
  const [first] = await tx
    .select({ id: ipRights.id, version: ipRights.version })
    .from(ipRights)
    .where(and(eq(ipRights.createdByUserId, userId), eq(ipRights.idempotencyKey, key)))
    .limit(1);
  return first ? { ...first, replayed: true } : undefined;
}
