import type { ActionResult } from "@/lib/authz/action";

/**
 * What a form holds between submits with useActionState: nothing yet, or the last action result. These helpers
 * read it the way every form of the case and company screens needs: errors next to fields, and — after a
 * refusal — the values the user typed (echoed back by the action wrapper), so that nothing typed is lost.
 */
export type FormState<T> = ActionResult<T> | null;

type Refusal = Extract<ActionResult<unknown>, { ok: false }>;

export function refusalOf(state: FormState<unknown>): Refusal | null {
  return state && !state.ok ? state : null;
}

/** Messages for one field; `nextAction.title`-style names are matched as the wrapper joins zod paths. */
export function errorsFor(state: FormState<unknown>, name: string): string[] | undefined {
  return refusalOf(state)?.fieldErrors?.[name];
}

/** Messages that belong to no field of the form (`_form`, or any the caller did not render). */
export function formLevelErrors(state: FormState<unknown>, renderedFields: readonly string[]): string[] {
  const refusal = refusalOf(state);
  if (!refusal?.fieldErrors) return [];
  return Object.entries(refusal.fieldErrors)
    .filter(([field]) => !renderedFields.includes(field))
    .flatMap(([, messages]) => messages);
}

function echoed(state: FormState<unknown>, name: string): unknown {
  const values = refusalOf(state)?.values;
  if (!values) return undefined;
  // FormData keys named `x[]` come back as `x`; dotted names (`nextAction.title`) come back flat or folded.
  if (name in values) return values[name];
  const [head, tail] = name.split(".", 2);
  if (tail && head && values[head] && typeof values[head] === "object") return (values[head] as Record<string, unknown>)[tail];
  return undefined;
}

/** The text the user typed into a field, after a refusal; otherwise the fallback (the stored value). */
export function typedText(state: FormState<unknown>, name: string, fallback: string | number | null | undefined = ""): string {
  const value = echoed(state, name);
  if (Array.isArray(value)) return String(value.at(-1) ?? "");
  if (value !== undefined && value !== null) return String(value);
  return fallback === null || fallback === undefined ? "" : String(fallback);
}

/** A multi-select or checkbox group as typed (`themes[]`), after a refusal; otherwise the fallback. */
export function typedList(state: FormState<unknown>, name: string, fallback: readonly string[]): string[] {
  const refusal = refusalOf(state);
  if (!refusal?.values) return [...fallback];
  const value = echoed(state, name);
  if (value === undefined) return [];
  return (Array.isArray(value) ? value : [value]).map(String).filter((v) => v !== "");
}

/** A checkbox as typed: edit forms post a hidden "false" before the box, so the last value counts. */
export function typedChecked(state: FormState<unknown>, name: string, fallback: boolean): boolean {
  const refusal = refusalOf(state);
  if (!refusal?.values) return fallback;
  const value = echoed(state, name);
  const last = Array.isArray(value) ? value.at(-1) : value;
  return last === "on" || last === "true" || last === true;
}
