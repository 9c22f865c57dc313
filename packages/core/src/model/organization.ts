import { z } from "zod";
import { CurrencyCodeSchema } from "./opportunity.ts";

export const OrganizationSchema = z.object({
  id: z.string().min(1),
  name: z.string().trim().min(1),
  /** Currency that attribution and reports convert into. */
  currency: CurrencyCodeSchema.default("USD"),
  createdAt: z.iso.datetime({ offset: true }),
});
export type Organization = z.infer<typeof OrganizationSchema>;
