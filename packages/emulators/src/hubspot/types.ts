/** The two CRM object types the HubSpot emulator serves (their v3 names). */
export type HubSpotObjectType = "companies" | "deals";

/** HubSpot's numeric object type ids, which its APIs accept anywhere a name is accepted. */
export const OBJECT_TYPE_IDS: Record<HubSpotObjectType, string> = { companies: "0-2", deals: "0-3" };

/** Resolves `companies`, `company`, `0-2` (and the deal equivalents) to the v3 name; undefined otherwise. */
export function resolveObjectType(raw: string): HubSpotObjectType | undefined {
  const name = raw.toLowerCase();
  if (name === "companies" || name === "company" || name === "0-2") return "companies";
  if (name === "deals" || name === "deal" || name === "0-3") return "deals";
  return undefined;
}

/** One stored CRM record. Times are epoch ms; property values are strings as HubSpot returns them. */
export interface HubSpotRecord {
  id: string;
  properties: Record<string, string | null>;
  createdAt: number;
  updatedAt: number;
  archivedAt?: number;
}

/** Seed data for the emulator: what a generator (or a test) hands in. */
export interface HubSpotSeedRecord {
  id: string;
  properties: Record<string, string>;
  /** ISO timestamps; default to the emulator's clock at start. */
  createdAt?: string;
  updatedAt?: string;
}

export interface HubSpotSeedDeal extends HubSpotSeedRecord {
  /** Companies the deal is associated with; the first is the primary one. */
  companyIds: string[];
}

export interface HubSpotSeed {
  companies: HubSpotSeedRecord[];
  deals: HubSpotSeedDeal[];
}

export interface HubSpotPropertyOption {
  label: string;
  value: string;
  hidden: boolean;
  displayOrder?: number;
  description?: string;
}

/** A property definition as served by the properties API. */
export interface HubSpotProperty {
  name: string;
  label: string;
  type: string;
  fieldType: string;
  groupName: string;
  description: string;
  options: HubSpotPropertyOption[];
  hubspotDefined: boolean;
  hasUniqueValue: boolean;
  hidden: boolean;
  formField: boolean;
  displayOrder: number;
  calculated: boolean;
  externalOptions: boolean;
  archived: boolean;
  createdAt: string;
  updatedAt: string;
  modificationMetadata: { archivable: boolean; readOnlyDefinition: boolean; readOnlyValue: boolean };
}

export interface HubSpotPropertyGroup {
  name: string;
  label: string;
  displayOrder: number;
  archived: boolean;
}
