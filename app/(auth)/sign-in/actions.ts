"use server";

import { AuthError, CredentialsSignin } from "next-auth";
import { signIn } from "@/lib/auth";
import { safeCallbackUrl } from "./callback-url";

export type SignInError = "missing" | "invalidCredentials" | "locked" | "unexpected";

export interface SignInState {
  error: SignInError | null;
  /** Echoed back so that the form keeps what the user typed (never the password). */
  email: string;
}

/**
 * Signs in with e-mail and password through Auth.js. On success signIn() throws Next's redirect, which must
 * propagate; only Auth.js errors become messages. The lockout itself is decided in verifyCredentials().
 */
export async function signInWithPassword(_previous: SignInState, formData: FormData): Promise<SignInState> {
  const email = String(formData.get("email") ?? "").trim();
  const password = String(formData.get("password") ?? "");
  if (!email || !password) return { error: "missing", email };

  try {
    await signIn("credentials", { email, password, redirectTo: safeCallbackUrl(formData.get("callbackUrl")) });
  } catch (error) {
    if (error instanceof CredentialsSignin) {
      // AccountLockedError carries code "locked"; anything else is a wrong e-mail or password, told apart
      // from neither so that the page does not reveal which accounts exist.
      return { error: error.code === "locked" ? "locked" : "invalidCredentials", email };
    }
    if (error instanceof AuthError) {
      console.error("[sign-in]", error.type, error.cause ?? "");
      return { error: "unexpected", email };
    }
    throw error;
  }
  return { error: null, email };
}
