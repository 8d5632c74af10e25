import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";

/**
 * Reads the source tree the way a reviewer would, so that the matrix cannot fall behind the code: every
 * `defineAction(` under lib/ and every route handler under app/ must have an entry in ./registry.ts.
 */

function walk(dir: string, keep: (file: string) => boolean): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(dir)) {
    if (entry === "node_modules" || entry.startsWith(".")) continue;
    const full = path.join(dir, entry);
    if (statSync(full).isDirectory()) out.push(...walk(full, keep));
    else if (keep(full)) out.push(full);
  }
  return out;
}

export interface FoundAction {
  file: string;
  exportName: string;
  /** The `name` of the definition, e.g. `referral.accept`. */
  name: string;
}

/**
 * Every action definition in lib/: `export const x = defineAction({ name: "…", …`. A `defineAction(` call
 * written any other way is reported in `unparsed`, so that it cannot slip past the registry either.
 */
export function findActionDefinitions(root: string): { found: FoundAction[]; unparsed: string[] } {
  const found: FoundAction[] = [];
  const unparsed: string[] = [];
  // The wrapper's own file defines defineAction, and this directory only talks about it.
  const skip = [path.join("lib", "authz", "action.ts"), path.join("lib", "authz", "matrix") + path.sep];
  const files = walk(path.join(root, "lib"), (f) => /\.tsx?$/.test(f) && !/\.test\.tsx?$/.test(f) && !skip.some((s) => path.relative(root, f).startsWith(s)));
  for (const file of files) {
    const text = readFileSync(file, "utf8");
    const calls = text.match(/\bdefineAction\s*\(/g)?.length ?? 0;
    const matches = [...text.matchAll(/export const (\w+) = defineAction\(\{\s*name:\s*"([^"]+)"/g)];
    for (const m of matches) found.push({ file: path.relative(root, file), exportName: m[1]!, name: m[2]! });
    if (matches.length !== calls) unparsed.push(path.relative(root, file));
  }
  return { found, unparsed };
}

export interface FoundRoute {
  /** `GET /api/v1/cases/[id]` */
  key: string;
  file: string;
}

/** Public by design and outside the matrix: Auth.js's own endpoints and the liveness probe. */
const PUBLIC_ROUTE_DIRS = [path.join("app", "api", "auth"), path.join("app", "api", "health")];

/** Every exported HTTP method of every route handler under app/ (route groups left out of the path). */
export function findRouteHandlers(root: string): FoundRoute[] {
  const files = walk(path.join(root, "app"), (f) => /route\.tsx?$/.test(path.basename(f)));
  const out: FoundRoute[] = [];
  for (const file of files) {
    const relative = path.relative(root, file);
    if (PUBLIC_ROUTE_DIRS.some((dir) => relative.startsWith(dir))) continue;
    const urlPath =
      "/" +
      path
        .dirname(relative)
        .split(path.sep)
        .slice(1)
        .filter((segment) => !/^\(.*\)$/.test(segment))
        .join("/");
    const text = readFileSync(file, "utf8");
    const methods = new Set([...text.matchAll(/export (?:const|async function|function) (GET|POST|PUT|PATCH|DELETE)\b/g)].map((m) => m[1]!));
    for (const method of methods) out.push({ key: `${method} ${urlPath}`, file: relative });
  }
  return out.sort((a, b) => a.key.localeCompare(b.key));
}
