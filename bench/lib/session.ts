/**
 * Signs a demo account in once, the way the browser does through Auth.js v5: the CSRF token from
 * /api/auth/csrf, then the credentials callback. Returns the Cookie header that carries the session, which
 * the load generator then sends with every request.
 */
export async function signIn(origin: string, email: string, password: string): Promise<string> {
  const csrfResponse = await fetch(`${origin}/api/auth/csrf`);
  if (!csrfResponse.ok) throw new Error(`GET /api/auth/csrf answered ${csrfResponse.status}`);
  const { csrfToken } = (await csrfResponse.json()) as { csrfToken: string };
  const jar = new Map<string, string>();
  absorb(jar, csrfResponse.headers);

  const response = await fetch(`${origin}/api/auth/callback/credentials`, {
    method: "POST",
    redirect: "manual",
    headers: { "content-type": "application/x-www-form-urlencoded", cookie: cookieHeader(jar) },
    body: new URLSearchParams({ csrfToken, email, password, callbackUrl: `${origin}/dashboard` }).toString(),
  });
  absorb(jar, response.headers);
  const session = [...jar.keys()].find((name) => /^(__Secure-)?authjs\.session-token/.test(name));
  if (!session) throw new Error(`signing in ${email} gave no session cookie (status ${response.status}, location ${response.headers.get("location")})`);
  return cookieHeader(new Map([...jar].filter(([name]) => /session-token/.test(name))));
}

function absorb(jar: Map<string, string>, headers: Headers) {
  for (const line of headers.getSetCookie()) {
    const [pair] = line.split(";");
    const eq = pair!.indexOf("=");
    if (eq > 0) jar.set(pair!.slice(0, eq).trim(), pair!.slice(eq + 1).trim());
  }
}

function cookieHeader(jar: Map<string, string>): string {
  return [...jar].map(([name, value]) => `${name}=${value}`).join("; ");
}
