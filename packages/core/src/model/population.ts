import { z } from "zod";

/** Keys of the three standard populations every org has. */
export const StandardPopulationKeySchema = z.enum(["customers", "open_opportunities", "prospects"]);
export type StandardPopulationKey = z.infer<typeof StandardPopulationKeySchema>;

export const FilterOperatorSchema = z.enum([
  "equals",
  "not_equals",
  "in",
  "contains",
  "greater",
  "less",
  "between",
  "empty",
  "not_empty",
  "within_last_days",
]);
export type FilterOperator = z.infer<typeof FilterOperatorSchema>;

const FilterValueSchema = z.union([z.string(), z.number(), z.boolean()]);

/** One condition on an account field (`account.<field>`) or opportunity field (`opportunity.<field>`). */
export const FilterConditionSchema = z.object({
  field: z.string().regex(/^(account|opportunity)\.[A-Za-z0-9_]+$/, "expected account.<field> or opportunity.<field>"),
  op: FilterOperatorSchema,
  value: z.union([FilterValueSchema, z.array(FilterValueSchema)]).optional(),
});
export type FilterCondition = z.infer<typeof FilterConditionSchema>;

export type PopulationFilter = FilterCondition | { and: PopulationFilter[] } | { or: PopulationFilter[] };

/** A typed, nestable AND/OR filter; evaluated by the population engine. */
export const PopulationFilterSchema: z.ZodType<PopulationFilter> = z.lazy(() =>
  z.union([
    FilterConditionSchema,
    z.object({ and: z.array(PopulationFilterSchema).min(1) }),
    z.object({ or: z.array(PopulationFilterSchema).min(1) }),
  ]),
);

export const PopulationSchema = z.object({
  id: z.string().min(1),
  orgId: z.string().min(1),
  name: z.string().trim().min(1),
  /** Set for the standard populations; custom ones have none. */
  standardKey: StandardPopulationKeySchema.optional(),
  filter: PopulationFilterSchema.optional(),
});
export type Population = z.infer<typeof PopulationSchema>;
