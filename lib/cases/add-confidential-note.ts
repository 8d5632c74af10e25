import { and, eq } from "drizzle-orm";
import type { Tx } from "@/db/client";
import { confidentialNotes } from "@/db/schema";
import { defineAction } from "@/lib/authz/action";
import { ForbiddenError } from "@/lib/authz/errors";
import { isCaseMember, loadVisibleCase } from "./case-access";
import { addConfidentialNoteSchema } from "./schema";

export interface AddedConfidentialNote {
  id: string;
  /** True when this was a second submit of the same form: the first note is returned, nothing was added. */
  replayed: boolean;
}

/**
 * 秘匿メモの追加. An unfiled invention must not leak — disclosure before filing can destroy novelty — so only the
 * case's members write (and read) these notes: not a manager or a team member as such, not an administrator.
 * The audit row records that a note was written, its id and length, never its text: the audit log must not
 * become a second copy of confidential content that people outside the case can read. A double-submitted form
 * (same idempotency key) returns the author's first note and adds nothing.
 */
export const addConfidentialNote = defineAction({
  name: "confidential_note.add",
  permission: "confidential:write",
  schema: addConfidentialNoteSchema,
  handler: async ({ actor, tx, input, audit, declareUnchanged }): Promise<AddedConfidentialNote> => {
    const replayed = await findByIdempotencyKey(tx, actor.userId, input.idempotencyKey);
    if (replayed) {
      declareUnchanged();
      return replayed;
    }

    const target = await loadVisibleCase(tx, actor, input.caseId);
    if (!(await isCaseMember(tx, target.id, actor.userId))) throw new ForbiddenError("confidential:write");

    const [note] = await tx
      .insert(confidentialNotes)
      .values({ caseId: target.id, body: input.body, authorUserId: actor.userId, idempotencyKey: input.idempotencyKey })
      // A concurrent second submit waits here for the first to commit, inserts nothing, and finds the first.
      .onConflictDoNothing()
      .returning({ id: confidentialNotes.id, createdAt: confidentialNotes.createdAt });
    if (!note) {
      const first = await findByIdempotencyKey(tx, actor.userId, input.idempotencyKey);
      if (!first) throw new Error("confidential note insert conflicted, yet no note has its idempotency key");
      declareUnchanged();
      return first;
    }
    await audit({
      action: "confidential_note.add",
      entityType: "confidential_note",
      entityId: note.id,
      after: { id: note.id, caseId: target.id, length: input.body.length, createdAt: note.createdAt },
    });
    return { id: note.id, replayed: false };
  },
});

async function findByIdempotencyKey(tx: Tx, userId: string, key: string): Promise<AddedConfidentialNote | undefined> {
  const [first] = await tx
    .select({ id: confidentialNotes.id })
    .from(confidentialNotes)
    .where(and(eq(confidentialNotes.authorUserId, userId), eq(confidentialNotes.idempotencyKey, key)))
    .limit(1);
  return first ? { id: first.id, replayed: true } : undefined;
}
