import type {
  AttributionConfig,
  AttributionKind,
  AttributionOpportunity,
  AttributionOverride,
  CosellScoreEntry,
  Engagement,
  OverlapPeriod,
  PartnerProfile,
  Referral,
} from "./attribution-inputs.ts";
import { splitCredit } from "./credit-split.ts";
import { dayNumberOf, formatDay, toDayNumber } from "./day-math.ts";
import { convertToOrgCurrency, formatMoney, toMinorUnits, type Money } from "./money.ts";

export type SignalKind = "partner_field" | "lead_source" | "referral" | "introduction" | "overlap" | "engagement";

/** One piece of evidence for a partner's credit. */
export interface AttributionSignal {
  kind: SignalKind;
  /** Day number the signal happened (touch order for first/last splits). */
  day: number;
  text: string;
}

export interface PartnerCredit {
  partnerId: string;
  kind: AttributionKind;
  signals: AttributionSignal[];
  /** Human-readable "why" lines. */
  evidence: string[];
  /** Share of the amount in the org currency; null when the amount is missing or could not be converted. */
  share: Money | null;
}

export type FlagKind = "missing_rate" | "missing_amount" | "missing_created_date" | "missing_close_date";

export interface AttributionFlag {
  kind: FlagKind;
  message: string;
}

export type ReviewKind = "conflicting_sources" | "partner_source_unclear" | "unknown_partner" | "lead_source_disagrees";

/** A conflicting or unclear signal a person must settle (by an override). */
export interface ReviewItem {
  opportunityId: string;
  kind: ReviewKind;
  partnerIds: string[];
  message: string;
}

export interface OpportunityAttribution {
  opportunityId: string;
  accountId: string;
  state: "open" | "won" | "lost";
  createdAt: string | undefined;
  closeDate: string | undefined;
  amount: Money | null;
  /** Amount in the org currency at the close date's rate; null when missing or unconvertible. */
  converted: Money | null;
  credits: PartnerCredit[];
  /** Opportunity-level evidence (conversion, split). */
  evidence: string[];
  flags: AttributionFlag[];
  origin: "computed" | "override";
  override: { reason: string; by: string; at: string } | undefined;
  review: ReviewItem[];
}

/** What is known around one opportunity, already narrowed to its account. */
export interface OpportunityContext {
  partners: ReadonlyMap<string, PartnerProfile>;
  referrals: readonly Referral[];
  engagements: readonly Engagement[];
  overlaps: readonly OverlapPeriod[];
  cosellScores: readonly CosellScoreEntry[];
  /** Overrides for this opportunity; the latest (by `at`) applies. */
  overrides: readonly AttributionOverride[];
}

const INFLUENCING_POPULATIONS = new Set(["customers", "open_opportunities"]);
const POPULATION_TEXT: Record<string, string> = { customers: "customers", open_opportunities: "open opportunities" };

function partnerName(partners: ReadonlyMap<string, PartnerProfile>, id: string): string {
  return partners.get(id)?.name ?? id;
}

function addSignal(map: Map<string, AttributionSignal[]>, partnerId: string, signal: AttributionSignal): void {
  const list = map.get(partnerId);
  if (list) list.push(signal);
  else map.set(partnerId, [signal]);
}

/**
 * Attributes one opportunity: which partners sourced it, which influenced it, each with evidence,
 * the credit split in the org currency, flags for missing data and review items for conflicts.
 * A manual override replaces the computed credits (and settles the review items).
 */
export function attributeOpportunity(
  opp: AttributionOpportunity,
  ctx: OpportunityContext,
  config: AttributionConfig,
  now: Date,
): OpportunityAttribution {
  const flags: AttributionFlag[] = [];
  const review: ReviewItem[] = [];
  const evidence: string[] = [];
  const nowDay = dayNumberOf(now);
  const state = opp.isClosed ? (opp.isWon ? "won" : "lost") : "open";
  const createdDay = opp.createdAt === undefined ? undefined : toDayNumber(opp.createdAt);
  if (createdDay === undefined) {
    flags.push({ kind: "missing_created_date", message: "no created date: referral and influence windows cannot be checked" });
  }
  if (opp.isClosed && opp.closeDate === undefined) {
    flags.push({ kind: "missing_close_date", message: "closed without a close date: influence counted until now" });
  }

  // Money: in minor units, converted at the close date's rate.
  let amount: Money | null = null;
  let converted: Money | null = null;
  if (opp.amount === undefined) {
    flags.push({ kind: "missing_amount", message: "no amount: partners are credited without a value" });
  } else {
    const currency = opp.currency ?? config.orgCurrency;
    if (opp.currency === undefined) evidence.push(`no currency on the opportunity: amount read as ${config.orgCurrency}`);
    amount = { minor: toMinorUnits(opp.amount, currency), currency };
    const conversion = convertToOrgCurrency(amount, config.orgCurrency, opp.closeDate, config.rates);
    if (conversion.ok) {
      converted = conversion.money;
      if (currency !== config.orgCurrency) evidence.push(conversion.evidence);
    } else {
      flags.push({ kind: "missing_rate", message: conversion.reason });
    }
  }

  // Sourced: the partner field, or a referral/intro accepted within the window before creation.
  const sourced = new Map<string, AttributionSignal[]>();
  const lateReferrals: Referral[] = [];
  const signalDay = createdDay ?? nowDay;
  const leadSource = opp.leadSource?.trim();
  const leadSourceIsPartner =
    leadSource !== undefined &&
    config.partnerLeadSources.some((s) => s.trim().toLowerCase() === leadSource.toLowerCase());
  if (opp.partnerId !== undefined) {
    if (!ctx.partners.has(opp.partnerId)) {
      review.push({
        opportunityId: opp.id,
        kind: "unknown_partner",
        partnerIds: [opp.partnerId],
        message: `partner field names '${opp.partnerId}', which is not a known partner`,
      });
    } else {
      addSignal(sourced, opp.partnerId, {
        kind: "partner_field",
        day: signalDay,
        text: `the opportunity's partner field names ${partnerName(ctx.partners, opp.partnerId)}`,
      });
      if (leadSourceIsPartner) {
        addSignal(sourced, opp.partnerId, { kind: "lead_source", day: signalDay, text: `lead source is '${leadSource}'` });
      } else if (leadSource) {
        review.push({
          opportunityId: opp.id,
          kind: "lead_source_disagrees",
          partnerIds: [opp.partnerId],
          message: `partner field names ${partnerName(ctx.partners, opp.partnerId)} but lead source is '${leadSource}'`,
        });
      }
    }
  }
  if (createdDay !== undefined) {
    for (const referral of ctx.referrals) {
      const day = toDayNumber(referral.acceptedAt);
      const before = createdDay - day;
      if (before >= 0 && before <= config.sourcedWindowDays) {
        addSignal(sourced, referral.partnerId, {
          kind: referral.kind,
          day,
          text: `${referral.kind} from ${partnerName(ctx.partners, referral.partnerId)} accepted ${formatDay(day)}, ${before} day${before === 1 ? "" : "s"} before the opportunity was created (window ${config.sourcedWindowDays})`,
        });
      } else if (before < 0) {
        lateReferrals.push(referral);
      }
    }
  }
  if (leadSourceIsPartner && opp.partnerId === undefined && sourced.size > 0) {
    // The lead source backs the referral/intro that names the partner.
    for (const partnerId of sourced.keys()) {
      addSignal(sourced, partnerId, { kind: "lead_source", day: signalDay, text: `lead source is '${leadSource}'` });
    }
  } else if (leadSourceIsPartner && opp.partnerId === undefined) {
    review.push({
      opportunityId: opp.id,
      kind: "partner_source_unclear",
      partnerIds: [],
      message: `lead source is '${leadSource}' but no partner is recorded and no referral was accepted within ${config.sourcedWindowDays} days before creation`,
    });
  }
  if (sourced.size > 1) {
    const ids = [...sourced.keys()].sort();
    review.push({
      opportunityId: opp.id,
      kind: "conflicting_sources",
      partnerIds: ids,
      message: `several partners claim to have sourced it: ${ids.map((id) => partnerName(ctx.partners, id)).join(", ")}`,
    });
  }

  // Influenced: not sourced by the partner, overlapping during the open period (plus engagement).
  const influenced = new Map<string, AttributionSignal[]>();
  if (createdDay !== undefined) {
    const start = createdDay - config.influenceLookbackDays;
    const end = opp.isClosed && opp.closeDate !== undefined ? toDayNumber(opp.closeDate) : nowDay;
    const inWindow = (day: number) => day >= start && day <= end;
    const overlapSignals = new Map<string, AttributionSignal[]>();
    for (const period of ctx.overlaps) {
      if (sourced.has(period.partnerId) || !INFLUENCING_POPULATIONS.has(period.partnerPopulation)) continue;
      const from = toDayNumber(period.from);
      const to = period.to === undefined ? Number.POSITIVE_INFINITY : toDayNumber(period.to);
      if (from > end || to < start) continue;
      addSignal(overlapSignals, period.partnerId, {
        kind: "overlap",
        day: Math.max(from, start),
        text: `account was in ${partnerName(ctx.partners, period.partnerId)}'s ${POPULATION_TEXT[period.partnerPopulation] ?? period.partnerPopulation} from ${formatDay(from)}${period.to === undefined ? "" : ` to ${formatDay(to)}`}`,
      });
    }
    for (const [partnerId, signals] of overlapSignals) {
      const engagements: AttributionSignal[] = [];
      for (const engagement of ctx.engagements) {
        if (engagement.partnerId !== partnerId) continue;
        if (engagement.opportunityId !== undefined && engagement.opportunityId !== opp.id) continue;
        const day = toDayNumber(engagement.at);
        if (!inWindow(day)) continue;
        engagements.push({ kind: "engagement", day, text: `${engagement.kind.replace("_", " ")} with ${partnerName(ctx.partners, partnerId)} on ${formatDay(day)}` });
      }
      for (const referral of lateReferrals) {
        if (referral.partnerId !== partnerId) continue;
        const day = toDayNumber(referral.acceptedAt);
        if (!inWindow(day)) continue;
        engagements.push({ kind: "engagement", day, text: `${referral.kind} from ${partnerName(ctx.partners, partnerId)} accepted ${formatDay(day)}, after the opportunity was created` });
      }
      if (config.influenceMode === "engaged" && engagements.length === 0) continue;
      influenced.set(partnerId, [...signals, ...engagements].sort((a, b) => a.day - b.day));
    }
  }

  let credits = [...toCredits(sourced, "sourced"), ...toCredits(influenced, "influenced")];
  let origin: OpportunityAttribution["origin"] = "computed";
  let override: OpportunityAttribution["override"];
  const latestOverride = [...ctx.overrides].sort((a, b) => Date.parse(b.at) - Date.parse(a.at))[0];
  if (latestOverride) {
    origin = "override";
    override = { reason: latestOverride.reason, by: latestOverride.by, at: latestOverride.at };
    const computed = new Map(credits.map((c) => [`${c.kind}:${c.partnerId}`, c]));
    credits = latestOverride.credits.map((oc) => {
      const line = `manual override by ${latestOverride.by} on ${formatDay(toDayNumber(latestOverride.at))}: ${latestOverride.reason}`;
      const prior = computed.get(`${oc.kind}:${oc.partnerId}`);
      return { partnerId: oc.partnerId, kind: oc.kind, signals: prior?.signals ?? [], evidence: [line, ...(prior?.evidence ?? [])], share: null };
    });
    evidence.push(`computed attribution replaced by a manual override (${latestOverride.reason})`);
    review.length = 0;
  }

  // Split each kind's credit so that the shares sum to the converted amount.
  const weightOf = (partnerId: string) => ctx.cosellScores.find((s) => s.partnerId === partnerId)?.score ?? 0;
  for (const kind of ["sourced", "influenced"] as const) {
    const ofKind = credits.filter((c) => c.kind === kind);
    if (ofKind.length === 0) continue;
    const overrideWeights = latestOverride?.credits.filter((c) => c.kind === kind);
    const useOverrideWeights = overrideWeights?.some((c) => c.weight !== undefined) ?? false;
    const method = latestOverride ? (useOverrideWeights ? "weighted" : "equal") : config.split;
    const candidates = ofKind.map((c) => ({
      partnerId: c.partnerId,
      touchDay: c.signals.length > 0 ? Math.min(...c.signals.map((s) => s.day)) : signalDay,
      weight: useOverrideWeights
        ? (overrideWeights?.find((o) => o.partnerId === c.partnerId)?.weight ?? 0)
        : weightOf(c.partnerId),
    }));
    const split = splitCredit(converted?.minor ?? 0, candidates, method);
    evidence.push(`${kind}: ${split.evidence}`);
    for (const share of split.shares) {
      const credit = ofKind.find((c) => c.partnerId === share.partnerId)!;
      credit.share = converted ? { minor: share.minor, currency: converted.currency } : null;
      if (credit.share) credit.evidence.push(`${kind} credit ${formatMoney(credit.share)}`);
    }
  }

  return {
    opportunityId: opp.id,
    accountId: opp.accountId,
    state,
    createdAt: opp.createdAt,
    closeDate: opp.closeDate,
    amount,
    converted,
    credits,
    evidence,
    flags,
    origin,
    override,
    review,
  };
}

function toCredits(map: Map<string, AttributionSignal[]>, kind: AttributionKind): PartnerCredit[] {
  return [...map.entries()]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([partnerId, signals]) => ({ partnerId, kind, signals, evidence: signals.map((s) => s.text), share: null }));
}
