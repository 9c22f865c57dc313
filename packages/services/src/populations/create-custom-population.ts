import { parsePopulationFilter } from "@mutual/core";
import type { Population } from "@mutual/core";
import { createPopulation } from "@mutual/db";
import { z } from "zod";
import { readClock, type ServiceContext } from "../context.ts";
import { parseServiceInput } from "../internal/parse-input.ts";
import { MANAGERS, requireMember } from "../internal/require-member.ts";

export const CreateCustomPopulationInputSchema = z.object({
  actorUserId: z.string().min(1),
  name: z.string().trim().min(1).max(100),
  /** A population filter as JSON; checked in full by the core validator (paths of every problem). */
  filter: z.unknown(),
});
export type CreateCustomPopulationInput = z.input<typeof CreateCustomPopulationInputSchema>;

/** A named filter over the org's account and opportunity fields ("EMEA customers", "churn risk"). */
export async function createCustomPopulation(ctx: ServiceContext, input: CreateCustomPopulationInput): Promise<Population> {
  const parsed = parseServiceInput(CreateCustomPopulationInputSchema, input, "population");
  const actor = await requireMember(ctx.db, parsed.actorUserId, { roles: MANAGERS });
  const filter = parsePopulationFilter(parsed.filter);
  return createPopulation(ctx.db, { orgId: actor.orgId, name: parsed.name, filter }, { now: readClock(ctx) });
}
