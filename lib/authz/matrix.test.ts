import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDb, TEST_ENGINES, type TestDb } from "@/lib/test/db";
import { fingerprint, inRolledBackTransaction } from "./matrix/isolation";
import { ACTION_CASES, expectedOutcome, ROUTE_CASES, type ActionCase, type Outcome } from "./matrix/registry";
import { findActionDefinitions, findRouteHandlers } from "./matrix/scan";
import { buildMatrixWorld, MATRIX_PARTIES, MATRIX_ROLES, type MatrixWorld } from "./matrix/world";
import { PERMISSIONS, permissionsFor } from "./permissions";

/**
 * The authorization matrix: every action of lib/ and every route handler of app/, called through the real
 * runAction / route cores by every role of every party (and the administrators of the system organization),
 * once on a record of the actor's own organization and once on a record of an organization in another block.
 *
 * The expectation comes from the permission table and the record's owner (./matrix/registry.ts): a missing
 * permission is `forbidden`, another organization's record is `not_found` — never a hint that it exists —
 * and the own record is `ok` unless the registry names an expected domain refusal. A denied call must change
 * nothing at all (row counts, versions, audit rows); an allowed one must write its audit row. Each call runs
 * in a transaction that is rolled back, so every actor meets the same world.
 */

const ROOT = path.resolve(__dirname, "..", "..");

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

  it("gives each action a permission that exists, and the far target to every action that takes a record", () => {
    for (const c of ACTION_CASES) {
      expect(PERMISSIONS, c.name).toContain(c.permission);
      expect(c.other !== undefined || ["company.create", "company.check_duplicates", "party_kind.add"].includes(c.name), c.name).toBe(true);
    }
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

  async function callAction(spec: ActionCase, actorIndex: number, target: "own" | "other") {
    const actor = world.actors[actorIndex]!;
    const input = target === "own" ? spec.own(world, actor) : spec.other!(world, actor);
    return inRolledBackTransaction(t.db, async (tx) => {
      const before = await fingerprint(tx);
      const result = await spec.run(input, tx, actor.actor.userId);
      const after = await fingerprint(tx);
      return { result, before, after };
    });
  }

  const rows: [string, ActionCase, number, "own" | "other"][] = [];
  for (const spec of ACTION_CASES) {
    // The actor list is built in beforeAll; its order is fixed: the four parties × the four roles, then the system administrator.
    for (let i = 0; i < MATRIX_PARTIES.length * MATRIX_ROLES.length + 1; i += 1) {
      rows.push([spec.name, spec, i, "own"]);
      if (spec.other) rows.push([spec.name, spec, i, "other"]);
    }
  }

  describe("actions", () => {
    it("covers every action for every actor: over a thousand calls, each of the three outcomes hundreds of times", () => {
      expect(rows.length).toBeGreaterThan(1000);
      const tally = { ok: 0, forbidden: 0, not_found: 0 } as Record<string, number>;
      for (const [, spec, i, target] of rows) {
        const outcome = expectedOutcome(spec, world.actors[i]!, target);
        tally[outcome] = (tally[outcome] ?? 0) + 1;
      }
      expect(tally.ok).toBeGreaterThan(300);
      expect(tally.forbidden).toBeGreaterThan(300);
      expect(tally.not_found).toBeGreaterThan(200);
    });

    it.each(rows)("%s", async (_name, spec, actorIndex, target) => {
      const actor = world.actors[actorIndex]!;
      const expected: Outcome = expectedOutcome(spec, actor, target);
      const { result, before, after } = await callAction(spec, actorIndex, target);
      const got: Outcome = result.ok ? "ok" : result.code;
      expect({ actor: actor.key, target, got, detail: result.ok ? undefined : result.message }).toMatchObject({ actor: actor.key, target, got: expected });

      if (result.ok) {
        // Every change is audited, in the same transaction.
        if (!spec.readsOnly) expect(after.auditRows, `${actor.key} ${spec.name}: no audit row`).toBeGreaterThan(before.auditRows);
      } else {
        // A refused call leaves every table exactly as it was, the audit log included.
        expect(after.state, `${actor.key} ${spec.name} (${got}) changed something`).toEqual(before.state);
      }
    });
  });

  describe("route handlers", () => {
    const routeRows: [string, number, number, "own" | "other"][] = [];
    ROUTE_CASES.forEach((route, routeIndex) => {
      for (let i = 0; i < MATRIX_PARTIES.length * MATRIX_ROLES.length + 1; i += 1) {
        routeRows.push([route.key, routeIndex, i, "own"]);
        if (route.hasOther) routeRows.push([route.key, routeIndex, i, "other"]);
      }
    });

    it.each(routeRows)("%s", async (_key, routeIndex, actorIndex, target) => {
      const route = ROUTE_CASES[routeIndex]!;
      const actor = world.actors[actorIndex]!;
      const expected = route.expect(target, actor);
      const { status, body, before, after } = await inRolledBackTransaction(t.db, async (tx) => {
        const before = await fingerprint(tx);
        const response = await route.call(target, { db: tx, actor, world });
        const text = await response.text();
        const after = await fingerprint(tx);
        return { status: response.status, body: text, before, after };
      });
      expect({ actor: actor.key, target, status }).toEqual({ actor: actor.key, target, status: expected });

      if (status !== 200) {
        expect(after.state, `${actor.key} ${route.key} (${status}) changed something`).toEqual(before.state);
        // Not found says nothing about the record: not its title, not its company.
        expect(body).not.toContain(world.far.case.title);
        expect(body).not.toContain(world.far.company.name);
      } else if (route.listed) {
        const { items, mustList, mustNotList } = route.listed({ db: t.db, actor, world });
        const listed = items(JSON.parse(body));
        for (const id of mustList) expect(listed, `${actor.key} ${route.key} lists its own record`).toContain(id);
        for (const id of mustNotList) expect(listed, `${actor.key} ${route.key} lists another block's record`).not.toContain(id);
      }
      // Nothing from the far organization reaches anyone, in any answer.
      expect(body).not.toContain(world.far.company.name);
      expect(body).not.toContain("FARの未出願発明");
    });

    it("audits the confidential read of the own case's notes, for each member who opens it", async () => {
      const reader = world.actors.find((a) => a.key === "inpit/coordinator")!;
      const caseRoute = ROUTE_CASES.find((r) => r.key === "GET /api/v1/cases/[id]")!;
      const { status, before, after } = await inRolledBackTransaction(t.db, async (tx) => {
        const before = await fingerprint(tx);
        const response = await caseRoute.call("own", { db: tx, actor: reader, world });
        return { status: response.status, before, after: await fingerprint(tx) };
      });
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
