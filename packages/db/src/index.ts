// Database handle
export { openDatabase, DEFAULT_DATABASE_FILE } from "./database.ts";
export type { Database, Db, OpenDatabaseOptions } from "./database.ts";
export type { WriteOptions } from "./internal/timestamps.ts";
// `column IN (ids bound as one JSON array)`: a statement prepared once serves any number of ids.
export { inIdList, bindIdList } from "./internal/batches.ts";
export { reusePrepared } from "./internal/prepared.ts";

// Tables (for apps that need a query the repositories do not offer)
export {
  organizations,
  users,
  USER_ROLES,
  accounts,
  opportunities,
  populations,
  partnerships,
  partners,
  sharingRules,
  overlaps,
  matchCorrections,
  importRuns,
  IMPORT_RUN_STATUSES,
} from "./schema/index.ts";

// Repositories
export {
  createOrganization,
  getOrganization,
  listOrganizations,
  CreateOrganizationInputSchema,
} from "./repositories/organizations.ts";
export type { CreateOrganizationInput } from "./repositories/organizations.ts";
export {
  createUser,
  getUser,
  findUserByEmail,
  listUsers,
  UserSchema,
  UserRoleSchema,
  CreateUserInputSchema,
} from "./repositories/users.ts";
export type { User, UserRole, CreateUserInput } from "./repositories/users.ts";
export {
  upsertAccounts,
  listAccounts,
  countAllAccounts,
  findAccountsByDomain,
  softDeleteAccounts,
  getAccountListVersions,
  accountListVersionKey,
  mapRowToAccount,
  RecordSourceSchema,
} from "./repositories/accounts.ts";
export type { AccountRow, UpsertCounts, UpsertAccountsOptions, ListAccountsOptions } from "./repositories/accounts.ts";
export {
  upsertOpportunities,
  listOpportunities,
  softDeleteOpportunities,
  mapRowToOpportunity,
} from "./repositories/opportunities.ts";
export type { OpportunityRow, ListOpportunitiesOptions } from "./repositories/opportunities.ts";
export {
  createPopulation,
  createStandardPopulations,
  getPopulation,
  listPopulations,
  updatePopulation,
  CreatePopulationInputSchema,
  UpdatePopulationInputSchema,
} from "./repositories/populations.ts";
export type { CreatePopulationInput, UpdatePopulationInput } from "./repositories/populations.ts";
export {
  createPartnership,
  getPartnership,
  listPartnerships,
  changePartnershipStatus,
  CreatePartnershipInputSchema,
} from "./repositories/partnerships.ts";
export type { CreatePartnershipInput } from "./repositories/partnerships.ts";
export { createPartner, getPartner, listPartners, CreatePartnerInputSchema } from "./repositories/partners.ts";
export type { CreatePartnerInput } from "./repositories/partners.ts";
export { upsertSharingRule, findSharingRule, listSharingRules, listSharingRuleChangesSince } from "./repositories/sharing-rules.ts";
export type { StoredSharingRule, SharingRuleInput } from "./repositories/sharing-rules.ts";
export { replaceOverlaps, replaceOverlapsOfAccounts, writeOverlapsWithDiff, listOverlaps, OverlapScopeSchema } from "./repositories/overlaps.ts";
export type { OverlapScope, StoredOverlap, OverlapDiff, OverlapWrite } from "./repositories/overlaps.ts";
export {
  recordMatchCorrection,
  getMatchCorrection,
  deleteMatchCorrection,
  listMatchCorrections,
  MatchCorrectionInputSchema,
} from "./repositories/match-corrections.ts";
export type { MatchCorrectionInput, StoredMatchCorrection } from "./repositories/match-corrections.ts";
export {
  startImportRun,
  finishImportRun,
  getImportRun,
  listImportRuns,
  StartImportRunInputSchema,
  FinishImportRunInputSchema,
} from "./repositories/import-runs.ts";
export type { ImportRun, StartImportRunInput, FinishImportRunInput } from "./repositories/import-runs.ts";

// issue 6: disclosure audit log (tables, and the one synchronous writer a read path calls in its transaction)
export { disclosureEvents, disclosureRecords, DISCLOSURE_CHANNELS } from "./schema/index.ts";
export {
  recordDisclosureEvent,
  listDisclosureEvents,
  DisclosureChannelSchema,
  DisclosureEventInputSchema,
} from "./repositories/disclosures.ts";
export type {
  DisclosureChannel,
  DisclosureEvent,
  DisclosureEventInput,
  DisclosedRecord,
  ListDisclosureEventsOptions,
} from "./repositories/disclosures.ts";

// issue 7: sync worker (jobs, schedules, connections, sync runs, outbox, webhooks)
export { jobs, jobSchedules, JOB_STATES } from "./schema/index.ts";
export {
  insertJob,
  leaseJobs,
  extendJobLease,
  completeJob,
  failJob,
  getJob,
  listJobs,
  InsertJobInputSchema,
} from "./repositories/jobs.ts";
export type { JobRow, JobState, InsertJobInput, LeaseJobsInput } from "./repositories/jobs.ts";
export {
  upsertJobSchedule,
  getJobSchedule,
  listJobSchedules,
  listDueJobSchedules,
  advanceJobSchedule,
  deleteJobSchedule,
  UpsertJobScheduleInputSchema,
} from "./repositories/job-schedules.ts";
export type { JobScheduleRow, UpsertJobScheduleInput } from "./repositories/job-schedules.ts";
export { domainEvents, DOMAIN_EVENT_TYPES } from "./schema/index.ts";
export {
  appendDomainEvents,
  listDomainEvents,
  DomainEventInputSchema,
  DomainEventTypeSchema,
} from "./repositories/domain-events.ts";
export type { DomainEventRow, DomainEventInput, DomainEventType } from "./repositories/domain-events.ts";
export { webhookSubscriptions, webhookDeliveries, webhookDeliveryAttempts, WEBHOOK_DELIVERY_STATES } from "./schema/index.ts";
export {
  insertWebhookSubscription,
  getWebhookSubscription,
  listWebhookSubscriptions,
  setWebhookSubscriptionEnabled,
  dispatchDomainEvents,
  claimDueWebhookDeliveries,
  recordWebhookAttempt,
  getWebhookDelivery,
  listWebhookDeliveries,
  listWebhookDeliveryAttempts,
  replayWebhookDelivery,
  CreateWebhookSubscriptionInputSchema,
  RecordWebhookAttemptInputSchema,
} from "./repositories/webhooks.ts";
export type {
  WebhookSubscriptionRow,
  WebhookDeliveryRow,
  WebhookDeliveryAttemptRow,
  ClaimedDelivery,
  CreateWebhookSubscriptionInput,
  RecordWebhookAttemptInput,
} from "./repositories/webhooks.ts";
export { syncConnections, syncCheckpoints, syncRuns, partnerOpportunityNotices, publishedOverlaps, SYNC_PROVIDERS } from "./schema/index.ts";
export type { SyncRunCounts, SyncRecordError } from "./schema/index.ts";
export {
  createSyncConnection,
  getSyncConnection,
  findSyncConnection,
  listSyncConnections,
  updateSyncConnectionCredentials,
  getSyncCheckpoint,
  resetSyncCheckpoints,
  CreateSyncConnectionInputSchema,
} from "./repositories/sync-connections.ts";
export type { SyncConnectionRow, CreateSyncConnectionInput } from "./repositories/sync-connections.ts";
export { startOrResumeSyncRun, recordSyncRunProgress, finishSyncRun, getSyncRun, findSyncRunByJob, listSyncRuns } from "./repositories/sync-runs.ts";
export type { SyncRunRow, StartSyncRunInput, SyncRunProgress } from "./repositories/sync-runs.ts";
export { publishOverlapChanges, announceOverlapDiffs, publishPartnerOpportunityChanges } from "./repositories/publish-changes.ts";
export type { OverlapVisibilityInput, VisiblePartnerPopulations, PublishCounts } from "./repositories/publish-changes.ts";

// issue 8: co-sell settings, exchange rates, partner profiles, engagements, referrals, overlap history,
// attributions, overrides, review queue, influencing-partner tags, API tokens
export {
  cosellSettings,
  exchangeRates,
  partnerProfiles,
  partnerEngagements,
  partnerReferrals,
  partnerOverlapPeriods,
  opportunityAttributions,
  attributionOverrides,
  attributionReviewItems,
  influencingPartnerTags,
  manualPartnerTags,
  apiTokens,
} from "./schema/index.ts";
export { CosellSettingsSchema, getCosellSettings, setCosellSettings } from "./repositories/cosell-settings.ts";
export type { CosellSettings, CosellSettingsInput } from "./repositories/cosell-settings.ts";
export { upsertExchangeRates, listExchangeRates, deleteExchangeRate } from "./repositories/exchange-rates.ts";
export { PartnerProfileInputSchema, setPartnerProfile, listPartnerProfiles } from "./repositories/partner-profiles.ts";
export type { PartnerProfileInput, StoredPartnerProfile } from "./repositories/partner-profiles.ts";
export {
  RecordEngagementInputSchema,
  RecordReferralInputSchema,
  recordEngagement,
  listEngagements,
  recordReferral,
  listReferrals,
} from "./repositories/partner-engagements.ts";
export type {
  RecordEngagementInput,
  RecordReferralInput,
  StoredEngagement,
  StoredReferral,
} from "./repositories/partner-engagements.ts";
export { CurrentOverlapSchema, syncOverlapPeriods, listOverlapPeriods } from "./repositories/partner-overlap-periods.ts";
export type { CurrentOverlap } from "./repositories/partner-overlap-periods.ts";
export { replaceAttributions, listAttributions, getAttribution } from "./repositories/opportunity-attributions.ts";
export type { StoredAttribution } from "./repositories/opportunity-attributions.ts";
export { recordAttributionOverride, listAttributionOverrides } from "./repositories/attribution-overrides.ts";
export type { AttributionOverrideInput, StoredAttributionOverride } from "./repositories/attribution-overrides.ts";
export {
  REVIEW_ITEM_STATUSES,
  ResolveReviewItemInputSchema,
  syncReviewItems,
  listReviewItems,
  resolveReviewItem,
  resolveOpenReviewItemsOfOpportunity,
} from "./repositories/attribution-review-items.ts";
export type { ReviewItemStatus, StoredReviewItem, ResolveReviewItemInput } from "./repositories/attribution-review-items.ts";
export {
  replaceInfluencingPartnerTags,
  listInfluencingPartnerTags,
  findInfluencingPartnerTag,
  setManualPartnerTag,
  clearManualPartnerTag,
  listManualPartnerTags,
} from "./repositories/partner-tags.ts";
export type { ManualPartnerTagInput } from "./repositories/partner-tags.ts";
export { CreateApiTokenInputSchema, hashApiToken, createApiToken, findApiToken, revokeApiToken } from "./repositories/api-tokens.ts";
export type { CreateApiTokenInput } from "./repositories/api-tokens.ts";
export { listAccountsChangedSince } from "./repositories/changed-accounts.ts";
