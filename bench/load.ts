/**
 * The load generator: a separate process (so that its CPU is not the server's event loop), started by
 * bench/run.ts with a JSON spec on stdin, printing one JSON result on stdout. N connections each send their
 * next request as soon as the previous answer has arrived (closed loop), for a fixed time or until the
 * request budget is spent — whichever comes first. Loopback only, and bounded in both time and count.
 */
import http from "node:http";
import { summarize, type LatencySummary } from "./lib/stats";

export interface LoadRequest {
  method: "GET" | "POST";
  path: string;
  headers: Record<string, string>;
  body?: string;
}

export interface LoadSpec {
  origin: string;
  connections: number;
  durationMs: number;
  /** Each request is sent once at most when set (e.g. one accept per pending referral). */
  maxRequests?: number;
  /** Sent round-robin. */
  requests: LoadRequest[];
  /** Answers with this status count as successes. */
  expectStatus: number;
}

export interface LoadResult {
  latency: LatencySummary;
  requests: number;
  errors: number;
  statuses: Record<string, number>;
  /** The first few failures, for the report. */
  errorSamples: string[];
  elapsedMs: number;
  rps: number;
}

const MAX_DURATION_MS = 120_000;
const MAX_REQUESTS = 200_000;
const LOOPBACK = new Set(["127.0.0.1", "localhost", "[::1]", "::1"]);

export async function runLoad(spec: LoadSpec): Promise<LoadResult> {
  const origin = new URL(spec.origin);
  if (!LOOPBACK.has(origin.hostname)) throw new Error(`load goes to this machine only (loopback), not ${origin.hostname}`);
  if (spec.requests.length === 0) throw new Error("no requests to send");
  const durationMs = Math.min(spec.durationMs, MAX_DURATION_MS);
  const budget = Math.min(spec.maxRequests ?? MAX_REQUESTS, MAX_REQUESTS);
  const agent = new http.Agent({ keepAlive: true, maxSockets: spec.connections });

  const latencies: number[] = [];
  const statuses: Record<string, number> = {};
  const errorSamples: string[] = [];
  let sent = 0;
  let errors = 0;
  const started = performance.now();
  const deadline = started + durationMs;

  const send = (request: LoadRequest) =>
    new Promise<{ status: number; body: string }>((resolve, reject) => {
      const req = http.request(
        { host: origin.hostname, port: origin.port, method: request.method, path: request.path, headers: request.headers, agent },
        (res) => {
          const chunks: Buffer[] = [];
          res.on("data", (chunk: Buffer) => chunks.push(chunk));
          res.on("end", () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString("utf8") }));
          res.on("error", reject);
        },
      );
      req.setTimeout(30_000, () => req.destroy(new Error("timed out after 30 s")));
      req.on("error", reject);
      req.end(request.body);
    });

  async function worker() {
    while (performance.now() < deadline && sent < budget) {
      const request = spec.requests[sent % spec.requests.length]!;
      sent += 1;
      const t0 = performance.now();
      try {
        const { status, body } = await send(request);
        latencies.push(performance.now() - t0);
        statuses[status] = (statuses[status] ?? 0) + 1;
        if (status !== spec.expectStatus) {
          errors += 1;
          if (errorSamples.length < 3) errorSamples.push(`${request.method} ${request.path} → ${status} ${body.slice(0, 200)}`);
        }
      } catch (error) {
        errors += 1;
        statuses.error = (statuses.error ?? 0) + 1;
        if (errorSamples.length < 3) errorSamples.push(`${request.method} ${request.path} → ${error instanceof Error ? error.message : String(error)}`);
      }
    }
  }
  await Promise.all(Array.from({ length: spec.connections }, worker));
  const elapsedMs = performance.now() - started;
  agent.destroy();
  return { latency: summarize(latencies), requests: latencies.length, errors, statuses, errorSamples, elapsedMs, rps: latencies.length / (elapsedMs / 1000) };
}

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString("utf8");
}

if (process.argv[1]?.endsWith("load.ts")) {
  readStdin()
    .then((input) => runLoad(JSON.parse(input) as LoadSpec))
    .then((result) => process.stdout.write(`${JSON.stringify(result)}\n`))
    .catch((error: unknown) => {
      console.error(`[bench:load] ${error instanceof Error ? error.message : String(error)}`);
      process.exit(1);
    });
}
