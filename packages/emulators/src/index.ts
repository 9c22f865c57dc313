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
