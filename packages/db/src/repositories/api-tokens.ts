import { createHash, randomBytes, randomUUID } from "node:crypto";
import { and, eq, isNull } from "drizzle-orm";
import { z } from "zod";
import type { Db } from "../database.ts";
import { formatTimestamp } from "../internal/timestamps.ts";
import type { WriteOptions } from "../internal/timestamps.ts";
import { parseInput } from "../internal/validate-input.ts";
import { apiTokens } from "../schema/api-tokens.ts";

export const CreateApiTokenInputSchema = z.object({ orgId: z.string().min(1), name: z.string().trim().min(1) });
export type CreateApiTokenInput = z.input<typeof CreateApiTokenInputSchema>;

/** SHA-256 hex: tokens are long random strings, so a fast unsalted hash is enough to not store them. */
export function hashApiToken(token: string): string {
  return createHash("sha256").update(token, "utf8").digest("hex");
}

/** Creates a token for an org; the plain token is returned once and never stored. */
export async function createApiToken(
  db: Db,
  input: CreateApiTokenInput,
  options: WriteOptions = {},
): Promise<{ id: string; orgId: string; name: string; token: string }> {
  const parsed = parseInput(CreateApiTokenInputSchema, input, "API token");
  const token = `mut_${randomBytes(32).toString("base64url")}`;
  const id = randomUUID();
  await db.insert(apiTokens).values({ id, ...parsed, tokenHash: hashApiToken(token), createdAt: formatTimestamp(options) });
  return { id, ...parsed, token };
}

/** The org of a live (not revoked) token, or undefined. */
export async function findApiToken(db: Db, token: string): Promise<{ id: string; orgId: string; name: string } | undefined> {
  const [row] = await db
    .select({ id: apiTokens.id, orgId: apiTokens.orgId, name: apiTokens.name })
    .from(apiTokens)
    .where(and(eq(apiTokens.tokenHash, hashApiToken(token)), isNull(apiTokens.revokedAt)));
  return row;
}

/** Revokes a token; returns whether a live one was revoked. */
export async function revokeApiToken(db: Db, id: string, options: WriteOptions = {}): Promise<boolean> {
  const rows = await db
    .update(apiTokens)
    .set({ revokedAt: formatTimestamp(options) })
    .where(and(eq(apiTokens.id, id), isNull(apiTokens.revokedAt)))
    .returning({ id: apiTokens.id });
  return rows.length > 0;
}
