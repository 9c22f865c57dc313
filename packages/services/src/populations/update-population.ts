import { AppError, parsePopulationFilter } from "@mutual/core";
import type { Population } from "@mutual/core";
import { getPopulation, updatePopulation as storePopulationUpdate } from "@mutual/db";
import { z } from "zod";
import type { ServiceContext } from "../context.ts";
import { parseServiceInput } from "../internal/parse-input.ts";
import { MANAGERS, requireMember } from "../internal/require-member.ts";

export const UpdatePopulationInputSchema = z.object({
  actorUserId: z.string().min(1),
  populationId: z.string().min(1),
  name: z.string().trim().min(1).max(100).optional(),
  /** New filter (validated by core); `null` puts a standard population back on its built-in rule. */
  filter: z.unknown().optional(),
});
export type UpdatePopulationInput = z.input<typeof UpdatePopulationInputSchema>;

/** Edits a population of the actor's org, standard ones included (their rules are defaults, not laws). */
export async function updatePopulation(ctx: ServiceContext, input: UpdatePopulationInput): Promise<Population> {
  const parsed = parseServiceInput(UpdatePopulationInputSchema, input, "population update");
  const actor = await requireMember(ctx.db, parsed.actorUserId, { roles: MANAGERS });
  const population = await getPopulation(ctx.db, parsed.populationId);
  if (population.orgId !== actor.orgId) throw new AppError("not_found", `population ${parsed.populationId} not found`);
  if (parsed.filter === null && population.standardKey === undefined) {
    throw new AppError("invalid_input", "a custom population needs a filter");
  }
  return storePopulationUpdate(ctx.db, population.id, {
    ...(parsed.name !== undefined && { name: parsed.name }),
    ...(parsed.filter !== undefined && { filter: parsed.filter === null ? null : parsePopulationFilter(parsed.filter) }),
  });
}
