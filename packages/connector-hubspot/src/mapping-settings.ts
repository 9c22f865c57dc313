import { AccountStatusSchema } from "@mutual/core";
import { z } from "zod";

// Exported on its own path (`@mutual/connector-hubspot/mapping-settings`) so a connection's settings can be
// checked without loading the HubSpot SDK.

/** A property's internal name (`annualrevenue`, `partner_tier`). */
const PropertyNameSchema = z
  .string()
  .max(100)
  .regex(/^[A-Za-z0-9_]+$/, "expected a property's internal name (letters, digits, underscores)");

/**
 * What a connection changes in the default mapping (`DEFAULT_MAPPING`): each entry given replaces the default's
 * (`statusByLifecycleStage` as a whole). Unknown keys are refused, so a misspelt one is not silently ignored.
 */
export const HubSpotFieldMappingOverridesSchema = z
  .strictObject({
    website: PropertyNameSchema,
    icpScore: PropertyNameSchema,
    tier: PropertyNameSchema,
    statusByLifecycleStage: z.record(z.string().min(1), AccountStatusSchema),
    customCompanyProperties: z.array(PropertyNameSchema),
    dealLeadSource: PropertyNameSchema,
  })
  .partial();
export type HubSpotFieldMappingOverrides = z.infer<typeof HubSpotFieldMappingOverridesSchema>;
