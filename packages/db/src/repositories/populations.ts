import { randomUUID } from "node:crypto";
import { AppError, PopulationFilterSchema, PopulationSchema, STANDARD_POPULATIONS, STANDARD_POPULATION_LABELS } from "@mutual/core";
import type { Population } from "@mutual/core";
import { and, asc, eq, isNotNull } from "drizzle-orm";
import { z } from "zod";
import type { Db } from "../database.ts";
import { runWithConflictCheck } from "../internal/constraint-errors.ts";
import { formatTimestamp } from "../internal/timestamps.ts";
import type { WriteOptions } from "../internal/timestamps.ts";
import { parseInput } from "../internal/validate-input.ts";
import { populations } from "../schema/populations.ts";

export const CreatePopulationInputSchema = PopulationSchema.extend({ id: PopulationSchema.shape.id.optional() });
export type CreatePopulationInput = z.input<typeof CreatePopulationInputSchema>;

function mapRowToPopulation(row: typeof populations.$inferSelect): Population {
  const population: Population = { id: row.id, orgId: row.orgId, name: row.name };
  if (row.standardKey !== null) population.standardKey = row.standardKey;
  if (row.filter !== null) population.filter = row.filter;
  return population;
}

/** Creates a population; names (and standard keys) are unique per org, else AppError("conflict"). */
export async function createPopulation(
  db: Db,
  input: CreatePopulationInput,
  options: WriteOptions = {},
): Promise<Population> {
  const parsed = parseInput(CreatePopulationInputSchema, input, "population");
  const [row] = await runWithConflictCheck(`population "${parsed.name}" already exists in this org`, () =>
    db
      .insert(populations)
      .values({
        id: parsed.id ?? randomUUID(),
        orgId: parsed.orgId,
        name: parsed.name,
        standardKey: parsed.standardKey ?? null,
        filter: parsed.filter ?? null,
        createdAt: formatTimestamp(options),
      })
      .returning(),
  );
  return mapRowToPopulation(row!);
}

/**
 * Creates whichever of the three standard populations (Customers, Opportunities, Prospects) the org
 * lacks; they carry no filter because the population engine defines them by `standardKey`.
 */
export async function createStandardPopulations(db: Db, orgId: string, options: WriteOptions = {}): Promise<Population[]> {
  const existing = await db
    .select({ standardKey: populations.standardKey })
    .from(populations)
    .where(and(eq(populations.orgId, orgId), isNotNull(populations.standardKey)));
  const present = new Set(existing.map((row) => row.standardKey));
  const created: Population[] = [];
  for (const key of STANDARD_POPULATIONS) {
    if (present.has(key)) continue;
    created.push(await createPopulation(db, { orgId, name: STANDARD_POPULATION_LABELS[key], standardKey: key }, options));
  }
  return created;
}

export const UpdatePopulationInputSchema = z.object({
  name: PopulationSchema.shape.name.optional(),
  /** `null` removes the filter (standard populations fall back to their built-in rule). */
  filter: PopulationFilterSchema.nullable().optional(),
});
export type UpdatePopulationInput = z.input<typeof UpdatePopulationInputSchema>;

/** Renames a population and/or replaces its filter; AppError("not_found") or ("conflict") on a taken name. */
export async function updatePopulation(db: Db, id: string, input: UpdatePopulationInput): Promise<Population> {
  const parsed = parseInput(UpdatePopulationInputSchema, input, "population update");
  const set = {
    ...(parsed.name !== undefined && { name: parsed.name }),
    ...(parsed.filter !== undefined && { filter: parsed.filter }),
  };
  if (Object.keys(set).length === 0) return getPopulation(db, id);
  const [row] = await runWithConflictCheck(`population "${parsed.name ?? ""}" already exists in this org`, () =>
    db.update(populations).set(set).where(eq(populations.id, id)).returning(),
  );
  if (!row) throw new AppError("not_found", `population ${id} not found`);
  return mapRowToPopulation(row);
}

/** The population, or AppError("not_found"). */
export async function getPopulation(db: Db, id: string): Promise<Population> {
  const [row] = await db.select().from(populations).where(eq(populations.id, id));
  if (!row) throw new AppError("not_found", `population ${id} not found`);
  return mapRowToPopulation(row);
}

export async function listPopulations(db: Db, orgId: string): Promise<Population[]> {
  const rows = await db
    .select()
    .from(populations)
    .where(eq(populations.orgId, orgId))
    .orderBy(asc(populations.createdAt), asc(populations.name));
  return rows.map(mapRowToPopulation);
}
