import { StandardPopulationKeySchema, countPopulation, validatePopulationFilter } from "@mutual/core";
import type { FilterIssue, PopulationFilter } from "@mutual/core";
import { z } from "zod";
import { readClock, type ServiceContext } from "../context.ts";
import { loadAccounts, loadPopulationRules } from "../internal/load-accounts.ts";
import { parseServiceInput } from "../internal/parse-input.ts";
import { requireMember } from "../internal/require-member.ts";

export const PreviewPopulationCountInputSchema = z.object({
  actorUserId: z.string().min(1),
  /** The filter being edited, as the editor has it (may be invalid: problems come back, not an error). */
  filter: z.unknown().optional(),
  /** When editing a standard population (Prospects are "the rest" of the org's other populations). */
  standardKey: StandardPopulationKeySchema.optional(),
  /** The population being edited, left out of the siblings so its old rule does not count. */
  populationId: z.string().min(1).optional(),
});
export type PreviewPopulationCountInput = z.input<typeof PreviewPopulationCountInputSchema>;

export type PopulationCountPreview = { ok: true; count: number } | { ok: false; issues: FilterIssue[] };

/** Live record count of a population while its filter is edited, over the actor's own org's accounts. */
export async function previewPopulationCount(ctx: ServiceContext, input: PreviewPopulationCountInput): Promise<PopulationCountPreview> {
  const parsed = parseServiceInput(PreviewPopulationCountInputSchema, input, "population preview");
  const actor = await requireMember(ctx.db, parsed.actorUserId);
  let filter: PopulationFilter | undefined;
  if (parsed.filter !== undefined) {
    const validation = validatePopulationFilter(parsed.filter);
    if (!validation.ok) return { ok: false, issues: validation.issues };
    filter = validation.filter;
  }
  const owner = { orgId: actor.orgId };
  const siblings = loadPopulationRules(ctx.db, owner).filter((rule) => rule.id !== parsed.populationId);
  const { subjects } = loadAccounts(ctx.db, owner);
  const count = countPopulation({
    population: { ...(parsed.standardKey && { standardKey: parsed.standardKey }), ...(filter && { filter }) },
    siblings,
    subjects,
    now: readClock(ctx),
  });
  return { ok: true, count };
}
