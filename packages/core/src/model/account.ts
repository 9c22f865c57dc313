import { z } from "zod";

/** Standard account status, the basis of the three standard populations. */
export const AccountStatusSchema = z.enum(["customer", "opportunity", "prospect"]);
export type AccountStatus = z.infer<typeof AccountStatusSchema>;

const optionalText = z.string().trim().min(1).optional();

/** A canonical account as pulled from a CRM or a CSV file; `id` is the source's own id. */
export const AccountSchema = z.object({
  id: z.string().trim().min(1),
  name: z.string().trim().min(1),
  website: optionalText,
  country: optionalText,
  state: optionalText,
  city: optionalText,
  phone: optionalText,
  parentId: optionalText,
  status: AccountStatusSchema.optional(),
  ownerEmail: z.email().optional(),
  icpScore: z.number().min(0).max(100).optional(),
  tier: optionalText,
  /** Source fields beyond the canonical ones, kept for custom populations. */
  custom: z.record(z.string(), z.string()).optional(),
});
export type Account = z.infer<typeof AccountSchema>;
