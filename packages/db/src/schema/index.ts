export { organizations } from "./organizations.ts";
export { users, USER_ROLES } from "./users.ts";
export { accounts } from "./accounts.ts";
export { opportunities } from "./opportunities.ts";
export { populations } from "./populations.ts";
export { partnerships } from "./partnerships.ts";
export { partners } from "./partners.ts";
export { sharingRules } from "./sharing-rules.ts";
export { overlaps } from "./overlaps.ts";
export { matchCorrections } from "./match-corrections.ts";
export { accountListVersions } from "./account-list-versions.ts";
export { importRuns, IMPORT_RUN_STATUSES } from "./import-runs.ts";
// issue 6: disclosure audit log
export { disclosureEvents, disclosureRecords, DISCLOSURE_CHANNELS } from "./disclosures.ts";
// issue 7: sync worker (jobs, connections, sync runs, outbox, webhooks)
export { jobs, jobSchedules, JOB_STATES } from "./jobs.ts";
export { syncConnections, syncCheckpoints, syncRuns, partnerOpportunityNotices, publishedOverlaps, SYNC_PROVIDERS, SYNC_RUN_STATUSES } from "./sync.ts";
export type { SyncRunCounts, SyncRecordError } from "./sync.ts";
export { domainEvents, DOMAIN_EVENT_TYPES } from "./domain-events.ts";
export { webhookSubscriptions, webhookDeliveries, webhookDeliveryAttempts, WEBHOOK_DELIVERY_STATES } from "./webhooks.ts";
// issue 8: co-sell settings, exchange rates, partner profiles, engagements, referrals, overlap history,
// attributions, overrides, review queue, influencing-partner tags, API tokens
export { cosellSettings, exchangeRates, partnerProfiles } from "./cosell.ts";
export {
  partnerEngagements,
  partnerReferrals,
  partnerOverlapPeriods,
  opportunityAttributions,
  attributionOverrides,
  attributionReviewItems,
  influencingPartnerTags,
  manualPartnerTags,
} from "./attribution.ts";
export { apiTokens } from "./api-tokens.ts";
