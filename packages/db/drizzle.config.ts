import { defineConfig } from "drizzle-kit";

// `pnpm --filter @mutual/db db:generate` writes SQL migrations + meta journal into ./migrations.
export default defineConfig({
  dialect: "sqlite",
  schema: "./src/schema/index.ts",
  out: "./migrations",
  casing: "snake_case",
});
