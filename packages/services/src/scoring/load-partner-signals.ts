import { knownFact, scoreTier, unknownFact } from "@mutual/core";
import type { CosellConfig, CosellFacts, Partner, SharedFact, SharedLevel, SharedView, ViewPermission } from "@mutual/core";
import { populations } from "@mutual/db";
import type { CurrentOverlap, DisclosureChannel } from "@mutual/db";
import { inArray } from "drizzle-orm";
import type { ServiceContext } from "../context.ts";
import { readSharedView } from "../internal/read-shared-view.ts";

/** What one partner shares with my org, reduced to what scoring and attribution read. */
export interface PartnerSignals {
  partnerId: string;
  /** Co-sell facts for each of `accountIds` (explicit unknowns where the partner does not share). */
  facts: CosellFacts[];
  /** My accounts currently in the partner's customers / open opportunities, as the partner shares it. */
  currentOverlaps: CurrentOverlap[];
  /** My accounts matched to at least one of the partner's visible records. */
  overlappingAccountIds: Set<string>;
  /**
   * Overlaps for sizing: my accounts matched to a visible record, plus the overlap counts of the
   * populations shared as counts only (a company in two counts-only populations counts twice).
   */
  overlapCount: number;
  /** False when the partner shares no record (only counts, or nothing). */
  recordsVisible: boolean;
}

const INFLUENCING_KEYS = ["customers", "open_opportunities"] as const;

/** Standard key of each population id (offline lists use the keys as ids). */
function loadStandardKeys(ctx: ServiceContext, view: SharedView, offline: boolean): Map<string, string> {
  const ids = view.populations.map((p) => p.populationId);
  if (offline) return new Map(ids.map((id) => [id, id]));
  if (ids.length === 0) return new Map();
  const rows = ctx.db
    .select({ id: populations.id, standardKey: populations.standardKey })
    .from(populations)
    .where(inArray(populations.id, ids))
    .all();
  return new Map(rows.flatMap((row) => (row.standardKey === null ? [] : [[row.id, row.standardKey] as const])));
}

function shareFact<T>(level: SharedLevel | undefined, label: string, value: () => T): SharedFact<T> {
  if (level === undefined) return unknownFact("not_shared", `${label} not shared`);
  if (level === "counts") return unknownFact("counts_only", `${label} shared as counts only`);
  return knownFact(value());
}

/**
 * Reads a partner's data for my org ONLY through the services' sharing read path (readSharedView:
 * decideVisibility + applySharingPolicy + the disclosure audit log) and derives, per account of mine,
 * the co-sell facts and the overlaps that count for influence. Nothing else about the partner is read.
 */
export async function loadPartnerSignals(
  ctx: ServiceContext,
  input: { orgId: string; partner: Partner; accountIds: readonly string[]; config: CosellConfig; channel?: DisclosureChannel },
): Promise<PartnerSignals> {
  const { partner, orgId } = input;
  const offline = partner.kind === "offline";
  const { view, permission } = await readSharedView(ctx, {
    viewerOrgId: orgId,
    channel: input.channel ?? "api",
    partner: offline ? { offlinePartnerId: partner.id } : { orgId: partner.partnerOrgId },
  });
  const keyOf = loadStandardKeys(ctx, view, offline);
  const levelOf = new Map<string, SharedLevel>();
  for (const population of view.populations) {
    const key = keyOf.get(population.populationId);
    if (key !== undefined) levelOf.set(key, population.level);
  }
  const tierShared = isFieldShared(permission, "tier");

  // Per account of mine: the partner's visible overlapping records (their population keys and tier).
  const byAccount = new Map<string, { keys: string[]; tier: string | undefined }[]>();
  const currentOverlaps: CurrentOverlap[] = [];
  for (const record of view.records) {
    if (!record.overlapping) continue;
    const keys = record.populationIds.flatMap((id) => keyOf.get(id) ?? []);
    const tierValue = record.fields.tier;
    const tier = typeof tierValue === "string" && tierValue.trim() !== "" ? tierValue.trim() : undefined;
    for (const accountId of record.viewerAccountIds) {
      const list = byAccount.get(accountId) ?? [];
      list.push({ keys, tier });
      byAccount.set(accountId, list);
      for (const key of INFLUENCING_KEYS) {
        if (keys.includes(key)) currentOverlaps.push({ partnerId: partner.id, accountId, partnerPopulation: key });
      }
    }
  }

  const facts = input.accountIds.map((accountId): CosellFacts => {
    const records = byAccount.get(accountId) ?? [];
    const inPopulation = (key: string) => records.filter((r) => r.keys.includes(key)).length;
    let partnerTier: SharedFact<string>;
    if (!tierShared) partnerTier = unknownFact("not_shared", "tier field not shared");
    else if (records.length === 0) partnerTier = knownFact(""); // not in the partner's shared lists: no tier
    else {
      const tiers = records.flatMap((r) => (r.tier === undefined ? [] : [r.tier]));
      const best = tiers.sort((a, b) => scoreTier(b, input.config.tiers).score - scoreTier(a, input.config.tiers).score)[0];
      partnerTier = best === undefined ? unknownFact("missing_value", "no tier on the partner's record") : knownFact(best);
    }
    return {
      accountId,
      partnerId: partner.id,
      partnerCustomer: shareFact(levelOf.get("customers"), "customers population", () => inPopulation("customers") > 0),
      // Sharing reveals accounts, not opportunities: each overlapping record in the partner's Open
      // Opportunities population counts as one open opportunity (a lower bound).
      partnerOpenOpps: shareFact(levelOf.get("open_opportunities"), "open opportunities population", () =>
        inPopulation("open_opportunities"),
      ),
      partnerTier,
    };
  });

  const recordsVisible = permission.access === "owner" || view.populations.some((p) => p.level !== "counts");
  const overlappingAccountIds = new Set(byAccount.keys());
  const countsOnly = view.populations.filter((p) => p.level === "counts").reduce((n, p) => n + p.overlapCompanies, 0);
  return {
    partnerId: partner.id,
    facts,
    currentOverlaps,
    overlappingAccountIds,
    overlapCount: overlappingAccountIds.size + countsOnly,
    recordsVisible,
  };
}

/** Whether any grant that shows records allowlists `field` (the owner sees every field). */
function isFieldShared(permission: ViewPermission, field: string): boolean {
  if (permission.access === "owner") return true;
  return permission.grants.some((g) => g.level !== "counts" && g.fields.some((f) => f.toLowerCase() === field));
}
