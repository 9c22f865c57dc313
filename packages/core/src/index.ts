export { AppError, isAppError } from "./errors.ts";
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
export type { DomainOverlap } from "./mapping/domain-overlaps.ts";
