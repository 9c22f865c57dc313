import { AppError } from "@mutual/core";

const UNIQUE_CODES = new Set(["SQLITE_CONSTRAINT_UNIQUE", "SQLITE_CONSTRAINT_PRIMARYKEY", "23505"]);
const FOREIGN_KEY_CODES = new Set(["SQLITE_CONSTRAINT_FOREIGNKEY", "23503"]);

/** The driver's error code (SQLite name or Postgres SQLSTATE), looking through drizzle's wrapping. */
function findDriverCode(error: unknown): string | undefined {
  for (let current: unknown = error; current instanceof Error; current = current.cause) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === "string") return code;
  }
  return undefined;
}

export function isUniqueViolation(error: unknown): boolean {
  return UNIQUE_CODES.has(findDriverCode(error) ?? "");
}

/**
 * Runs a write and turns constraint violations into AppErrors: a duplicate key becomes
 * "conflict" with `conflictMessage`, a reference to a missing row becomes "invalid_input".
 */
export async function runWithConflictCheck<T>(conflictMessage: string, write: () => Promise<T> | T): Promise<T> {
  try {
    return await write();
  } catch (error) {
    const code = findDriverCode(error) ?? "";
    if (UNIQUE_CODES.has(code)) throw new AppError("conflict", conflictMessage, { cause: error });
    if (FOREIGN_KEY_CODES.has(code)) {
      throw new AppError("invalid_input", "the record references a row that does not exist", { cause: error });
    }
    throw error;
  }
}
