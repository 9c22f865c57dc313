import { randomUUID } from "node:crypto";
import { AppError, OrganizationSchema } from "@mutual/core";
import type { Organization } from "@mutual/core";
import { asc, eq } from "drizzle-orm";
import type { z } from "zod";
import type { Db } from "../database.ts";
import { runWithConflictCheck } from "../internal/constraint-errors.ts";
import { formatTimestamp } from "../internal/timestamps.ts";
import type { WriteOptions } from "../internal/timestamps.ts";
import { parseInput } from "../internal/validate-input.ts";
import { organizations } from "../schema/organizations.ts";

export const CreateOrganizationInputSchema = OrganizationSchema.omit({ createdAt: true }).extend({
  id: OrganizationSchema.shape.id.optional(),
});
export type CreateOrganizationInput = z.input<typeof CreateOrganizationInputSchema>;

function mapRowToOrganization(row: typeof organizations.$inferSelect): Organization {
  return { id: row.id, name: row.name, currency: row.currency, createdAt: row.createdAt };
}

export async function createOrganization(
  db: Db,
  input: CreateOrganizationInput,
  options: WriteOptions = {},
): Promise<Organization> {
  const parsed = parseInput(CreateOrganizationInputSchema, input, "organization");
  const id = parsed.id ?? randomUUID();
  const [row] = await runWithConflictCheck(`organization ${id} already exists`, () =>
    db.insert(organizations).values({ ...parsed, id, createdAt: formatTimestamp(options) }).returning(),
  );
  return mapRowToOrganization(row!);
}

/** The organization, or AppError("not_found"). */
export async function getOrganization(db: Db, id: string): Promise<Organization> {
  const [row] = await db.select().from(organizations).where(eq(organizations.id, id));
  if (!row) throw new AppError("not_found", `organization ${id} not found`);
  return mapRowToOrganization(row);
}

export async function listOrganizations(db: Db): Promise<Organization[]> {
  const rows = await db.select().from(organizations).orderBy(asc(organizations.name), asc(organizations.id));
  return rows.map(mapRowToOrganization);
}
