import { AppError, SharingLevelSchema } from "@mutual/core";
import { getOrganization, getPopulation, upsertSharingRule } from "@mutual/db";
import type { StoredSharingRule } from "@mutual/db";
import { z } from "zod";
import { readClock, type ServiceContext } from "../context.ts";
import { parseServiceInput } from "../internal/parse-input.ts";
import { ADMINS, requireMember } from "../internal/require-member.ts";

/** A canonical account field (name, website, country, ...) or a custom field name from the source. */
const FieldNameSchema = z
  .string()
  .trim()
  .min(1)
  .max(64)
  .regex(/^[A-Za-z0-9_][A-Za-z0-9_ .-]*$/, "expected a field name such as name, website or Account Type");

export const SetSharingRuleInputSchema = z.object({
  actorUserId: z.string().min(1),
  populationId: z.string().min(1),
  /** Absent: the default for every partner; present: an override for this partner org only. */
  partnerOrgId: z.string().min(1).optional(),
  level: SharingLevelSchema,
  /** Account fields shown at `overlaps` / `full` (default name and website). */
  fieldAllowlist: z.array(FieldNameSchema).max(50).optional(),
});
export type SetSharingRuleInput = z.input<typeof SetSharingRuleInputSchema>;

/** An admin sets what partners may see of one of the org's populations, as a default or per partner. */
export async function setSharingRule(ctx: ServiceContext, input: SetSharingRuleInput): Promise<StoredSharingRule> {
  const parsed = parseServiceInput(SetSharingRuleInputSchema, input, "sharing rule");
  const actor = await requireMember(ctx.db, parsed.actorUserId, { roles: ADMINS });
  const population = await getPopulation(ctx.db, parsed.populationId);
  if (population.orgId !== actor.orgId) throw new AppError("not_found", `population ${parsed.populationId} not found`);
  if (parsed.partnerOrgId !== undefined) {
    if (parsed.partnerOrgId === actor.orgId) throw new AppError("invalid_input", "an override names another organization");
    await getOrganization(ctx.db, parsed.partnerOrgId);
  }
  return upsertSharingRule(
    ctx.db,
    {
      populationId: population.id,
      level: parsed.level,
      ...(parsed.partnerOrgId !== undefined && { partnerOrgId: parsed.partnerOrgId }),
      ...(parsed.fieldAllowlist !== undefined && { fieldAllowlist: [...new Set(parsed.fieldAllowlist)] }),
    },
    { now: readClock(ctx) },
  );
}
