import { AccountStatusSchema } from "@mutual/core";
import { z } from "zod";
import { DEFAULT_FIELD_MAPPING } from "./field-mapping.ts";
import type { SalesforceFieldMapping } from "./field-mapping.ts";

// Exported on its own path (`@mutual/connector-salesforce/field-mapping-settings`) so a connection's settings
// can be checked without loading jsforce.

/** A field's API name, or a relationship path (`Owner.Email`). Mapped names go into SOQL, so nothing else passes. */
const FieldNameSchema = z
  .string()
  .max(255)
  .regex(/^[A-Za-z][A-Za-z0-9_]*(\.[A-Za-z][A-Za-z0-9_]*)*$/, "expected a field API name, or a path such as Owner.Email");

/**
 * What a connection changes in the default field mapping (`DEFAULT_FIELD_MAPPING`): any account or opportunity
 * entry, each replacing the default's. Unknown keys are refused, so a misspelt one is not silently ignored.
 */
export const SalesforceFieldMappingOverridesSchema = z.strictObject({
  account: z
    .strictObject({
      website: FieldNameSchema,
      country: FieldNameSchema,
      state: FieldNameSchema,
      city: FieldNameSchema,
      phone: FieldNameSchema,
      parentId: FieldNameSchema,
      ownerEmail: FieldNameSchema,
      icpScore: FieldNameSchema,
      tier: FieldNameSchema,
      statusRules: z.array(z.strictObject({ status: AccountStatusSchema, field: FieldNameSchema, values: z.array(z.string().min(1)).min(1) })),
      defaultStatus: AccountStatusSchema,
      custom: z.array(FieldNameSchema),
    })
    .partial()
    .optional(),
  opportunity: z
    .strictObject({
      amount: FieldNameSchema,
      /** null in a single-currency org, which has no CurrencyIsoCode. */
      currency: FieldNameSchema.nullable(),
      defaultCurrency: z.string().regex(/^[A-Z]{3}$/, "expected an ISO 4217 code such as EUR"),
      ownerEmail: FieldNameSchema,
      partnerId: FieldNameSchema,
      leadSource: FieldNameSchema,
    })
    .partial()
    .optional(),
});
export type SalesforceFieldMappingOverrides = z.infer<typeof SalesforceFieldMappingOverridesSchema>;

/** The default mapping with a connection's overrides laid over it, entry by entry. */
export function withFieldMappingOverrides(overrides: SalesforceFieldMappingOverrides): SalesforceFieldMapping {
  return {
    account: { ...DEFAULT_FIELD_MAPPING.account, ...overrides.account },
    opportunity: { ...DEFAULT_FIELD_MAPPING.opportunity, ...overrides.opportunity },
  };
}
