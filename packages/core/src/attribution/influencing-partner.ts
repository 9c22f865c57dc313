import { z } from "zod";
import { DateTextSchema } from "../model/opportunity.ts";
import type { CosellScoreEntry, PartnerProfile } from "./attribution-inputs.ts";
import type { OpportunityAttribution } from "./attribute-opportunity.ts";
import { dayNumberOf, formatDay } from "./day-math.ts";

/** A person's choice of influencing partner on one opportunity; it always wins. */
export const ManualPartnerTagSchema = z.object({
  opportunityId: z.string().min(1),
  partnerId: z.string().min(1),
  assignedAt: DateTextSchema,
  notes: z.string().optional(),
  by: z.string().min(1),
});
export type ManualPartnerTag = z.infer<typeof ManualPartnerTagSchema>;

/** The partner written onto the opportunity in the CRM. */
export interface InfluencingPartnerTag {
  opportunityId: string;
  partnerId: string;
  partnerName: string;
  partnerType: string | undefined;
  partnerManager: string | undefined;
  /** YYYY-MM-DD; kept from the previous tag while the chosen partner stays the same. */
  assignedAt: string;
  notes: string;
  origin: "computed" | "manual";
  /** Number of evidence signals behind a computed choice. */
  evidenceCount: number;
}

export interface TaggingInput {
  attributions: readonly OpportunityAttribution[];
  partners: readonly PartnerProfile[];
  cosellScores?: readonly CosellScoreEntry[];
  manualTags?: readonly ManualPartnerTag[];
  /** The tags written last time, so an unchanged choice keeps its assigned date. */
  previousTags?: readonly Pick<InfluencingPartnerTag, "opportunityId" | "partnerId" | "assignedAt">[];
}

/**
 * Picks the influencing partner of each open opportunity: the partner with the most evidence
 * (sourced and influenced signals together), ties broken by co-sell score on the account, then id.
 * Open opportunities without a credited partner and without a manual tag get no tag.
 */
export function tagInfluencingPartners(input: TaggingInput, now: Date): InfluencingPartnerTag[] {
  const partners = new Map(input.partners.map((p) => [p.id, p]));
  const manual = new Map((input.manualTags ?? []).map((t) => [t.opportunityId, t]));
  const previous = new Map((input.previousTags ?? []).map((t) => [t.opportunityId, t]));
  const scoreOf = (accountId: string, partnerId: string) =>
    input.cosellScores?.find((s) => s.accountId === accountId && s.partnerId === partnerId)?.score ?? 0;
  const today = formatDay(dayNumberOf(now));
  const describe = (partnerId: string) => {
    const profile = partners.get(partnerId);
    return { partnerName: profile?.name ?? partnerId, partnerType: profile?.type, partnerManager: profile?.manager };
  };

  const tags: InfluencingPartnerTag[] = [];
  for (const attribution of input.attributions) {
    if (attribution.state !== "open") continue;
    const manualTag = manual.get(attribution.opportunityId);
    if (manualTag) {
      tags.push({
        opportunityId: attribution.opportunityId,
        partnerId: manualTag.partnerId,
        ...describe(manualTag.partnerId),
        assignedAt: manualTag.assignedAt.slice(0, 10),
        notes: manualTag.notes ?? `tagged by ${manualTag.by}`,
        origin: "manual",
        evidenceCount: 0,
      });
      continue;
    }
    const byPartner = new Map<string, string[]>();
    for (const credit of attribution.credits) {
      const lines = credit.signals.map((s) => s.text);
      byPartner.set(credit.partnerId, [...(byPartner.get(credit.partnerId) ?? []), ...lines]);
    }
    const ranked = [...byPartner.entries()].sort(
      ([a, aLines], [b, bLines]) =>
        bLines.length - aLines.length ||
        scoreOf(attribution.accountId, b) - scoreOf(attribution.accountId, a) ||
        (a < b ? -1 : a > b ? 1 : 0),
    );
    const chosen = ranked[0];
    if (!chosen) continue;
    const [partnerId, lines] = chosen;
    const prior = previous.get(attribution.opportunityId);
    tags.push({
      opportunityId: attribution.opportunityId,
      partnerId,
      ...describe(partnerId),
      assignedAt: prior && prior.partnerId === partnerId ? prior.assignedAt : today,
      notes: lines.join("; "),
      origin: "computed",
      evidenceCount: lines.length,
    });
  }
  return tags;
}
