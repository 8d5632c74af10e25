"use server";

import { signOut } from "@/lib/auth";

/** Ends the session (clears the Auth.js cookie) and returns to the sign-in page. */
export async function signOutAction(): Promise<void> {
  await signOut({ redirectTo: "/sign-in" });
}
