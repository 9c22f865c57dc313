import type { HubSpotObjectType, HubSpotProperty, HubSpotPropertyGroup, HubSpotPropertyOption } from "./types.ts";

type Definition = [name: string, label: string, type: string, fieldType: string, options?: string[]];

const READ_ONLY = new Set(["hs_object_id", "createdate", "hs_lastmodifieddate"]);

/** The subset of HubSpot's built-in properties Mutual and the generator use. */
const DEFINITIONS: Record<HubSpotObjectType, { group: string; properties: Definition[] }> = {
  companies: {
    group: "companyinformation",
    properties: [
      ["hs_object_id", "Record ID", "number", "number"],
      ["createdate", "Create Date", "datetime", "date"],
      ["hs_lastmodifieddate", "Last Modified Date", "datetime", "date"],
      ["name", "Company name", "string", "text"],
      ["domain", "Company Domain Name", "string", "text"],
      ["website", "Website URL", "string", "text"],
      ["phone", "Phone Number", "string", "phonenumber"],
      ["country", "Country/Region", "string", "text"],
      ["state", "State/Region", "string", "text"],
      ["city", "City", "string", "text"],
      // Free text here (an enumeration on HubSpot) so generated industry names fit.
      ["industry", "Industry", "string", "text"],
      ["lifecyclestage", "Lifecycle Stage", "enumeration", "radio", ["subscriber", "lead", "marketingqualifiedlead", "salesqualifiedlead", "opportunity", "customer", "evangelist", "other"]],
      ["hubspot_owner_id", "Company owner", "enumeration", "select"],
      ["hs_parent_company_id", "Parent Company", "number", "number"],
      ["numberofemployees", "Number of Employees", "number", "number"],
      ["annualrevenue", "Annual Revenue", "number", "number"],
    ],
  },
  deals: {
    group: "dealinformation",
    properties: [
      ["hs_object_id", "Record ID", "number", "number"],
      ["createdate", "Create Date", "datetime", "date"],
      ["hs_lastmodifieddate", "Last Modified Date", "datetime", "date"],
      ["dealname", "Deal Name", "string", "text"],
      ["amount", "Amount", "number", "number"],
      ["deal_currency_code", "Currency", "enumeration", "select", ["USD", "EUR", "GBP", "CAD", "AUD"]],
      ["dealstage", "Deal Stage", "enumeration", "radio", ["appointmentscheduled", "qualifiedtobuy", "presentationscheduled", "decisionmakerboughtin", "contractsent", "closedwon", "closedlost"]],
      ["pipeline", "Pipeline", "enumeration", "select", ["default"]],
      ["closedate", "Close Date", "datetime", "date"],
      ["hs_is_closed", "Is Deal Closed?", "bool", "booleancheckbox", ["true", "false"]],
      ["hs_is_closed_won", "Is Closed Won", "bool", "booleancheckbox", ["true", "false"]],
      ["hubspot_owner_id", "Deal owner", "enumeration", "select"],
    ],
  },
};

function toOptions(values: string[] | undefined): HubSpotPropertyOption[] {
  return (values ?? []).map((value, index) => ({ label: value, value, hidden: false, displayOrder: index }));
}

/** Built-in property definitions of one object type, stamped with `nowIso`. */
export function buildDefaultProperties(type: HubSpotObjectType, nowIso: string): HubSpotProperty[] {
  const { group, properties } = DEFINITIONS[type];
  return properties.map(([name, label, kind, fieldType, options], index) => ({
    name,
    label,
    type: kind,
    fieldType,
    groupName: group,
    description: "",
    options: toOptions(options),
    hubspotDefined: true,
    hasUniqueValue: name === "hs_object_id",
    hidden: false,
    formField: !READ_ONLY.has(name),
    displayOrder: index,
    calculated: false,
    externalOptions: false,
    archived: false,
    createdAt: nowIso,
    updatedAt: nowIso,
    modificationMetadata: { archivable: false, readOnlyDefinition: true, readOnlyValue: READ_ONLY.has(name) },
  }));
}

export function buildDefaultGroups(type: HubSpotObjectType): HubSpotPropertyGroup[] {
  const name = DEFINITIONS[type].group;
  const label = type === "companies" ? "Company information" : "Deal information";
  return [{ name, label, displayOrder: 0, archived: false }];
}

/** Properties a list/search/read returns when the caller names none (as HubSpot does). */
export const DEFAULT_RETURNED: Record<HubSpotObjectType, string[]> = {
  companies: ["createdate", "domain", "hs_lastmodifieddate", "hs_object_id", "name"],
  deals: ["amount", "closedate", "createdate", "dealname", "dealstage", "hs_lastmodifieddate", "hs_object_id", "pipeline"],
};
