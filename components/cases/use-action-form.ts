"use client";

import { useActionState, useEffect, useRef } from "react";
import { useTranslations } from "next-intl";
import type { ActionResult } from "@/lib/authz/action";
import type { FormState } from "./form-state";

/** A `"use server"` function of the form `(previous, formData) => invokeAction(definition, formData)`. */
export type ServerFormAction<T> = (previous: unknown, formData: FormData) => Promise<ActionResult<T>>;

interface ActionFormState<T> {
  result: FormState<T>;
  /** Counts results: the <form> is keyed by it (see below). */
  seq: number;
}

/**
 * useActionState for the forms of Renkei. React resets an uncontrolled form once its action has run; keying
 * the <form> by `formKey` remounts it after every result with the values the user typed as its defaults (the
 * action wrapper echoes them), so a refused submit never loses input. `onResult` runs once per result and `onSuccess` once per success.
 * A failure to reach the server becomes an "unexpected" refusal that keeps the typed values too.
 */
export function useActionForm<T>(
  action: ServerFormAction<T>,
  options: { onSuccess?: (data: T) => void; onResult?: (result: ActionResult<T>) => void } = {},
) {
  const t = useTranslations("errors");
  const [state, dispatch, pending] = useActionState<ActionFormState<T>, FormData>(
    async (previous, formData) => {
      try {
        return { result: await action(previous.result, formData), seq: previous.seq + 1 };
      } catch {
        return {
          result: { ok: false, code: "unexpected", message: t("unexpected"), values: formValuesOf(formData) },
          seq: previous.seq + 1,
        };
      }
    },
    { result: null, seq: 0 },
  );

  const formRef = useRef<HTMLFormElement>(null);
  const callbacks = useRef(options);
  useEffect(() => {
    callbacks.current = options;
  });
  // A ref, not state: development's double-run of effects must not report one success twice.
  const handledSeq = useRef(0);
  useEffect(() => {
    if (state.seq === handledSeq.current) return;
    handledSeq.current = state.seq;
    if (!state.result) return;
    callbacks.current.onResult?.(state.result);
    // After a refusal, keyboard and screen-reader users land on the first field that needs their attention.
    if (!state.result.ok) requestAnimationFrame(() => formRef.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus());
    if (state.result.ok) callbacks.current.onSuccess?.(state.result.data);
  }, [state]);

  return { result: state.result, formKey: String(state.seq), formRef, dispatch, pending };
}

/** FormData as the action wrapper echoes it: repeated keys and `x[]` keys as lists. */
function formValuesOf(formData: FormData): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const key of new Set(formData.keys())) {
    if (key.startsWith("$ACTION")) continue;
    const values = formData.getAll(key).filter((v): v is string => typeof v === "string");
    if (key.endsWith("[]")) out[key.slice(0, -2)] = values;
    else out[key] = values.length > 1 ? values : values[0];
  }
  return out;
}
