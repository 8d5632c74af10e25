import { spawn, type ChildProcess } from "node:child_process";
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";

/** Any database access during `next build` fails fast here instead of touching real data (decision 001). */
export const NO_DATABASE_DURING_BUILD = "postgres://no-database-during-build@127.0.0.1:1/none";

const SOURCES = ["app", "components", "lib", "db", "proxy.ts", "next.config.ts", "package.json", "tsconfig.json", "postcss.config.mjs"];

function newestMtime(entry: string): number {
  if (!existsSync(entry)) return 0;
  const stat = statSync(entry);
  if (!stat.isDirectory()) return /\.test\.tsx?$/.test(entry) ? 0 : stat.mtimeMs;
  let newest = 0;
  for (const name of readdirSync(entry)) newest = Math.max(newest, newestMtime(path.join(entry, name)));
  return newest;
}

/** Why the production build must be (re)made, or null when .next is newer than every source file. */
export function staleBuildReason(root: string): string | null {
  const buildId = path.join(root, ".next", "BUILD_ID");
  if (!existsSync(buildId)) return "there is no build";
  const built = statSync(buildId).mtimeMs;
  const newest = Math.max(...SOURCES.map((s) => newestMtime(path.join(root, s))));
  return newest > built ? "sources changed since the last build" : null;
}

export function runToEnd(command: string, args: string[], env: NodeJS.ProcessEnv): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { stdio: ["ignore", "inherit", "inherit"], env });
    child.on("error", reject);
    child.on("exit", (code, signal) => (code === 0 ? resolve() : reject(new Error(`${command} ${args.join(" ")} ${signal ? `was stopped by ${signal}` : `exited with ${code}`}`))));
  });
}

export interface RunningServer {
  child: ChildProcess;
  pid: number;
  origin: string;
  /** What the server wrote to stderr (the last 20 kB), for the report when something fails. */
  log: () => string;
  stop: () => Promise<void>;
}

/** `next start` on the port, with the environment given; resolves once /api/health answers 200. */
export async function startServer(root: string, port: number, env: NodeJS.ProcessEnv): Promise<RunningServer> {
  const nextBin = path.join(root, "node_modules", "next", "dist", "bin", "next");
  const child = spawn(process.execPath, [nextBin, "start", "-p", String(port), "-H", "127.0.0.1"], { cwd: root, env, stdio: ["ignore", "pipe", "pipe"] });
  let output = "";
  const keep = (chunk: Buffer) => {
    output = (output + chunk.toString("utf8")).slice(-20_000);
  };
  child.stdout!.on("data", keep);
  child.stderr!.on("data", keep);
  const origin = `http://127.0.0.1:${port}`;
  const exited = new Promise<never>((_, reject) => child.on("exit", (code) => reject(new Error(`next start exited with ${code}:\n${output}`))));
  const deadline = Date.now() + 60_000;
  const ready = (async () => {
    while (Date.now() < deadline) {
      try {
        const response = await fetch(`${origin}/api/health`);
        if (response.status === 200) return;
      } catch {
        // not listening yet
      }
      await new Promise((r) => setTimeout(r, 250));
    }
    throw new Error(`next start did not answer /api/health within 60 s:\n${output}`);
  })();
  await Promise.race([ready, exited]);
  exited.catch(() => {});
  return {
    child,
    pid: child.pid!,
    origin,
    log: () => output,
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once("exit", () => resolve());
        for (const pid of descendantsOf(child.pid!)) tryKill(pid);
        child.kill("SIGTERM");
        setTimeout(() => child.exitCode === null && child.kill("SIGKILL"), 10_000).unref();
      }),
  };
}

function tryKill(pid: number) {
  try {
    process.kill(pid, "SIGTERM");
  } catch {
    // already gone
  }
}

/** Process ids below `root` (Next may fork workers), from /proc. */
export function descendantsOf(root: number): number[] {
  const children = new Map<number, number[]>();
  for (const name of readdirSync("/proc")) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const stat = readFileSync(`/proc/${name}/stat`, "utf8");
      // The command name may contain spaces and parentheses: the fields after the last ")" are fixed.
      const ppid = Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]);
      children.set(ppid, [...(children.get(ppid) ?? []), Number(name)]);
    } catch {
      // exited meanwhile
    }
  }
  const out: number[] = [];
  const queue = [root];
  while (queue.length > 0) {
    for (const child of children.get(queue.shift()!) ?? []) {
      out.push(child);
      queue.push(child);
    }
  }
  return out;
}

/** Resident memory of a process in bytes (VmRSS), 0 when it is gone. */
export function rssOf(pid: number): number {
  try {
    const match = /VmRSS:\s+(\d+)\s+kB/.exec(readFileSync(`/proc/${pid}/status`, "utf8"));
    return match ? Number(match[1]) * 1024 : 0;
  } catch {
    return 0;
  }
}

/**
 * Samples the server's resident memory — the `next start` process and every process below it — every
 * 100 ms, and keeps the peak overall and per labelled phase.
 */
export class RssSampler {
  private timer: NodeJS.Timeout | undefined;
  private label = "start-up";
  readonly peaks = new Map<string, number>();
  peak = 0;
  samples = 0;

  constructor(private readonly pid: number) {}

  start(intervalMs = 100) {
    this.sample();
    this.timer = setInterval(() => this.sample(), intervalMs);
    this.timer.unref();
  }

  phase(label: string) {
    this.label = label;
  }

  private sample() {
    const total = [this.pid, ...descendantsOf(this.pid)].reduce((sum, pid) => sum + rssOf(pid), 0);
    this.samples += 1;
    this.peak = Math.max(this.peak, total);
    this.peaks.set(this.label, Math.max(this.peaks.get(this.label) ?? 0, total));
  }

  stop() {
    if (this.timer) clearInterval(this.timer);
  }
}
