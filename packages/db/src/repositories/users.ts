import { randomUUID } from "node:crypto";
import { AppError } from "@mutual/core";
import { asc, eq } from "drizzle-orm";
import { z } from "zod";
import type { Db } from "../database.ts";
import { runWithConflictCheck } from "../internal/constraint-errors.ts";
import { formatTimestamp } from "../internal/timestamps.ts";
import type { WriteOptions } from "../internal/timestamps.ts";
import { parseInput } from "../internal/validate-input.ts";
import { USER_ROLES, users } from "../schema/users.ts";

// Core has no user model yet (users are a persistence/auth concern), so the schema lives here.
export const UserRoleSchema = z.enum(USER_ROLES);
export type UserRole = z.infer<typeof UserRoleSchema>;

export const UserSchema = z.object({
  id: z.string().min(1),
  orgId: z.string().min(1),
  email: z.email().transform((email) => email.toLowerCase()),
  name: z.string().trim().min(1).optional(),
  role: UserRoleSchema,
  createdAt: z.iso.datetime({ offset: true }),
});
export type User = z.infer<typeof UserSchema>;

export const CreateUserInputSchema = UserSchema.omit({ createdAt: true }).extend({ id: z.string().min(1).optional() });
export type CreateUserInput = z.input<typeof CreateUserInputSchema>;

function mapRowToUser(row: typeof users.$inferSelect): User {
  return {
    id: row.id,
    orgId: row.orgId,
    email: row.email,
    ...(row.name !== null && { name: row.name }),
    role: row.role,
    createdAt: row.createdAt,
  };
}

/** Creates an org member; the email (lower-cased) must be unique, else AppError("conflict"). */
export async function createUser(db: Db, input: CreateUserInput, options: WriteOptions = {}): Promise<User> {
  const parsed = parseInput(CreateUserInputSchema, input, "user");
  const [row] = await runWithConflictCheck(`a user with email ${parsed.email} already exists`, () =>
    db
      .insert(users)
      .values({ ...parsed, id: parsed.id ?? randomUUID(), createdAt: formatTimestamp(options) })
      .returning(),
  );
  return mapRowToUser(row!);
}

/** The user, or AppError("not_found"). */
export async function getUser(db: Db, id: string): Promise<User> {
  const [row] = await db.select().from(users).where(eq(users.id, id));
  if (!row) throw new AppError("not_found", `user ${id} not found`);
  return mapRowToUser(row);
}

/** The user with this email (any case), or undefined. */
export async function findUserByEmail(db: Db, email: string): Promise<User | undefined> {
  const [row] = await db.select().from(users).where(eq(users.email, email.trim().toLowerCase()));
  return row ? mapRowToUser(row) : undefined;
}

export async function listUsers(db: Db, orgId: string): Promise<User[]> {
  const rows = await db.select().from(users).where(eq(users.orgId, orgId)).orderBy(asc(users.email));
  return rows.map(mapRowToUser);
}
