import path from "node:path";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { swapDbHandle, type Db } from "@/db/client";
import { createTestDb, TEST_ENGINES, type TestDb } from "@/lib/test/db";
import { fingerprint, inRolledBackTransaction } from "./matrix/isolation";
import { ACTION_CASES, expectedOutcome, inputFor, ROUTE_CASES, targetsOf, type ActionCase, type Outcome, type RouteCase, type Target } from "./matrix/registry";
import { findActionDefinitions, findRouteHandlers, findServerFunctions, scanServerFile, SESSION_ENDPOINTS } from "./matrix/scan";
import { buildMatrixWorld, MATRIX_PARTIES, MATRIX_ROLES, type MatrixActor, type MatrixWorld } from "./matrix/world";
import { PERMISSIONS, permissionsFor } from "./permissions";

/**
 * The authorization matrix: every action of lib/ and every route handler of app/, called by every role of every
 * party (and the administrators of the system organization), once on a record of the actor's own
 * organization and once on each record of another organization the registry names — another block's, and for
 * cases, next actions and referrals a neighbour's in the same prefecture and an organization's elsewhere in the
 * block. Actions run through the real runAction; route handlers through the route files' own exports.
 *
 * The expectation comes from the permission table and the record's owner (./matrix/registry.ts): a missing
 * permission is `forbidden` (403), another organization's record is `not_found` (404) — never a hint that it
 * exists — and the own record is `ok` unless the registry names an expected domain refusal. A refused call,
 * either way, must change nothing at all (row counts, versions, audit rows); an allowed one must write its
 * audit row. Each call runs in a transaction that is rolled back, so every actor meets the same world.
 *
 * Server functions are proved by reading them: each exported function of a "use server" file is nothing but
 * `return invokeAction(<definition>, input)` with a definition this matrix runs (./matrix/scan.ts).
 */

// The one thing replaced: the session itself. The request carries the row's actor's session cookie (next/headers'
// cookies(), which outside a Next.js request has nothing to read), and Auth.js's auth(), which would verify that
// cookie, answers its user id, as a valid cookie would. Everything after it — getSessionUserId, the route file,
// apiRoute / actionRoute, loadActor, the permission table, the scopes, runAction — is the production code.
const session = vi.hoisted(() => ({ userId: null as string | null }));
vi.mock("@/lib/auth", () => ({
  auth: async () => (session.userId ? { user: { id: session.userId } } : null),
}));
vi.mock("next/headers", async (importOriginal) => {
  const original = await importOriginal<typeof import("next/headers")>();
  const sessionCookies = () => (session.userId ? [{ name: "authjs.session-token", value: `matrix-session-of-${session.userId}` }] : []);
  return {
    ...original,
    cookies: async () => ({
      getAll: () => sessionCookies(),
      get: (name: string) => sessionCookies().find((cookie) => cookie.name === name),
      has: (name: string) => sessionCookies().some((cookie) => cookie.name === name),
    }),
  };
});

const ROOT = path.resolve(__dirname, "..", "..");
const ACTORS = MATRIX_PARTIES.length * MATRIX_ROLES.length + 1;

describe("the matrix registry", () => {
  it("lists every action definition under lib/, and nothing else", () => {
    const { found, unparsed } = findActionDefinitions(ROOT);
    expect(unparsed, "files with a defineAction( call the scanner cannot read; write `export const x = defineAction({ name: …`").toEqual([]);
    expect(found.length).toBeGreaterThanOrEqual(30);
    expect(ACTION_CASES.map((c) => c.name).sort()).toEqual(found.map((a) => a.name).sort());
  });

  it("lists every route handler under app/ (but Auth.js's and the health probe), and nothing else", () => {
    const found = findRouteHandlers(ROOT).map((r) => r.key);
    expect(found.length).toBeGreaterThanOrEqual(15);
    expect(ROUTE_CASES.map((r) => r.key).sort()).toEqual([...found].sort());
  });

  it("gives each action a permission that exists, and another organization's record to every action that takes a record", () => {
    for (const c of ACTION_CASES) {
      expect(PERMISSIONS, c.name).toContain(c.permission);
      expect(c.other !== undefined || ["company.create", "company.check_duplicates", "party_kind.add"].includes(c.name), c.name).toBe(true);
    }
  });

  it("tries every action on a case, a next action or a referral on a neighbour's record and on one elsewhere in the block too", () => {
    const onCasesAndReferrals = ACTION_CASES.filter((c) => /^(case\.(?!open)|activity\.|next_action\.|outcome\.|confidential_note\.|referral\.(?!send))/.test(c.name));
    expect(onCasesAndReferrals.length).toBeGreaterThanOrEqual(15);
    for (const c of onCasesAndReferrals) expect(targetsOf(c), c.name).toEqual(["own", "far", "near", "block"]);
  });
});

describe("server functions", () => {
  const scan = findServerFunctions(ROOT);
  const definitions = findActionDefinitions(ROOT).found;
  const registered = new Set(ACTION_CASES.map((c) => c.name));

  it("are each nothing but `return invokeAction(definition, input)`, anywhere in app/, components/ and lib/", () => {
    expect(scan.problems).toEqual([]);
    expect(scan.functions.length).toBeGreaterThanOrEqual(35);
  });

  it("invoke only definitions the matrix runs for every actor", () => {
    for (const fn of scan.functions) {
      const definition = definitions.find((d) => d.file === fn.definition.file && d.exportName === fn.definition.exportName);
      expect(definition, `${fn.file}#${fn.exportName} invokes ${fn.definition.file}#${fn.definition.exportName}, which is no defineAction`).toBeDefined();
      expect(registered.has(definition!.name), `${fn.file}#${fn.exportName}: ${definition!.name} is not in the matrix`).toBe(true);
    }
  });

  it("leave out only the session endpoints, which are listed by name and import no database", () => {
    expect(scan.exempt.map((e) => `${e.file}#${e.exportName}`).sort()).toEqual(SESSION_ENDPOINTS.map((e) => `${e.file}#${e.exportName}`).sort());
  });

  describe("the reading itself (so that it can fail)", () => {
    const check = (body: string, file = "app/(app)/x/actions.ts") =>
      scanServerFile(
        ROOT,
        file,
        `"use server";\nimport { invokeAction } from "@/lib/auth/invoke-action";\nimport { updateCase } from "@/lib/cases/update-case";\nimport { getDb } from "@/db/client";\nimport { cases } from "@/db/schema";\n${body}`,
      );

    it("accepts the one shape, with a parameter or an object of parameters as input and { refresh: true }", () => {
      const ok = check(
        [
          "export async function a(_previous: unknown, formData: FormData) { return invokeAction(updateCase, formData); }",
          "export async function b(id: string) { return invokeAction(updateCase, { id }, { refresh: true }); }",
          "export const c = async (input: unknown) => invokeAction(updateCase, input);",
        ].join("\n"),
      );
      expect(ok.problems).toEqual([]);
      expect(ok.functions.map((f) => [f.exportName, f.definition])).toEqual([
        ["a", { file: "lib/cases/update-case.ts", exportName: "updateCase" }],
        ["b", { file: "lib/cases/update-case.ts", exportName: "updateCase" }],
        ["c", { file: "lib/cases/update-case.ts", exportName: "updateCase" }],
      ]);
    });

    it.each([
      ["writes to the database directly", "export async function x(id: string) { await getDb().delete(cases); return invokeAction(updateCase, { id }); }"],
      ["returns something else", "export async function x(id: string) { return getDb().delete(cases); }"],
      ["computes its input", "export async function x(id: string) { return invokeAction(updateCase, { id, version: await getDb().select() }); }"],
      ["passes a definition built on the spot", "export async function x(input: unknown) { return invokeAction({ ...updateCase, permission: 'case:read' }, input); }"],
      ["runs code in a parameter default", "export async function x(input = getDb().delete(cases)) { return invokeAction(updateCase, input); }"],
      ["passes unknown options", "export async function x(input: unknown) { return invokeAction(updateCase, input, { actorUserId: 'x' }); }"],
      ["is not async", "export function x(input: unknown) { return invokeAction(updateCase, input); }"],
      ["runs code at import", "getDb();\nexport async function x(input: unknown) { return invokeAction(updateCase, input); }"],
    ])("refuses a server function that %s", (_what, body) => {
      expect(check(body).problems).toHaveLength(1);
    });

    it("refuses an inline server function, and a session endpoint that imports the database", () => {
      const inline = scanServerFile(ROOT, "app/x/page.tsx", `export default function Page() { async function go() { "use server"; } return null; }`);
      expect(inline.problems).toHaveLength(1);
      const signIn = check(`export async function signInWithPassword() { return null; }`, "app/(auth)/sign-in/actions.ts");
      expect(signIn.exempt).toHaveLength(1);
      expect(signIn.problems.join()).toMatch(/imports @\/db\/client/);
    });
  });
});

describe.each(TEST_ENGINES)("the authorization matrix (%s)", (engine) => {
  let t: TestDb;
  let world: MatrixWorld;

  beforeAll(async () => {
    t = await createTestDb(engine);
    world = await buildMatrixWorld(t.db);
  }, 120_000);
  afterAll(() => t?.cleanup());

  it("has every role of every party, and the system organization's administrator", () => {
    expect(world.actors.map((a) => a.key).sort()).toEqual(
      [...MATRIX_PARTIES.flatMap((p) => MATRIX_ROLES.map((r) => `${p}/${r}`)), "system/admin"].sort(),
    );
  });

  describe("actions", () => {
    const rows: [string, ActionCase, number, Target][] = [];
    for (const spec of ACTION_CASES) {
      // The actor list is built in beforeAll; its order is fixed: the four parties × the four roles, then the system administrator.
      for (let i = 0; i < ACTORS; i += 1) for (const target of targetsOf(spec)) rows.push([spec.name, spec, i, target]);
    }

    it("covers every action for every actor: thousands of calls, each of the three outcomes hundreds of times, on near targets too", () => {
      expect(rows.length).toBeGreaterThan(1500);
      const tally: Record<string, number> = {};
      for (const [, spec, i, target] of rows) {
        const outcome = expectedOutcome(spec, world.actors[i]!, target);
        const key = `${target === "own" ? "own" : "other"}:${outcome}`;
        tally[key] = (tally[key] ?? 0) + 1;
        if (target === "near" || target === "block") tally[`${target}:${outcome}`] = (tally[`${target}:${outcome}`] ?? 0) + 1;
      }
      expect(tally["own:ok"]).toBeGreaterThan(300);
      expect(tally["own:forbidden"]! + tally["other:forbidden"]!).toBeGreaterThan(300);
      expect(tally["other:not_found"]).toBeGreaterThan(500);
      // Neighbours are refused both ways: by role (forbidden) and by record (not found), and both change nothing.
      for (const near of ["near", "block"]) {
        expect(tally[`${near}:not_found`], near).toBeGreaterThan(100);
        expect(tally[`${near}:forbidden`], near).toBeGreaterThan(50);
      }
    });

    it.each(rows)("%s", async (_name, spec, actorIndex, target) => {
      const actor = world.actors[actorIndex]!;
      const expected: Outcome = expectedOutcome(spec, actor, target);
      const input = inputFor(spec, world, actor, target);
      const { result, before, after } = await inRolledBackTransaction(t.db, async (tx) => {
        const before = await fingerprint(tx);
        const result = await spec.run(input, tx, actor.actor.userId);
        return { result, before, after: await fingerprint(tx) };
      });
      const got: Outcome = result.ok ? "ok" : result.code;
      expect({ actor: actor.key, target, got, detail: result.ok ? undefined : result.message }).toMatchObject({ actor: actor.key, target, got: expected });

      if (result.ok) {
        // Every change is audited, in the same transaction.
        if (!spec.readsOnly) expect(after.auditRows, `${actor.key} ${spec.name}: no audit row`).toBeGreaterThan(before.auditRows);
      } else {
        // Refused for the role (forbidden) or for the record (not found): every table exactly as it was, the audit log included.
        expect(after.state, `${actor.key} ${spec.name} (${got}) changed something`).toEqual(before.state);
      }
    });
  });

  describe("route handlers, through the route files' own exports", () => {
    type RouteExport = (request: Request, context: { params: Promise<Record<string, string>> }) => Promise<Response>;
    const handlers = new Map<string, RouteExport>();
    const routeFiles = findRouteHandlers(ROOT);

    beforeAll(async () => {
      for (const route of routeFiles) {
        const exports = (await import(/* @vite-ignore */ path.join(ROOT, route.file))) as Record<string, unknown>;
        const method = route.key.split(" ")[0]!;
        if (typeof exports[method] === "function") handlers.set(route.key, exports[method] as RouteExport);
      }
    });

    /** Calls the route file's export as Next.js would, signed in as `actor` (or signed out), on a rolled-back transaction. */
    async function callRoute(route: RouteCase, target: Target, actor: MatrixActor, signedIn = true) {
      const { url, params, body } = route.request(target, { actor, world });
      const method = route.key.split(" ")[0]!;
      const request = new Request(`http://localhost${url}`, {
        method,
        ...(body === undefined ? {} : { headers: { "content-type": "application/json" }, body: JSON.stringify(body) }),
      });
      return inRolledBackTransaction(t.db, async (tx) => {
        const before = await fingerprint(tx);
        const restoreDb = swapDbHandle({ ...t, db: tx as Db });
        session.userId = signedIn ? actor.actor.userId : null;
        let response: Response;
        try {
          response = await handlers.get(route.key)!(request, { params: Promise.resolve(params ?? {}) });
        } finally {
          session.userId = null;
          restoreDb();
        }
        const text = await response.text();
        return { status: response.status, body: text, before, after: await fingerprint(tx) };
      });
    }

    it("imports every route file and finds the method it exports", () => {
      expect([...handlers.keys()].sort()).toEqual(routeFiles.map((r) => r.key).sort());
    });

    const routeRows: [string, number, number, Target][] = [];
    ROUTE_CASES.forEach((route, routeIndex) => {
      for (let i = 0; i < ACTORS; i += 1) for (const target of route.targets) routeRows.push([route.key, routeIndex, i, target]);
    });

    it.each(routeRows)("%s", async (_key, routeIndex, actorIndex, target) => {
      const route = ROUTE_CASES[routeIndex]!;
      const actor = world.actors[actorIndex]!;
      const expected = route.expect(target, actor);
      const { status, body, before, after } = await callRoute(route, target, actor);
      expect({ actor: actor.key, target, status }).toEqual({ actor: actor.key, target, status: expected });

      if (status !== 200) {
        // 403 for the role, 404 for the record: either way nothing changed, and the answer names nothing.
        expect(after.state, `${actor.key} ${route.key} (${status}) changed something`).toEqual(before.state);
        expect(body).not.toContain(world.far.case.title);
        expect(body).not.toContain(world.far.company.name);
      } else if (route.listed) {
        const { items, mustList, mustNotList } = route.listed({ actor, world });
        const listed = items(JSON.parse(body));
        for (const id of mustList) expect(listed, `${actor.key} ${route.key} lists its own record`).toContain(id);
        for (const id of mustNotList) expect(listed, `${actor.key} ${route.key} lists another organization's record`).not.toContain(id);
      }
      // Nothing of another organization's cases reaches anyone, in any answer: not the far company, and no
      // case title, next action or 秘匿メモ of the far, neighbouring or same-block organization.
      expect(body).not.toContain(world.far.company.name);
      for (const other of [world.far, world.near, world.block]) {
        expect(body).not.toContain(other.case.title);
        expect(body).not.toContain(other.nextAction.title);
      }
      for (const label of ["FAR", "NEAR", "BLOCK"]) expect(body).not.toContain(`${label}の未出願発明`);
    });

    it.each(ROUTE_CASES.map((route) => [route.key, route] as const))("%s answers 401 to a signed-out caller and changes nothing", async (_key, route) => {
      const actor = world.actors.find((a) => a.key === "inpit/manager")!;
      const { status, before, after } = await callRoute(route, "own", actor, false);
      expect(status).toBe(401);
      expect(after.state).toEqual(before.state);
    });

    it("audits the confidential read of the own case's notes, for each member who opens it", async () => {
      const reader = world.actors.find((a) => a.key === "inpit/coordinator")!;
      const caseRoute = ROUTE_CASES.find((r) => r.key === "GET /api/v1/cases/[id]")!;
      const { status, before, after } = await callRoute(caseRoute, "own", reader);
      expect(status).toBe(200);
      expect(after.auditRows).toBe(before.auditRows + 1);
    });
  });

  it("denies administrators every case, company, referral and confidential action, whatever their organization", () => {
    for (const actor of world.actors.filter((a) => a.role === "admin")) {
      for (const spec of ACTION_CASES.filter((c) => !c.permission.startsWith("user:") && !c.permission.startsWith("organization:") && c.permission !== "notification:read")) {
        expect(expectedOutcome(spec, actor, "own"), `${actor.key} ${spec.name}`).toBe("forbidden");
      }
      expect(permissionsFor(actor.role, actor.party === "system" ? null : actor.party).has("confidential:read")).toBe(false);
    }
  });
});
