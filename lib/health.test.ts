import { createServer, type Server, type Socket } from "node:net";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { openDb, type DbHandle } from "@/db/client";
import { createTestDb, TEST_ENGINES, type TestDb } from "@/lib/test/db";
import { HEALTH_TIMEOUT_MS, healthResponse, type HealthProbe } from "./health";

async function read(response: Response) {
  return { status: response.status, cache: response.headers.get("cache-control"), body: (await response.json()) as unknown };
}

const UNAVAILABLE = { status: 503, cache: "no-store", body: { status: "unavailable" } };

describe.each(TEST_ENGINES)("GET /api/health with a database that answers (%s)", (engine) => {
  let t: TestDb;
  beforeAll(async () => {
    t = await createTestDb(engine);
  });
  afterAll(() => t?.cleanup());

  it("answers 200 with the engine, and leaves no timer behind", async () => {
    vi.useFakeTimers({ toFake: ["setTimeout", "clearTimeout"] });
    try {
      expect(await read(await healthResponse(() => t))).toEqual({ status: 200, cache: "no-store", body: { status: "ok", database: engine } });
      // The 3 s race timer is cleared once the database has answered.
      expect(vi.getTimerCount()).toBe(0);
    } finally {
      vi.useRealTimers();
    }
  });
});

describe("GET /api/health with a database that does not answer", () => {
  afterEach(() => vi.useRealTimers());

  it("answers 503 when the database refuses the query (a closed embedded database)", async () => {
    const handle = openDb({ pgliteDir: "memory://" });
    await handle.close();
    expect(await read(await healthResponse(() => handle))).toEqual(UNAVAILABLE);
  });

  it("answers 503 when the PostgreSQL server cannot be reached", async () => {
    // Port 1 on the loopback: nothing listens there, the connection is refused at once.
    const handle = openDb({ url: "postgres://renkei@127.0.0.1:1/renkei", max: 1 });
    try {
      expect(await read(await healthResponse(() => handle))).toEqual(UNAVAILABLE);
    } finally {
      await handle.close();
    }
  });

  it("answers 503 when opening the database throws, without the error in the answer", async () => {
    const response = await healthResponse(() => {
      throw new Error("PGlite data directory is locked by /secret/path");
    });
    const text = await response.clone().text();
    expect(await read(response)).toEqual(UNAVAILABLE);
    expect(text).not.toContain("secret");
  });

  it(`answers 503 after ${HEALTH_TIMEOUT_MS} ms when the database never answers, and not before`, async () => {
    vi.useFakeTimers({ toFake: ["setTimeout", "clearTimeout"] });
    const hanging: HealthProbe = { engine: "postgres", raw: () => new Promise<never>(() => {}) };
    let settled: Response | undefined;
    const pending = healthResponse(() => hanging).then((response) => (settled = response));

    await vi.advanceTimersByTimeAsync(HEALTH_TIMEOUT_MS - 1);
    expect(settled).toBeUndefined();
    await vi.advanceTimersByTimeAsync(1);
    await pending;
    expect(await read(settled!)).toEqual(UNAVAILABLE);
    expect(vi.getTimerCount()).toBe(0);
  });

  describe("a PostgreSQL server that accepts the connection and then says nothing", () => {
    let server: Server;
    let port: number;
    const sockets = new Set<Socket>();
    let closing = false;
    let handle: DbHandle;

    beforeAll(async () => {
      server = createServer((socket) => {
        // Once the test is over, the driver's reconnects are hung up on at once.
        if (closing) return void socket.destroy();
        sockets.add(socket);
        socket.on("close", () => sockets.delete(socket));
      });
      await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
      port = (server.address() as { port: number }).port;
      handle = openDb({ url: `postgres://renkei@127.0.0.1:${port}/renkei`, max: 1 });
    });
    afterAll(async () => {
      closing = true;
      for (const socket of sockets) socket.destroy();
      await handle.close();
      await new Promise((resolve) => server.close(resolve));
    });

    it("answers 503 once the timeout has passed, over a real hung connection", async () => {
      const started = Date.now();
      expect(await read(await healthResponse(() => handle, 200))).toEqual(UNAVAILABLE);
      const took = Date.now() - started;
      expect(took).toBeGreaterThanOrEqual(190);
      expect(took).toBeLessThan(2000);
      expect(sockets.size).toBeGreaterThan(0);
    });
  });
});
