export { AppError, describeError, isAppError } from "./errors.ts";
export type { AppErrorCode } from "./errors.ts";

export { AccountSchema, AccountStatusSchema } from "./model/account.ts";
export type { Account, AccountStatus } from "./model/account.ts";
export { OpportunitySchema, CurrencyCodeSchema, DateTextSchema } from "./model/opportunity.ts";
export type { Opportunity } from "./model/opportunity.ts";
export { OrganizationSchema } from "./model/organization.ts";
export type { Organization } from "./model/organization.ts";
export {
  PopulationSchema,
  PopulationFilterSchema,
  FilterConditionSchema,
  FilterOperatorSchema,
  StandardPopulationKeySchema,
} from "./model/population.ts";
export type {
  Population,
  PopulationFilter,
  FilterCondition,
  FilterOperator,
  StandardPopulationKey,
} from "./model/population.ts";
export { SharingLevelSchema, SharingRuleSchema } from "./model/sharing.ts";
export type { SharingLevel, SharingRule } from "./model/sharing.ts";
export { PartnershipSchema, PartnershipStatusSchema, PartnerSchema } from "./model/partnership.ts";
export type { Partnership, PartnershipStatus, Partner } from "./model/partnership.ts";
export { OverlapSchema, MatchRelationSchema } from "./model/overlap.ts";
export type { Overlap, MatchRelation } from "./model/overlap.ts";

export { registrableDomain } from "./normalize/domain.ts";

export {
  computeOverlapMatrix,
  recommendPlay,
  strongestStatus,
  standardPopulationOf,
  STANDARD_POPULATIONS,
  STANDARD_POPULATION_LABELS,
} from "./mapping/overlap-matrix.ts";
export type { OverlapMatrix, OverlapMatrixCell, MatrixCompany } from "./mapping/overlap-matrix.ts";
export { findDomainOverlaps } from "./mapping/domain-overlaps.ts";
export { groupMatchedCompanies } from "./mapping/matched-companies.ts";
export type { MatchedCompany } from "./mapping/matched-companies.ts";
export type { DomainOverlap } from "./mapping/domain-overlaps.ts";

// issue 8: scoring and attribution (co-sell score, quadrants, partner performance, sizing,
// sourced/influenced attribution, credit splits, money, reports, influencing-partner tags)
export { UnknownReasonSchema, sharedFactSchema, knownFact, unknownFact, describeUnknown } from "./scoring/shared-fact.ts";
export type { UnknownReason, SharedFact } from "./scoring/shared-fact.ts";
export { CosellConfigSchema, CosellWeightsSchema, DEFAULT_TIER_SCORES } from "./scoring/cosell-config.ts";
export type { CosellConfig, CosellConfigInput, CosellWeights } from "./scoring/cosell-config.ts";
export {
  CosellFactsSchema,
  computeCosellScore,
  scoreTier,
  formatScore,
  describeCosellScore,
} from "./scoring/cosell-score.ts";
export type { CosellFacts, CosellScore, CosellComponent, ScoreCompleteness } from "./scoring/cosell-score.ts";
export { compareCosellScores, pickBestPartners } from "./scoring/best-partner.ts";
export { QUADRANT_ADVICE, classifyQuadrant, buildCosellShortlist } from "./scoring/cosell-quadrants.ts";
export type {
  CosellQuadrant,
  IcpAccount,
  QuadrantThresholdsInput,
  ShortlistEntry,
  CosellShortlist,
} from "./scoring/cosell-quadrants.ts";
export { PartnerPerformanceOptionsSchema, computePartnerPerformance } from "./scoring/partner-performance.ts";
export type { PartnerPerformanceOptions, PartnerPerformance, CohortStats } from "./scoring/partner-performance.ts";
export { SizingInputSchema, sizePartnerOpportunity } from "./scoring/opportunity-sizing.ts";
export type { SizingInput, OpportunitySizing } from "./scoring/opportunity-sizing.ts";
export { parseInput } from "./scoring/parse-input.ts";
export {
  ExchangeRateSchema,
  currencyDigits,
  toMinorUnits,
  fromMinorUnits,
  formatMoney,
  convertToOrgCurrency,
} from "./attribution/money.ts";
export type { Money, ExchangeRate, ConversionResult } from "./attribution/money.ts";
export { SplitMethodSchema, distributeLargestRemainder, splitCredit } from "./attribution/credit-split.ts";
export type { SplitMethod, SplitCandidate, SplitShare } from "./attribution/credit-split.ts";
export {
  PartnerProfileSchema,
  ReferralSchema,
  EngagementSchema,
  OverlapPeriodSchema,
  AttributionKindSchema,
  AttributionOverrideSchema,
  CosellScoreEntrySchema,
  AttributionConfigSchema,
} from "./attribution/attribution-inputs.ts";
export type {
  PartnerProfile,
  Referral,
  Engagement,
  OverlapPeriod,
  AttributionKind,
  AttributionOverride,
  CosellScoreEntry,
  AttributionOpportunity,
  AttributionConfig,
  AttributionConfigInput,
} from "./attribution/attribution-inputs.ts";
export { attributeOpportunity } from "./attribution/attribute-opportunity.ts";
export type {
  OpportunityAttribution,
  OpportunityContext,
  PartnerCredit,
  AttributionSignal,
  SignalKind,
  AttributionFlag,
  FlagKind,
  ReviewItem,
  ReviewKind,
} from "./attribution/attribute-opportunity.ts";
export { attributeOpportunities } from "./attribution/attribute-opportunities.ts";
export type { AttributionInput, AttributionRun } from "./attribution/attribute-opportunities.ts";
export { ReportPeriodSchema, periodOf, buildAttributionReport } from "./attribution/attribution-report.ts";
export type { ReportPeriod, AttributionReport, AttributionReportRow } from "./attribution/attribution-report.ts";
export { ManualPartnerTagSchema, tagInfluencingPartners } from "./attribution/influencing-partner.ts";
export type { ManualPartnerTag, InfluencingPartnerTag, TaggingInput } from "./attribution/influencing-partner.ts";

// issue 6: populations and sharing (pure engine: population filters, the one sharing policy, symmetric counts, safe CSV)
export { validatePopulationFilter, parsePopulationFilter } from "./populations/validate-filter.ts";
export type { FilterIssue, FilterValidation } from "./populations/validate-filter.ts";
export { compilePopulationFilter, evaluatePopulationFilter, groupAccountSubjects } from "./populations/evaluate-filter.ts";
export type { AccountSubject, EvaluateOptions } from "./populations/evaluate-filter.ts";
export { createAccountFieldReader, ACCOUNT_FIELD_KINDS, OPPORTUNITY_FIELD_KINDS } from "./populations/fields.ts";
export type { FieldValue, FieldKind } from "./populations/fields.ts";
export { PopulationSourceSchema, defaultStandardFilter, defaultStandardPopulations } from "./populations/standard-populations.ts";
export type { PopulationSource, StandardPopulationRule } from "./populations/standard-populations.ts";
export { assignPopulations, compilePopulationAssigner, countPopulation } from "./populations/assign-populations.ts";
export type { PopulationRule } from "./populations/assign-populations.ts";
export { decideVisibility, SHARING_LEVEL_RANK } from "./sharing/decide-visibility.ts";
export type { DataOwner, PopulationGrant, SharedLevel, ViewPermission, VisibilityInput, VisibilityReason } from "./sharing/decide-visibility.ts";
export { applySharingPolicy, listDisclosures } from "./sharing/apply-sharing-policy.ts";
export type { SharingData, SharedView, SharedPopulation, SharedRecord, Disclosure, OverlapCompanyIds } from "./sharing/apply-sharing-policy.ts";
export { countSharedOverlaps } from "./sharing/count-shared-overlaps.ts";
export type { OverlapCompanyRecords, OverlapSideRecord, SharedOverlapCell } from "./sharing/count-shared-overlaps.ts";
export { neutralizeSpreadsheetCell, formatCsvCell, formatCsv, formatSharedViewCsv } from "./sharing/export-csv.ts";
export type { CsvCell } from "./sharing/export-csv.ts";

// Matching engine: normalization and account matching (issue 3).
export { normalizeCompanyName } from "./normalize/company-name.ts";
export type { NormalizedCompanyName } from "./normalize/company-name.ts";
export { companyDomain, brandStem, isFreeMailDomain, isPlatformDomain } from "./normalize/company-domain.ts";
export { normalizePhone } from "./normalize/phone.ts";
export type { NormalizedPhone } from "./normalize/phone.ts";
export { normalizeCountry } from "./normalize/country.ts";
export { normalizeStreetAddress, normalizePostalCode } from "./normalize/address.ts";
export { matchAccounts, mirrorOverrides } from "./matching/match-accounts.ts";
export { matchRecordOf } from "./matching/match-record.ts";
export { createMatchIndex } from "./matching/match-index.ts";
export type { MatchIndex, MatchSideUpdate } from "./matching/match-index.ts";
export { createMatchSpace } from "./matching/match-space.ts";
export type { MatchScopeDefinition, MatchSpace, MatchSpaceOptions } from "./matching/match-space.ts";
export { prepareMatchSide } from "./matching/prepare-side.ts";
export type { PreparedMatchSide, PrepareOptions } from "./matching/prepare-side.ts";
export type {
  MatchRecord,
  MatchOptions,
  MatchProgress,
  MatchOverride,
  RecordSelector,
  MatchPair,
  MatchPairRelation,
  MatchResult,
  MatchSummary,
  MatchSideSummary,
  MatchChanges,
} from "./matching/types.ts";

// issue 6: partnership lifecycle (status transitions and who may take each action)
export { canChangePartnershipStatus, decidePartnershipAction } from "./partnerships/partnership-transitions.ts";
export type { PartnershipAction } from "./partnerships/partnership-transitions.ts";
