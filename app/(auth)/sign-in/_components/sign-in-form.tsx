"use client";

import { useActionState } from "react";
import { useTranslations } from "next-intl";
import { AlertCircle, Loader2 } from "lucide-react";
import { Alert, AlertDescription } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { FormField } from "@/components/ui/form-field";
import { Input } from "@/components/ui/input";
import { signInWithPassword, type SignInState } from "../actions";

export function SignInForm({ callbackUrl }: { callbackUrl: string | null }) {
  const t = useTranslations("auth.signIn");
  const [state, formAction, pending] = useActionState<SignInState, FormData>(signInWithPassword, { error: null, email: "" });

  return (
    <form action={formAction} className="grid gap-4">
      {state.error ? (
        <Alert variant="destructive">
          <AlertCircle aria-hidden />
          <AlertDescription>{t(`errors.${state.error}`)}</AlertDescription>
        </Alert>
      ) : null}
      {callbackUrl ? <input type="hidden" name="callbackUrl" value={callbackUrl} /> : null}
      <FormField name="email" label={t("email")}>
        {/* key: a re-render after an error resets the uncontrolled input to the echoed value. */}
        <Input
          key={state.email}
          name="email"
          type="email"
          autoComplete="username"
          inputMode="email"
          defaultValue={state.email}
          required
          autoFocus
          aria-invalid={state.error === "invalidCredentials" || undefined}
        />
      </FormField>
      <FormField name="password" label={t("password")}>
        <Input
          name="password"
          type="password"
          autoComplete="current-password"
          required
          aria-invalid={state.error === "invalidCredentials" || undefined}
        />
      </FormField>
      <Button type="submit" disabled={pending} className="mt-2 w-full">
        {pending ? <Loader2 aria-hidden className="animate-spin" /> : null}
        {pending ? t("submitting") : t("submit")}
      </Button>
    </form>
  );
}
