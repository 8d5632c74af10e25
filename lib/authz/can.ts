import { permissionsFor, type Permission } from "./permissions";
import type { Actor } from "./actor";
import { ForbiddenError } from "./errors";

export function can(actor: Pick<Actor, "role" | "partyKind">, permission: Permission): boolean {
  return permissionsFor(actor.role, actor.partyKind).has(permission);
}

export function assertCan(actor: Pick<Actor, "role" | "partyKind">, permission: Permission): void {
  if (!can(actor, permission)) throw new ForbiddenError(permission);
}
