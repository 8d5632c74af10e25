import { defineConfig } from "drizzle-kit";

// drizzle-kit is used only to *generate* migrations from db/schema; they are applied by
// db/migrate.ts (drizzle's programmatic migrator) on both engines. See docs/decisions/004-migrations.md.
export default defineConfig({
  dialect: "postgresql",
  schema: "./db/schema/index.ts",
  out: "./db/migrations",
  casing: "snake_case",
  strict: true,
  verbose: true,
});
