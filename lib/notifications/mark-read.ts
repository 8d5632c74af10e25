import { and, eq, isNull } from "drizzle-orm";
import { z } from "zod";
import { notifications } from "@/db/schema";
import { defineAction } from "@/lib/authz/action";
import { NotFoundError } from "@/lib/authz/errors";
import { ownNotifications } from "./queries";

const blankToUndefined = (value: unknown) => (typeof value === "string" && value.trim() === "" ? undefined : value);

export const markNotificationsReadInput = z
  .object({
    /** One notification… */
    notificationId: z.preprocess(blankToUndefined, z.guid().optional()),
    /** …or every unread one of the actor ("すべて既読にする"). */
    all: z.preprocess((value) => value === true || value === "on" || value === "true" || value === "1", z.boolean()),
  })
  .refine((input) => Boolean(input.notificationId) !== input.all, { path: ["notificationId"], error: "errors.invalidInput" });

/**
 * Marks the actor's own notifications read. Someone else's notification is not found, whatever the role.
 * Marking what is already read changes nothing and records nothing (a second click, two open tabs).
 */
export const markNotificationsRead = defineAction({
  name: "notification.mark-read",
  permission: "notification:read",
  schema: markNotificationsReadInput,
  handler: async ({ actor, tx, input, audit, declareUnchanged }) => {
    const own = ownNotifications(actor);
    if (input.notificationId) {
      const [row] = await tx
        .select({ id: notifications.id, readAt: notifications.readAt })
        .from(notifications)
        .where(and(eq(notifications.id, input.notificationId), own));
      if (!row) throw new NotFoundError("notification");
    }
    const marked = await tx
      .update(notifications)
      .set({ readAt: new Date() })
      .where(and(own, isNull(notifications.readAt), input.notificationId ? eq(notifications.id, input.notificationId) : undefined))
      .returning({ id: notifications.id });
    if (marked.length === 0) {
      declareUnchanged();
      return { marked: 0 };
    }
    await audit({
      action: "notification.mark_read",
      entityType: "notification",
      entityId: input.notificationId ?? null,
      meta: { count: marked.length, all: input.all },
    });
    return { marked: marked.length };
  },
});
