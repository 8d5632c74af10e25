import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import ts from "typescript";

/**
 * Reads the source tree the way a reviewer would, so that the matrix cannot fall behind the code: every
 * `defineAction(` under lib/ and every route handler under app/ must have an entry in ./registry.ts, and
 * every server function must be nothing but `invokeAction(<a definition the registry covers>, input)`.
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

// ---------------------------------------------------------------------------------------------------------
// Server functions.

/**
 * Server functions that are not actions, by design: Auth.js's sign-in and sign-out (there is no actor yet,
 * or the session is what they end) and the language preference cookie. They may not import the database.
 */
export const SESSION_ENDPOINTS: readonly { file: string; exportName: string; why: string }[] = [
  { file: "app/(auth)/sign-in/actions.ts", exportName: "signInWithPassword", why: "Auth.js sign-in; verifyCredentials audits each attempt" },
  { file: "app/(app)/actions.ts", exportName: "signOutAction", why: "Auth.js sign-out: clears the session cookie" },
  { file: "lib/auth/set-locale.ts", exportName: "setLocale", why: "the language preference cookie; no data" },
];

/** Modules an exempt server function may not import: the database, directly or through drizzle. */
const DATABASE_MODULES = /^(@\/db(\/|$)|drizzle-orm|postgres$|@electric-sql\/)/;

export interface FoundServerFunction {
  file: string;
  exportName: string;
  /** The action definition it invokes: the file that exports it and the exported name. */
  definition: { file: string; exportName: string };
}

export interface ServerFunctionScan {
  functions: FoundServerFunction[];
  /** The SESSION_ENDPOINTS found (so that the list cannot hold stale entries). */
  exempt: { file: string; exportName: string }[];
  /** Everything a server function does besides `return invokeAction(definition, input[, { refresh: true }])`. */
  problems: string[];
}

function hasUseServerDirective(statements: ts.NodeArray<ts.Statement>): boolean {
  for (const statement of statements) {
    if (!ts.isExpressionStatement(statement) || !ts.isStringLiteral(statement.expression)) return false;
    if (statement.expression.text === "use server") return true;
  }
  return false;
}

const isExported = (node: ts.Node) =>
  ts.canHaveModifiers(node) && (ts.getModifiers(node) ?? []).some((m) => m.kind === ts.SyntaxKind.ExportKeyword);

/** `@/lib/x` or `./x` as a file path relative to the root, or null when it is a package. */
function resolveModule(root: string, fromFile: string, specifier: string): string | null {
  let base: string;
  if (specifier.startsWith("@/")) base = path.join(root, specifier.slice(2));
  else if (specifier.startsWith(".")) base = path.resolve(path.dirname(path.join(root, fromFile)), specifier);
  else return null;
  for (const candidate of [`${base}.ts`, `${base}.tsx`, path.join(base, "index.ts")]) {
    try {
      if (statSync(candidate).isFile()) return path.relative(root, candidate);
    } catch {
      // not this one
    }
  }
  return null;
}

/** The named imports of a file: local name → module specifier and exported name. */
function namedImports(source: ts.SourceFile): Map<string, { specifier: string; name: string }> {
  const out = new Map<string, { specifier: string; name: string }>();
  for (const statement of source.statements) {
    if (!ts.isImportDeclaration(statement) || !ts.isStringLiteral(statement.moduleSpecifier)) continue;
    const bindings = statement.importClause?.namedBindings;
    if (!bindings || !ts.isNamedImports(bindings) || statement.importClause?.isTypeOnly) continue;
    for (const element of bindings.elements) {
      if (element.isTypeOnly) continue;
      out.set(element.name.text, { specifier: statement.moduleSpecifier.text, name: (element.propertyName ?? element.name).text });
    }
  }
  return out;
}

function unwrap(expression: ts.Expression): ts.Expression {
  let e = expression;
  while (ts.isParenthesizedExpression(e) || ts.isAwaitExpression(e) || ts.isAsExpression(e) || ts.isSatisfiesExpression(e)) e = e.expression;
  return e;
}

type FunctionLike = ts.FunctionDeclaration | ts.ArrowFunction | ts.FunctionExpression;

/**
 * Checks one server function: async, plain parameters, and a body that is exactly
 * `return invokeAction(<imported definition>, <a parameter, or an object of parameters>[, { refresh: true }])`.
 * Returns the definition's import, or the reason it is not that.
 */
function checkServerFunction(fn: FunctionLike, imports: ReturnType<typeof namedImports>): { specifier: string; name: string } | string {
  if (!(ts.getModifiers(fn) ?? []).some((m) => m.kind === ts.SyntaxKind.AsyncKeyword)) return "is not async";
  const parameters = new Set<string>();
  for (const parameter of fn.parameters) {
    if (!ts.isIdentifier(parameter.name) || parameter.initializer || parameter.dotDotDotToken) return "has a parameter that is not a plain name (defaults run code)";
    parameters.add(parameter.name.text);
  }
  let returned: ts.Expression | undefined;
  if (fn.body && ts.isBlock(fn.body)) {
    const [only, ...rest] = fn.body.statements;
    if (!only || rest.length > 0 || !ts.isReturnStatement(only) || !only.expression) return "does more than `return invokeAction(…)`";
    returned = only.expression;
  } else if (fn.body) {
    returned = fn.body as ts.Expression;
  }
  const call = returned && unwrap(returned);
  if (!call || !ts.isCallExpression(call) || !ts.isIdentifier(call.expression) || call.expression.text !== "invokeAction") {
    return "does not return invokeAction(…)";
  }
  const invoke = imports.get("invokeAction");
  if (!invoke || invoke.specifier !== "@/lib/auth/invoke-action" || invoke.name !== "invokeAction") return "calls an invokeAction that is not lib/auth/invoke-action's";

  const [definition, input, options, ...extra] = call.arguments;
  if (!definition || !ts.isIdentifier(definition) || !imports.has(definition.text)) return "passes a definition that is not an imported name";
  const isParameter = (node: ts.Node) => ts.isIdentifier(node) && parameters.has(node.text);
  const inputOk =
    input !== undefined &&
    (isParameter(input) ||
      (ts.isObjectLiteralExpression(input) &&
        input.properties.every(
          (p) => (ts.isShorthandPropertyAssignment(p) && parameters.has(p.name.text)) || (ts.isPropertyAssignment(p) && isParameter(p.initializer)),
        )));
  if (!inputOk) return "passes an input that is not its parameters as they came";
  const optionsOk =
    options === undefined ||
    (ts.isObjectLiteralExpression(options) &&
      options.properties.every(
        (p) => ts.isPropertyAssignment(p) && ts.isIdentifier(p.name) && p.name.text === "refresh" && p.initializer.kind === ts.SyntaxKind.TrueKeyword,
      ));
  if (!optionsOk || extra.length > 0) return "passes options other than { refresh: true }";
  return imports.get(definition.text)!;
}

/**
 * Reads one file that mentions "use server". A file-level directive makes every export a server function;
 * a directive inside a function makes that function one (an inline server action), which is refused: it
 * belongs in a "use server" file beside its route, where this scan reads it.
 */
export function scanServerFile(root: string, file: string, text: string): ServerFunctionScan {
  const out: ServerFunctionScan = { functions: [], exempt: [], problems: [] };
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true, file.endsWith(".tsx") ? ts.ScriptKind.TSX : ts.ScriptKind.TS);
  const fileLevel = hasUseServerDirective(source.statements);

  const visit = (node: ts.Node) => {
    if ((ts.isFunctionDeclaration(node) || ts.isArrowFunction(node) || ts.isFunctionExpression(node) || ts.isMethodDeclaration(node)) && node.body && ts.isBlock(node.body)) {
      if (hasUseServerDirective(node.body.statements)) out.problems.push(`${file}:${source.getLineAndCharacterOfPosition(node.getStart()).line + 1}: an inline "use server" function`);
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  if (!fileLevel) return out;

  const imports = namedImports(source);
  const exemptHere = SESSION_ENDPOINTS.filter((e) => e.file === file);
  if (exemptHere.length > 0) {
    for (const statement of source.statements) {
      if (ts.isImportDeclaration(statement) && ts.isStringLiteral(statement.moduleSpecifier) && DATABASE_MODULES.test(statement.moduleSpecifier.text)) {
        out.problems.push(`${file}: a session endpoint imports ${statement.moduleSpecifier.text}`);
      }
    }
  }

  const exported: { name: string; fn: FunctionLike | null; node: ts.Node }[] = [];
  for (const statement of source.statements) {
    if (ts.isImportDeclaration(statement) || ts.isTypeAliasDeclaration(statement) || ts.isInterfaceDeclaration(statement)) continue;
    if (ts.isExpressionStatement(statement) && ts.isStringLiteral(statement.expression)) continue; // the directive
    if (ts.isFunctionDeclaration(statement) && isExported(statement) && statement.name) {
      exported.push({ name: statement.name.text, fn: statement, node: statement });
    } else if (ts.isVariableStatement(statement) && isExported(statement)) {
      for (const declaration of statement.declarationList.declarations) {
        const init = declaration.initializer;
        const fn = init && (ts.isArrowFunction(init) || ts.isFunctionExpression(init)) ? init : null;
        exported.push({ name: declaration.name.getText(source), fn, node: declaration });
      }
    } else if (exemptHere.length === 0) {
      // A server-function file holds imports and its server functions, nothing that runs or is run besides.
      out.problems.push(`${file}:${source.getLineAndCharacterOfPosition(statement.getStart()).line + 1}: a statement other than an exported server function`);
    }
  }

  for (const { name, fn } of exported) {
    if (exemptHere.some((e) => e.exportName === name)) {
      out.exempt.push({ file, exportName: name });
      continue;
    }
    if (!fn) {
      out.problems.push(`${file}#${name}: exports something other than a function`);
      continue;
    }
    const checked = checkServerFunction(fn, imports);
    if (typeof checked === "string") {
      out.problems.push(`${file}#${name}: ${checked}`);
      continue;
    }
    const definitionFile = resolveModule(root, file, checked.specifier);
    if (!definitionFile) out.problems.push(`${file}#${name}: cannot resolve ${checked.specifier}`);
    else out.functions.push({ file, exportName: name, definition: { file: definitionFile, exportName: checked.name } });
  }
  return out;
}

/** Every server function of app/, components/ and lib/ (tests and this directory aside). */
export function findServerFunctions(root: string): ServerFunctionScan {
  const out: ServerFunctionScan = { functions: [], exempt: [], problems: [] };
  const matrixDir = path.join("lib", "authz", "matrix") + path.sep;
  for (const dir of ["app", "components", "lib"]) {
    const files = walk(path.join(root, dir), (f) => /\.tsx?$/.test(f) && !/\.test\.tsx?$/.test(f) && !path.relative(root, f).startsWith(matrixDir));
    for (const full of files) {
      const text = readFileSync(full, "utf8");
      if (!text.includes("use server")) continue;
      const scanned = scanServerFile(root, path.relative(root, full).split(path.sep).join("/"), text);
      out.functions.push(...scanned.functions);
      out.exempt.push(...scanned.exempt);
      out.problems.push(...scanned.problems);
    }
  }
  return out;
}
