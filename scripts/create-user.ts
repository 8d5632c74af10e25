/**
 * `npm run user:create -- --email a@b.jp --name "山田 太郎" --role admin [--org <id or exact name>] [--password-stdin]`
 *
 * Creates a user from the command line — the first administrator of a fresh install, or an account for a
 * test. Administrators go to the system organization unless --org says otherwise; other roles need --org.
 * The password comes from stdin (--password-stdin, for scripts) or from a prompt that does not echo it.
 * Uses DATABASE_URL when set, else PGlite in .data/pglite; run `npm run db:seed` first.
 */
import { eq, sql } from "drizzle-orm";
import { openDb, type Db, type Queryable } from "@/db/client";
import { organizations, userRole, users, type UserRole } from "@/db/schema";
import { recordAudit } from "@/lib/audit/record-audit";
import { hashPassword } from "@/lib/auth/password";

export const MIN_PASSWORD_LENGTH = 12;

const USAGE =
  'usage: npm run user:create -- --email <e-mail> --name "<name>" --role <coordinator|manager|producer|admin> [--org <id or exact name>] [--password-stdin]';

/** A refusal the user can act on: printed as it is, without a stack trace. */
export class CliError extends Error {}

export interface CreateUserArgs {
  email: string;
  name: string;
  role: UserRole;
  org?: string;
  passwordStdin: boolean;
}

export function parseCreateUserArgs(argv: readonly string[]): CreateUserArgs {
  const values: Record<string, string> = {};
  let passwordStdin = false;
  for (let i = 0; i < argv.length; i += 1) {
    const arg = argv[i]!;
    if (arg === "--password-stdin") {
      passwordStdin = true;
      continue;
    }
    const match = /^--(email|name|role|org)(?:=(.*))?$/.exec(arg);
    if (!match) throw new CliError(`unknown argument "${arg}"\n${USAGE}`);
    const value = match[2] ?? argv[(i += 1)];
    if (value === undefined || value.startsWith("--")) throw new CliError(`--${match[1]} needs a value\n${USAGE}`);
    values[match[1]!] = value;
  }
  const email = values.email?.trim();
  const name = values.name?.trim();
  const role = values.role?.trim();
  if (!email || !name || !role) throw new CliError(`--email, --name and --role are required\n${USAGE}`);
  if (!isUserRole(role)) throw new CliError(`--role must be one of ${userRole.enumValues.join(", ")}, not "${role}"`);
  return { email, name, role, org: values.org?.trim() || undefined, passwordStdin };
}

function isUserRole(value: string): value is UserRole {
  return (userRole.enumValues as readonly string[]).includes(value);
}

export interface CreateUserInput {
  email: string;
  name: string;
  role: UserRole;
  /** An organization id or its exact Japanese name; administrators default to the system organization. */
  org?: string;
  password: string;
}

export interface CreatedUser {
  id: string;
  email: string;
  organizationName: string;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Creates the user and its audit row in one transaction; refuses with a CliError what it cannot do. */
export async function createUserFromCli(db: Db, input: CreateUserInput): Promise<CreatedUser> {
  const email = input.email.trim();
  if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email)) throw new CliError(`"${email}" is not an e-mail address`);
  if (!input.name.trim()) throw new CliError("the name must not be empty");
  if (input.password.length < MIN_PASSWORD_LENGTH) {
    throw new CliError(`the password must have at least ${MIN_PASSWORD_LENGTH} characters`);
  }
  const passwordHash = await hashPassword(input.password);

  try {
    return await db.transaction(async (tx) => {
      const organization = await findOrganization(tx, input);
      const [existing] = await tx
        .select({ id: users.id })
        .from(users)
        .where(eq(sql`lower(${users.email})`, email.toLowerCase()))
        .limit(1);
      if (existing) throw duplicateEmail(email);

      const [created] = await tx
        .insert(users)
        .values({ email, name: input.name.trim(), organizationId: organization.id, role: input.role, passwordHash })
        .returning({ id: users.id });
      // No actor: the command line is outside any session. The row still says what was done, and how.
      await recordAudit(tx, { userId: null, orgId: null }, {
        action: "user.create",
        entityType: "user",
        entityId: created!.id,
        after: { email, name: input.name.trim(), role: input.role, organizationId: organization.id },
        meta: { via: "cli" },
      });
      return { id: created!.id, email, organizationName: organization.nameJa };
    });
  } catch (error) {
    // Two creations of one e-mail at once: the unique index (lower(email)) refuses the second.
    if (hasErrorCode(error, "23505")) throw duplicateEmail(email);
    if (hasErrorCode(error, "42P01")) throw new CliError("the database has no tables yet: run `npm run db:seed` first");
    throw error;
  }
}

function duplicateEmail(email: string): CliError {
  return new CliError(`a user with the e-mail ${email} already exists (e-mails are compared without case)`);
}

async function findOrganization(db: Queryable, input: CreateUserInput): Promise<{ id: string; nameJa: string }> {
  const columns = { id: organizations.id, nameJa: organizations.nameJa, isSystem: organizations.isSystem, isActive: organizations.isActive };
  let rows;
  if (!input.org) {
    if (input.role !== "admin") throw new CliError(`--org is required for the role ${input.role}`);
    rows = await db.select(columns).from(organizations).where(eq(organizations.isSystem, true)).limit(1);
    if (rows.length === 0) throw new CliError("there is no system organization yet: run `npm run db:seed` first");
  } else {
    rows = await db
      .select(columns)
      .from(organizations)
      .where(UUID.test(input.org) ? eq(organizations.id, input.org) : eq(organizations.nameJa, input.org));
    if (rows.length === 0) throw new CliError(`no organization with the id or exact name "${input.org}"`);
    if (rows.length > 1) throw new CliError(`several organizations are named "${input.org}": give its id instead`);
  }
  const organization = rows[0]!;
  if (!organization.isActive) throw new CliError(`the organization "${organization.nameJa}" is deactivated`);
  // The system organization has no party: its members would see nothing, and scopes assume a party.
  if (organization.isSystem && input.role !== "admin") {
    throw new CliError(`only administrators belong to the system organization; give --org for the role ${input.role}`);
  }
  return organization;
}

/** The PostgreSQL error code anywhere in the cause chain (drizzle wraps the driver's error). */
function hasErrorCode(error: unknown, code: string): boolean {
  for (let current: unknown = error; current; current = (current as { cause?: unknown }).cause) {
    if ((current as { code?: unknown }).code === code) return true;
  }
  return false;
}

/** Everything on stdin, without the line break that `echo` or a heredoc adds at the end. */
async function readPasswordFromStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(Buffer.from(chunk as Buffer));
  return Buffer.concat(chunks).toString("utf8").replace(/\r?\n$/, "");
}

/** Reads a line from the terminal without echoing it. */
function promptHidden(question: string): Promise<string> {
  const stdin = process.stdin;
  return new Promise((resolve, reject) => {
    let value = "";
    process.stdout.write(question);
    stdin.setRawMode(true);
    stdin.resume();
    stdin.setEncoding("utf8");
    const finish = (error?: Error) => {
      stdin.setRawMode(false);
      stdin.pause();
      stdin.off("data", onData);
      process.stdout.write("\n");
      if (error) reject(error);
      else resolve(value);
    };
    const onData = (input: string) => {
      for (const char of input) {
        if (char === "\r" || char === "\n") return finish();
        if (char === "\u0003") return finish(new CliError("cancelled"));
        if (char === "\u007f" || char === "\b") value = [...value].slice(0, -1).join("");
        else if (char >= " ") value += char;
      }
    };
    stdin.on("data", onData);
  });
}

async function readPassword(fromStdin: boolean): Promise<string> {
  if (fromStdin) return readPasswordFromStdin();
  if (!process.stdin.isTTY) throw new CliError("no terminal to ask for the password on: pipe it in with --password-stdin");
  const password = await promptHidden("Password: ");
  if (password.length < MIN_PASSWORD_LENGTH) throw new CliError(`the password must have at least ${MIN_PASSWORD_LENGTH} characters`);
  if ((await promptHidden("Password (again): ")) !== password) throw new CliError("the passwords do not match");
  return password;
}

async function main() {
  const args = parseCreateUserArgs(process.argv.slice(2));
  const password = await readPassword(args.passwordStdin);
  const handle = openDb({ url: process.env.DATABASE_URL || undefined, max: 1 });
  try {
    const user = await createUserFromCli(handle.db, { ...args, password });
    console.log(`created ${user.email} (${args.role}) in ${user.organizationName}: ${user.id}`);
  } finally {
    await handle.close();
  }
}

if (process.argv[1]?.endsWith("create-user.ts")) {
  main().catch((error: unknown) => {
    console.error(error instanceof CliError ? error.message : error);
    process.exit(1);
  });
}
