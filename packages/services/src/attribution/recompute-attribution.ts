import { attributeOpportunities, tagInfluencingPartners } from "@mutual/core";
import type { CosellScoreEntry, PartnerProfile } from "@mutual/core";
import {
  DisclosureChannelSchema,
  getOrganization,
  listAttributionOverrides,
  listEngagements,
  listExchangeRates,
  listInfluencingPartnerTags,
  listManualPartnerTags,
  listOverlapPeriods,
  listPartnerProfiles,
  listReferrals,
  replaceAttributions,
  replaceInfluencingPartnerTags,
  syncOverlapPeriods,
  syncReviewItems,
} from "@mutual/db";
import { z } from "zod";
import { readClock, type ServiceContext } from "../context.ts";
import { parseServiceInput } from "../internal/parse-input.ts";
import { collectPartnerScores } from "../scoring/collect-partner-scores.ts";
import { loadOwnOpportunities } from "./load-own-opportunities.ts";

export const RecomputeAttributionInputSchema = z.object({
  orgId: z.string().min(1),
  /** The moment of the recompute (overlap history day, influence "until now"); defaults to the context clock. */
  now: z.date().optional(),
  /** Recorded on the disclosure audit entries of the partners' data read for it (the worker may pass crm_push). */
  channel: DisclosureChannelSchema.default("api"),
});
export type RecomputeAttributionInput = z.input<typeof RecomputeAttributionInputSchema>;

export interface AttributionRecompute {
  opportunities: number;
  credited: number;
  flagged: number;
  openReviewItems: number;
  tags: number;
  overlapPeriods: { opened: number; closed: number };
}

/**
 * Recomputes the org's attributions, review queue and influencing-partner tags. Reads partners'
 * data only through the sharing read path, updates the overlap history from it (today's overlaps
 * open periods, vanished ones close), then attributes every live opportunity. Manual overrides and
 * manual tags are inputs, so they survive every recompute. The sync worker calls this after overlaps
 * change; overrides and manual tags call it too.
 */
export async function recomputeAttribution(ctx: ServiceContext, input: RecomputeAttributionInput): Promise<AttributionRecompute> {
  const parsed = parseServiceInput(RecomputeAttributionInputSchema, input, "attribution recompute");
  const now = parsed.now ?? readClock(ctx);
  const scopedCtx: ServiceContext = { ...ctx, now: () => now };
  const { orgId } = parsed;
  const organization = await getOrganization(ctx.db, orgId);
  const { partners, settings, signals, scores } = await collectPartnerScores(scopedCtx, { orgId, channel: parsed.channel });

  const day = now.toISOString().slice(0, 10);
  const overlapPeriods = await syncOverlapPeriods(
    ctx.db,
    orgId,
    partners.map((p) => p.id),
    signals.flatMap((s) => s.currentOverlaps),
    day,
  );

  const profiles = new Map((await listPartnerProfiles(ctx.db, orgId)).map((p) => [p.partnerId, p]));
  const partnerProfiles: PartnerProfile[] = partners.map((p) => {
    const profile = profiles.get(p.id);
    return {
      id: p.id,
      name: p.name,
      ...(profile?.type !== undefined && { type: profile.type }),
      ...(profile?.manager !== undefined && { manager: profile.manager }),
    };
  });
  const cosellScores: CosellScoreEntry[] = scores.flatMap((s) =>
    s.score === null ? [] : [{ accountId: s.accountId, partnerId: s.partnerId, score: s.score }],
  );

  const run = attributeOpportunities(
    {
      opportunities: loadOwnOpportunities(ctx, orgId, partners),
      partners: partnerProfiles,
      referrals: await listReferrals(ctx.db, orgId),
      engagements: await listEngagements(ctx.db, orgId),
      overlaps: await listOverlapPeriods(ctx.db, orgId),
      cosellScores,
      overrides: await listAttributionOverrides(ctx.db, orgId),
    },
    { ...settings.attribution, orgCurrency: organization.currency, rates: await listExchangeRates(ctx.db, orgId) },
    now,
  );
  await replaceAttributions(ctx.db, orgId, run.attributions, { now });
  await syncReviewItems(ctx.db, orgId, run.reviewQueue, { now });

  const tags = tagInfluencingPartners(
    {
      attributions: run.attributions,
      partners: partnerProfiles,
      cosellScores,
      manualTags: await listManualPartnerTags(ctx.db, orgId),
      previousTags: await listInfluencingPartnerTags(ctx.db, orgId),
    },
    now,
  );
  await replaceInfluencingPartnerTags(ctx.db, orgId, tags, { now });

  return {
    opportunities: run.attributions.length,
    credited: run.attributions.filter((a) => a.credits.length > 0).length,
    flagged: run.attributions.filter((a) => a.flags.length > 0).length,
    openReviewItems: run.reviewQueue.length,
    tags: tags.length,
    overlapPeriods,
  };
}
