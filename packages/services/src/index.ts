// Context
export { readClock } from "./context.ts";
export type { ServiceContext } from "./context.ts";

// Organizations and members
export { createOrganizationWithAdmin, CreateOrganizationWithAdminInputSchema } from "./organizations/create-organization-with-admin.ts";
export type { CreateOrganizationWithAdminInput } from "./organizations/create-organization-with-admin.ts";
export { addMember, AddMemberInputSchema } from "./organizations/add-member.ts";
export type { AddMemberInput } from "./organizations/add-member.ts";

// Partnerships (invite, accept, pause, resume, end)
export { inviteOrganization, InviteOrganizationInputSchema } from "./partnerships/invite-organization.ts";
export type { InviteOrganizationInput } from "./partnerships/invite-organization.ts";
export { PartnershipActionInputSchema } from "./internal/change-partnership.ts";
export type { PartnershipActionInput } from "./internal/change-partnership.ts";
export { acceptInvitation } from "./partnerships/accept-invitation.ts";
export { pausePartnership } from "./partnerships/pause-partnership.ts";
export { resumePartnership } from "./partnerships/resume-partnership.ts";
export { endPartnership } from "./partnerships/end-partnership.ts";

// Offline partners
export { createOfflinePartner, CreateOfflinePartnerInputSchema } from "./partners/create-offline-partner.ts";
export type { CreateOfflinePartnerInput } from "./partners/create-offline-partner.ts";
export {
  uploadOfflinePartnerAccounts,
  offlinePartnerSource,
  UploadOfflinePartnerAccountsInputSchema,
} from "./partners/upload-offline-partner-accounts.ts";
export type { UploadOfflinePartnerAccountsInput } from "./partners/upload-offline-partner-accounts.ts";

// Populations
export { createCustomPopulation, CreateCustomPopulationInputSchema } from "./populations/create-custom-population.ts";
export type { CreateCustomPopulationInput } from "./populations/create-custom-population.ts";
export { updatePopulation, UpdatePopulationInputSchema } from "./populations/update-population.ts";
export type { UpdatePopulationInput } from "./populations/update-population.ts";
export { previewPopulationCount, PreviewPopulationCountInputSchema } from "./populations/preview-population-count.ts";
export type { PreviewPopulationCountInput, PopulationCountPreview } from "./populations/preview-population-count.ts";

// Sharing rules
export { setSharingRule, SetSharingRuleInputSchema } from "./sharing/set-sharing-rule.ts";
export type { SetSharingRuleInput } from "./sharing/set-sharing-rule.ts";

// Overlaps
export { recomputeOverlaps, RecomputeOverlapsInputSchema } from "./overlaps/recompute-overlaps.ts";
export type { RecomputeOverlapsInput, ScopeRecompute, RecomputeOverlapsHooks, OverlapChangeCounts } from "./overlaps/recompute-overlaps.ts";
export { createOverlapMatchSpace, overlapScopeKey } from "./overlaps/overlap-match-space.ts";
export {
  correctMatch,
  listMatchCorrections,
  withdrawMatchCorrection,
  CorrectMatchInputSchema,
  ListMatchCorrectionsInputSchema,
  WithdrawMatchCorrectionInputSchema,
} from "./overlaps/match-corrections.ts";
export type { CorrectMatchInput, ListMatchCorrectionsInput, WithdrawMatchCorrectionInput, MatchCorrectionView } from "./overlaps/match-corrections.ts";
export type { OverlapMatchSpace } from "./overlaps/overlap-match-space.ts";

// Read paths: every one goes through the sharing policy and the disclosure audit log
export { getPartnerOverlapView, GetPartnerOverlapViewInputSchema } from "./reads/get-partner-overlap-view.ts";
export type { GetPartnerOverlapViewInput } from "./reads/get-partner-overlap-view.ts";
export { exportOverlapsCsv, ExportOverlapsCsvInputSchema } from "./reads/export-overlaps-csv.ts";
export type { ExportOverlapsCsvInput } from "./reads/export-overlaps-csv.ts";
export { getOverlapCounts, GetOverlapCountsInputSchema } from "./reads/get-overlap-counts.ts";
export type { GetOverlapCountsInput, OverlapCounts } from "./reads/get-overlap-counts.ts";
export { listDisclosures, ListDisclosuresInputSchema } from "./reads/list-disclosures.ts";
export type { ListDisclosuresInput } from "./reads/list-disclosures.ts";

// issue 8: co-sell scores, shortlist, partner performance, sizing, attribution, review queue, tags
export { getCosellConfig, GetCosellConfigInputSchema } from "./scoring/get-cosell-config.ts";
export type { GetCosellConfigInput, CosellConfigView } from "./scoring/get-cosell-config.ts";
export { setCosellConfig, SetCosellConfigInputSchema } from "./scoring/set-cosell-config.ts";
export type { SetCosellConfigInput } from "./scoring/set-cosell-config.ts";
export { computeCosellScores, ComputeCosellScoresInputSchema } from "./scoring/compute-cosell-scores.ts";
export type { ComputeCosellScoresInput } from "./scoring/compute-cosell-scores.ts";
export { getCosellShortlist, GetCosellShortlistInputSchema } from "./scoring/get-cosell-shortlist.ts";
export type { GetCosellShortlistInput } from "./scoring/get-cosell-shortlist.ts";
export { getPartnerPerformance, GetPartnerPerformanceInputSchema } from "./scoring/get-partner-performance.ts";
export type { GetPartnerPerformanceInput, PartnerPerformanceResult } from "./scoring/get-partner-performance.ts";
export { estimatePartnerOpportunity, EstimatePartnerOpportunityInputSchema } from "./scoring/estimate-partner-opportunity.ts";
export type { EstimatePartnerOpportunityInput, PartnerSizing } from "./scoring/estimate-partner-opportunity.ts";
export { setPartnerProfile, SetPartnerProfileInputSchema } from "./scoring/set-partner-profile.ts";
export type { SetPartnerProfileInput } from "./scoring/set-partner-profile.ts";
export { recordEngagement, RecordEngagementServiceInputSchema } from "./attribution/record-engagement.ts";
export type { RecordEngagementServiceInput } from "./attribution/record-engagement.ts";
export { recordReferral, RecordReferralServiceInputSchema } from "./attribution/record-referral.ts";
export type { RecordReferralServiceInput } from "./attribution/record-referral.ts";
export { recomputeAttribution, RecomputeAttributionInputSchema } from "./attribution/recompute-attribution.ts";
export type { RecomputeAttributionInput, AttributionRecompute } from "./attribution/recompute-attribution.ts";
export { getAttributionReport, GetAttributionReportInputSchema } from "./attribution/get-attribution-report.ts";
export type { GetAttributionReportInput, AttributionReportView } from "./attribution/get-attribution-report.ts";
export { getOpportunityAttribution, GetOpportunityAttributionInputSchema } from "./attribution/get-opportunity-attribution.ts";
export type { GetOpportunityAttributionInput } from "./attribution/get-opportunity-attribution.ts";
export { overrideAttribution, OverrideAttributionInputSchema } from "./attribution/override-attribution.ts";
export type { OverrideAttributionInput } from "./attribution/override-attribution.ts";
export { listReviewQueue, ListReviewQueueInputSchema } from "./attribution/list-review-queue.ts";
export type { ListReviewQueueInput } from "./attribution/list-review-queue.ts";
export { resolveReviewItem, ResolveReviewItemServiceInputSchema } from "./attribution/resolve-review-item.ts";
export type { ResolveReviewItemServiceInput } from "./attribution/resolve-review-item.ts";
export { getOpportunityTag, GetOpportunityTagInputSchema } from "./attribution/get-opportunity-tag.ts";
export type { GetOpportunityTagInput, OpportunityTagView } from "./attribution/get-opportunity-tag.ts";
export { setOpportunityTag, SetOpportunityTagInputSchema } from "./attribution/set-opportunity-tag.ts";
export type { SetOpportunityTagInput } from "./attribution/set-opportunity-tag.ts";
