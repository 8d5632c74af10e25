import { NextResponse, type NextRequest } from "next/server";
import { sessionCookieKey } from "@/lib/auth/verified-sessions";

/**
 * Sends signed-out visitors of app pages to the sign-in page, with the page they wanted as `callbackUrl`.
 *
 * Convenience only, never the check: it looks at whether an Auth.js session cookie is *present*, not whether
 * it is valid. Every page calls requireActor()/requirePermission() and every action and route handler
 * authenticates on its own (lib/auth/session.ts, lib/authz). Decoding the JWT here would import the Auth.js
 * configuration, and with it the database client and the argon2 addon, into the proxy bundle — for nothing
 * the pages do not check again anyway. The cookie is recognized by the same rule getSessionUserId() keys it by
 * (lib/auth/verified-sessions.ts, which imports nothing).
 */
export function proxy(request: NextRequest) {
  if (sessionCookieKey(request.cookies.getAll()) !== null) return NextResponse.next();

  const { pathname, search } = request.nextUrl;
  const signIn = new URL("/sign-in", request.url);
  if (pathname !== "/") signIn.searchParams.set("callbackUrl", `${pathname}${search}`);
  return NextResponse.redirect(signIn);
}

export const config = {
  matcher: [
    // Everything except the API (it answers 401 itself), Next's assets, the sign-in page and files with an
    // extension (favicon.ico, robots.txt, images).
    "/((?!api(?:/|$)|_next/|sign-in(?:/|$)|.*\\.\\w+$).*)",
  ],
};
