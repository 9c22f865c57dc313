import { CurrencyCodeSchema, PopulationSourceSchema, defaultStandardPopulations } from "@mutual/core";
import type { Organization, Population } from "@mutual/core";
import { createOrganization, createPopulation, createUser } from "@mutual/db";
import type { User } from "@mutual/db";
import { z } from "zod";
import { readClock, type ServiceContext } from "../context.ts";
import { parseServiceInput } from "../internal/parse-input.ts";

export const CreateOrganizationWithAdminInputSchema = z.object({
  name: z.string().trim().min(1),
  currency: CurrencyCodeSchema.optional(),
  /** Where the org's accounts come from: picks the default rules of the standard populations. */
  source: PopulationSourceSchema.default("csv"),
  admin: z.object({ email: z.email(), name: z.string().trim().min(1).optional() }),
});
export type CreateOrganizationWithAdminInput = z.input<typeof CreateOrganizationWithAdminInputSchema>;

/**
 * Creates an org with its first admin and the three standard populations (Customers, Open
 * Opportunities, Prospects) carrying the default rules of its source. Nothing is shared with
 * anyone until an admin sets sharing rules (no rule means `hidden`).
 */
export async function createOrganizationWithAdmin(
  ctx: ServiceContext,
  input: CreateOrganizationWithAdminInput,
): Promise<{ organization: Organization; admin: User; populations: Population[] }> {
  const parsed = parseServiceInput(CreateOrganizationWithAdminInputSchema, input, "organization");
  const now = readClock(ctx);
  const organization = await createOrganization(ctx.db, { name: parsed.name, ...(parsed.currency && { currency: parsed.currency }) }, { now });
  const admin = await createUser(ctx.db, { orgId: organization.id, email: parsed.admin.email, name: parsed.admin.name, role: "admin" }, { now });
  const populations: Population[] = [];
  for (const rule of defaultStandardPopulations(parsed.source)) {
    populations.push(
      await createPopulation(
        ctx.db,
        { orgId: organization.id, name: rule.name, standardKey: rule.standardKey, ...(rule.filter && { filter: rule.filter }) },
        { now },
      ),
    );
  }
  return { organization, admin, populations };
}
