import { z } from "zod";

/** Calendar date (YYYY-MM-DD) or full ISO 8601 timestamp, kept as text. */
export const DateTextSchema = z.union([z.iso.date(), z.iso.datetime({ offset: true })]);

/** ISO 4217 currency code. */
export const CurrencyCodeSchema = z
  .string()
  .trim()
  .regex(/^[A-Za-z]{3}$/, "expected a 3-letter ISO 4217 currency code")
  .transform((code) => code.toUpperCase());

export const OpportunitySchema = z
  .object({
    id: z.string().trim().min(1),
    accountId: z.string().trim().min(1),
    name: z.string().trim().min(1),
    stage: z.string().trim().min(1),
    amount: z.number().finite().nonnegative().optional(),
    currency: CurrencyCodeSchema.optional(),
    createdAt: DateTextSchema.optional(),
    closeDate: DateTextSchema.optional(),
    isClosed: z.boolean(),
    isWon: z.boolean(),
    ownerEmail: z.email().optional(),
    partnerId: z.string().trim().min(1).optional(),
    /** The CRM's lead source as written (e.g. "Partner Referral"); attribution reads partner values from it. */
    leadSource: z.string().trim().min(1).optional(),
  })
  .refine((opp) => opp.isClosed || !opp.isWon, {
    message: "an opportunity cannot be won while open (is_won without is_closed)",
    path: ["isWon"],
  });
export type Opportunity = z.infer<typeof OpportunitySchema>;
