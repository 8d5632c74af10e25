import { randomUUID } from "node:crypto";

/**
 * A create or log input as a form or an API client sends it: with a fresh one-time key (idempotencyKey() in
 * lib/validation/form-fields.ts is required), unless the test set one to exercise the double submit. A FormData
 * is copied, not changed. Tests of the refusal of a keyless request call runAction without this.
 */
export function keyed<T extends Record<string, unknown> | FormData>(input: T): T {
  if (input instanceof FormData) {
    const copy = new FormData();
    for (const [name, value] of input.entries()) copy.append(name, value);
    if (!copy.has("idempotencyKey")) copy.set("idempotencyKey", randomUUID());
    return copy as T;
  }
  return { idempotencyKey: randomUUID(), ...input };
}
