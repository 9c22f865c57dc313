import { randomUUID } from "node:crypto";
import { AttributionOverrideSchema } from "@mutual/core";
import type { AttributionOverride } from "@mutual/core";
import { asc, eq } from "drizzle-orm";
import type { z } from "zod";
import type { Db } from "../database.ts";
import { runWithConflictCheck } from "../internal/constraint-errors.ts";
import { parseInput } from "../internal/validate-input.ts";
import { attributionOverrides } from "../schema/attribution.ts";

export type AttributionOverrideInput = z.input<typeof AttributionOverrideSchema>;
export type StoredAttributionOverride = AttributionOverride & { id: string };

/** Appends an override (with its reason); the latest per opportunity is the one that applies. */
export async function recordAttributionOverride(
  db: Db,
  orgId: string,
  input: AttributionOverrideInput,
): Promise<StoredAttributionOverride> {
  const parsed = parseInput(AttributionOverrideSchema, input, "attribution override");
  const id = randomUUID();
  await runWithConflictCheck("duplicate override", () =>
    db.insert(attributionOverrides).values({ id, orgId, ...parsed }),
  );
  return { id, ...parsed };
}

/** Every override of the org, oldest first (history included). */
export async function listAttributionOverrides(db: Db, orgId: string): Promise<StoredAttributionOverride[]> {
  const rows = await db
    .select()
    .from(attributionOverrides)
    .where(eq(attributionOverrides.orgId, orgId))
    .orderBy(asc(attributionOverrides.at), asc(attributionOverrides.id));
  return rows.map((row) => ({
    id: row.id,
    opportunityId: row.opportunityId,
    credits: row.credits,
    reason: row.reason,
    by: row.by,
    at: row.at,
  }));
}
