import { confidentialNotes } from "@/db/schema";
import { defineAction } from "@/lib/authz/action";
import { ForbiddenError } from "@/lib/authz/errors";
import { isCaseMember, loadVisibleCase } from "./case-access";
import { addConfidentialNoteSchema } from "./schema";

/**
 * 秘匿メモの追加. An unfiled invention must not leak — disclosure before filing can destroy novelty — so only the
 * case's members write (and read) these notes: not a manager or a team member as such, not an administrator.
 * The audit row records that a note was written, its id and length, never its text: the audit log must not
 * become a second copy of confidential content that people outside the case can read.
 */
export const addConfidentialNote = defineAction({
  name: "confidential_note.add",
  permission: "confidential:write",
  schema: addConfidentialNoteSchema,
  handler: async ({ actor, tx, input, audit }) => {
    const target = await loadVisibleCase(tx, actor, input.caseId);
    if (!(await isCaseMember(tx, target.id, actor.userId))) throw new ForbiddenError("confidential:write");

    const [note] = await tx
      .insert(confidentialNotes)
      .values({ caseId: target.id, body: input.body, authorUserId: actor.userId })
      .returning({ id: confidentialNotes.id, createdAt: confidentialNotes.createdAt });
    await audit({
      action: "confidential_note.add",
      entityType: "confidential_note",
      entityId: note!.id,
      after: { id: note!.id, caseId: target.id, length: input.body.length, createdAt: note!.createdAt },
    });
    return { id: note!.id };
  },
});
