import { expect } from "vitest";

/**
 * Asserts that a statement on audit_log was refused by the append-only trigger of migration 0001 — its own
 * message and SQLSTATE 42501 (insufficient_privilege) — and not by anything else (a syntax error, a lost
 * connection, a wrong table name would also throw). drizzle wraps the driver's error ("Failed query: …"),
 * so the database's error is looked for along the chain of causes.
 */
export async function expectAuditLogRefusal(statement: PromiseLike<unknown>, operation: "UPDATE" | "DELETE" | "TRUNCATE"): Promise<void> {
  let caught: unknown;
  try {
    await statement;
  } catch (error) {
    caught = error;
  }
  expect(caught, `${operation} on audit_log was not refused`).toBeInstanceOf(Error);
  const chain: { message?: string; code?: string }[] = [];
  for (let error = caught as { message?: string; code?: string; cause?: unknown } | undefined; error; error = error.cause as typeof error) chain.push(error);
  const fromDatabase = chain.find((error) => error.message === `audit_log is append-only (${operation} refused)`);
  expect(fromDatabase, `not the trigger's refusal: ${chain.map((e) => e.message).join(" <- ")}`).toBeDefined();
  expect(fromDatabase!.code).toBe("42501");
}
