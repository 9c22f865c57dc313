import { z } from "zod";
import type { PopulationFilter, StandardPopulationKey } from "../model/population.ts";

/** Where an org's accounts come from; the standard rules read the fields each source fills. */
export const PopulationSourceSchema = z.enum(["salesforce", "hubspot", "csv"]);
export type PopulationSource = z.infer<typeof PopulationSourceSchema>;

/** A standard population as created for a new org: editable afterwards like any population. */
export interface StandardPopulationRule {
  standardKey: StandardPopulationKey;
  name: string;
  /**
   * Absent for Prospects: "the rest", i.e. accounts in neither Customers nor Open Opportunities
   * (the filter language has no NOT, so "the rest" is a rule of its own; a filter set on
   * Prospects later narrows it further).
   */
  filter?: PopulationFilter;
}

const WON: PopulationFilter = { field: "opportunity.isWon", op: "equals", value: true };
const CUSTOMER_STATUS: PopulationFilter = { field: "account.status", op: "equals", value: "customer" };
const OPEN_OPPORTUNITY: PopulationFilter = { field: "opportunity.isClosed", op: "equals", value: false };
const OPPORTUNITY_STATUS: PopulationFilter = { field: "account.status", op: "equals", value: "opportunity" };

/**
 * Customer and open-opportunity signals per source besides won/open opportunities and the
 * canonical status: Salesforce's standard Account.Type picklist, HubSpot's company lifecycle
 * stage (internal values), a CSV "type" column. Text comparisons ignore case.
 */
const SOURCE_CUSTOMER: Record<PopulationSource, PopulationFilter> = {
  salesforce: { field: "account.Type", op: "in", value: ["Customer", "Customer - Direct", "Customer - Channel"] },
  hubspot: { field: "account.lifecyclestage", op: "in", value: ["customer", "evangelist"] },
  csv: { field: "account.type", op: "equals", value: "customer" },
};
const SOURCE_OPEN_OPPORTUNITY: Partial<Record<PopulationSource, PopulationFilter>> = {
  hubspot: { field: "account.lifecyclestage", op: "equals", value: "opportunity" },
};

/**
 * The default filter of a standard population for a source. Customers and Open Opportunities may
 * overlap (a customer with an open expansion deal is in both); Prospects are the rest.
 */
export function defaultStandardFilter(key: StandardPopulationKey, source: PopulationSource = "csv"): PopulationFilter | undefined {
  switch (key) {
    case "customers":
      return { or: [WON, CUSTOMER_STATUS, SOURCE_CUSTOMER[source]] };
    case "open_opportunities": {
      const extra = SOURCE_OPEN_OPPORTUNITY[source];
      return { or: extra ? [OPEN_OPPORTUNITY, OPPORTUNITY_STATUS, extra] : [OPEN_OPPORTUNITY, OPPORTUNITY_STATUS] };
    }
    case "prospects":
      return undefined;
  }
}

/** The three standard populations a new org starts with, with the rules of its source. */
export function defaultStandardPopulations(source: PopulationSource): StandardPopulationRule[] {
  return [
    { standardKey: "customers", name: "Customers", filter: defaultStandardFilter("customers", source) },
    { standardKey: "open_opportunities", name: "Open Opportunities", filter: defaultStandardFilter("open_opportunities", source) },
    { standardKey: "prospects", name: "Prospects" },
  ];
}
