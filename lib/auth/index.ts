import NextAuth, { CredentialsSignin } from "next-auth";
import Credentials from "next-auth/providers/credentials";
import { z } from "zod";
import { getDb } from "@/db/client";
import { verifyCredentials } from "./verify-credentials";

/** Shown on the sign-in page as 「ロックされています」; the code travels in the URL, so it says nothing more. */
export class AccountLockedError extends CredentialsSignin {
  code = "locked";
}

const credentialsSchema = z.object({ email: z.string().trim().min(1).max(254), password: z.string().min(1).max(200) });

/**
 * Auth.js v5 with e-mail + password and a JWT session cookie (docs/decisions/003-session-strategy.md).
 * The token carries only the user id; role, organization and the active flag are re-read from the
 * database on every request by requireActor(), never trusted from the cookie.
 */
export const { handlers, auth, signIn, signOut } = NextAuth({
  session: { strategy: "jwt", maxAge: 8 * 60 * 60 },
  pages: { signIn: "/sign-in" },
  logger: {
    // A wrong password or a locked account is an expected outcome, recorded in the audit log; a stack trace
    // per attempt would bury real errors in the server log.
    error(error) {
      if (error instanceof CredentialsSignin || error.name === "CredentialsSignin") return;
      console.error(error);
    },
  },
  providers: [
    Credentials({
      credentials: { email: {}, password: {} },
      async authorize(raw) {
        const parsed = credentialsSchema.safeParse(raw);
        if (!parsed.success) return null;
        const result = await verifyCredentials(getDb(), parsed.data.email, parsed.data.password);
        if (result.ok) return { id: result.userId, name: result.name, email: result.email };
        if (result.reason === "locked") throw new AccountLockedError();
        return null;
      },
    }),
  ],
  callbacks: {
    jwt({ token, user }) {
      if (user?.id) token.sub = user.id;
      return token;
    },
    session({ session, token }) {
      if (token.sub) session.user.id = token.sub;
      return session;
    },
  },
});
