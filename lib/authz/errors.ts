/**
 * Errors that domain code throws and the action wrapper / route handlers turn into results. A record the
 * actor may not see is *not found* — never "forbidden" — so that its existence does not leak.
 */
export class NotFoundError extends Error {
  constructor(what = "record") {
    super(`${what} not found`);
    this.name = "NotFoundError";
  }
}

/** The actor lacks a permission for an action they can see (e.g. a coordinator trying to set a KPI). */
export class ForbiddenError extends Error {
  constructor(public readonly permission: string) {
    super(`missing permission ${permission}`);
    this.name = "ForbiddenError";
  }
}

/** A stale edit or a transition that someone else already made. `current` shows what is there now. */
export class ConflictError extends Error {
  constructor(
    public readonly messageKey: string,
    public readonly current?: Record<string, unknown>,
  ) {
    super(messageKey);
    this.name = "ConflictError";
  }
}

/** A rule of the domain refused the input (field errors carry message keys of lib/i18n/messages). */
export class DomainValidationError extends Error {
  constructor(public readonly fieldErrors: Record<string, string[]>, messageKey = "errors.invalidInput") {
    super(messageKey);
    this.name = "DomainValidationError";
  }
}
