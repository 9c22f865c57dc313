// Realistic-org generator (shared by all CRM emulators).
export {
  generateAccount,
  generateAccounts,
  generateOpportunity,
  generateOpportunities,
  generateOwners,
} from "./generator/generate-org.ts";
export type {
  GeneratedAccount,
  GeneratedOpportunity,
  GeneratedOwner,
  OrgGeneratorOptions,
} from "./generator/generate-org.ts";
export { createRandom, randomFor } from "./generator/random.ts";

// Salesforce REST + Bulk API 2.0 emulator.
export { startSalesforceEmulator } from "./salesforce/server.ts";
export type { SalesforceEmulator, SalesforceEmulatorOptions, SalesforceFault, FaultRule } from "./salesforce/server.ts";
export type { SalesforceCredentials } from "./salesforce/auth.ts";
export { SalesforceOrg } from "./salesforce/org.ts";
export type { RecordFailureRule, SfRecord } from "./salesforce/org.ts";

// HubSpot CRM v3/v4 emulator.
export { startHubSpotEmulator } from "./hubspot/server.ts";
export type {
  HubSpotEmulator,
  HubSpotEmulatorOptions,
  HubSpotEmulatorStats,
  HubSpotExchange,
} from "./hubspot/server.ts";
export { HubSpotStore } from "./hubspot/store.ts";
export { generateHubSpotSeed, companyIdOf } from "./hubspot/generate-seed.ts";
export { HUBSPOT_TIERS } from "./hubspot/rate-limits.ts";
export type { HubSpotRateLimits, HubSpotPolicyName } from "./hubspot/rate-limits.ts";
export type { HubSpotFault, FaultRule as HubSpotFaultRule } from "./hubspot/faults.ts";
export type { HubSpotSeed, HubSpotSeedRecord, HubSpotSeedDeal, HubSpotRecord, HubSpotObjectType } from "./hubspot/types.ts";
