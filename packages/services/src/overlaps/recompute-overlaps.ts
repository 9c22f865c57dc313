import { createMatchIndex, prepareMatchSide, type PreparedMatchSide } from "@mutual/core";
import type { MatchPair, Overlap } from "@mutual/core";
import { partners, partnerships, writeOverlapsWithDiff } from "@mutual/db";
import type { Db, OverlapDiff, OverlapWrite } from "@mutual/db";
import { and, eq, or } from "drizzle-orm";
import { z } from "zod";
import { readClock, type ServiceContext } from "../context.ts";
import { assignAccountPopulations, loadAccounts, loadPopulationRules, type AccountOwner } from "../internal/load-accounts.ts";
import { parseServiceInput } from "../internal/parse-input.ts";
import { overlapIndexKey } from "./create-overlap-index-cache.ts";

export const RecomputeOverlapsInputSchema = z.object({
  orgId: z.string().min(1),
  /**
   * The org's accounts that changed (created, updated, deleted, or whose opportunities changed).
   * With a cached match index only those are re-matched; without one, every scope of the org is
   * recomputed in full. Omit for a full recompute.
   */
  changedAccountIds: z.array(z.string().min(1)).optional(),
  /** Limit the recompute to one scope of the org. */
  only: z.union([z.object({ partnershipId: z.string().min(1) }).strict(), z.object({ offlinePartnerId: z.string().min(1) }).strict()]).optional(),
});
export type RecomputeOverlapsInput = z.input<typeof RecomputeOverlapsInputSchema>;

/** How many stored overlaps of one org's view of a scope were created, removed or changed populations. */
export type OverlapChangeCounts = { orgId: string; created: number; removed: number; populationChanged: number };

export interface ScopeRecompute {
  partnershipId?: string;
  offlinePartnerId?: string;
  mode: "full" | "incremental";
  /** Overlap pairs of the scope after the recompute. */
  pairs: number;
  /** Per org whose view of the scope was written (the org, and the partner org of a partnership). */
  changes: OverlapChangeCounts[];
}

export interface RecomputeOverlapsHooks {
  /**
   * Called once per scope with what changed, INSIDE the transaction that writes the scope's overlaps
   * (both orgs' views): append outbox events with `tx` so they commit or roll back with the overlaps.
   * Synchronous, like the transaction; a throw rolls the scope back and fails the recompute.
   */
  onChanges?: (tx: Db, diffs: readonly OverlapDiff[]) => void;
}

/** A scope to recompute: the left list's owner, the right list's owner, and where each side's view is stored. */
interface Target {
  key: string;
  ref: { partnershipId: string } | { offlinePartnerId: string };
  left: AccountOwner;
  right: AccountOwner;
  /** Right-side org id when the right side is an org (it gets its own mirrored scope). */
  rightOrgScope: boolean;
}

/**
 * Recomputes the stored overlaps of an org against each active partner org and each offline
 * partner, with the matching engine. Full: match both lists, replace each side's scope. Incremental
 * (changed accounts and a cached index): re-match only the changed accounts and rewrite the overlaps
 * of the accounts whose pairs or populations changed. Each scope (both orgs' views) is written in one
 * transaction that also runs `hooks.onChanges` with the diff, so the sync worker appends its domain
 * events atomically with the overlaps they describe. The results count the changes per org.
 */
export async function recomputeOverlaps(
  ctx: ServiceContext,
  input: RecomputeOverlapsInput,
  hooks: RecomputeOverlapsHooks = {},
): Promise<ScopeRecompute[]> {
  const parsed = parseServiceInput(RecomputeOverlapsInputSchema, input, "overlap recompute");
  const now = readClock(ctx);
  const targets = listTargets(ctx.db, parsed.orgId).filter(
    (target) => parsed.only === undefined || JSON.stringify(target.ref) === JSON.stringify(parsed.only),
  );
  const results: ScopeRecompute[] = [];
  // The org's own list is the same for every scope: load it and assign its populations once per call.
  const loadedLists = new Map<string, ReturnType<typeof populationsOf>>();
  const loadList = (owner: AccountOwner) => {
    const key = `${owner.orgId}\u0000${owner.offlinePartnerId ?? ""}`;
    let list = loadedLists.get(key);
    if (!list) loadedLists.set(key, (list = populationsOf(ctx.db, owner, now)));
    return list;
  };
  // ... and normalized once for the matcher, however many partners it is matched against.
  const preparedSides = new Map<ReturnType<typeof populationsOf>, PreparedMatchSide>();
  const prepare = (list: ReturnType<typeof populationsOf>) => {
    let prepared = preparedSides.get(list);
    if (!prepared) preparedSides.set(list, (prepared = prepareMatchSide(list.loaded.matchRecords)));
    return prepared;
  };
  for (const target of targets) {
    const cached = ctx.overlapIndexes?.get(target.key);
    try {
      const { writes, ...result } =
        parsed.changedAccountIds !== undefined && cached
          ? recomputeIncrementally(ctx, target, parsed.orgId, parsed.changedAccountIds, now)
          : recomputeFully(ctx, target, loadList, prepare, now);
      // Both orgs' views of the scope and the caller's events in one transaction.
      const diffs = await writeOverlapsWithDiff(ctx.db, writes, { now, onWritten: hooks.onChanges });
      results.push({ ...target.ref, ...result, changes: diffs.map(countChanges) });
    } catch (error) {
      // The cached index may already hold changes that were not stored: match the scope in full next time.
      ctx.overlapIndexes?.delete(target.key);
      throw error;
    }
  }
  return results;
}

function countChanges(diff: OverlapDiff): OverlapChangeCounts {
  return { orgId: diff.scope.orgId, created: diff.created.length, removed: diff.removed.length, populationChanged: diff.populationChanged.length };
}

/** What a scope recompute found: the overlaps to write, without writing them yet. */
type ScopePlan = { mode: "full" | "incremental"; pairs: number; writes: OverlapWrite[] };

function listTargets(db: Db, orgId: string): Target[] {
  const active = db
    .select()
    .from(partnerships)
    .where(and(eq(partnerships.status, "active"), or(eq(partnerships.inviterOrgId, orgId), eq(partnerships.inviteeOrgId, orgId))))
    .all();
  const offline = db
    .select()
    .from(partners)
    .where(and(eq(partners.ownerOrgId, orgId), eq(partners.kind, "offline")))
    .all();
  return [
    ...active.map((p): Target => ({
      key: overlapIndexKey({ partnershipId: p.id }),
      ref: { partnershipId: p.id },
      left: { orgId: p.inviterOrgId },
      right: { orgId: p.inviteeOrgId },
      rightOrgScope: true,
    })),
    ...offline.map((p): Target => ({
      key: overlapIndexKey({ offlinePartnerId: p.id }),
      ref: { offlinePartnerId: p.id },
      left: { orgId },
      right: { orgId, offlinePartnerId: p.id },
      rightOrgScope: false,
    })),
  ];
}

type Populations = Map<string, string[]>;

function toOverlap(pair: MatchPair, mine: "left" | "right", left: Populations, right: Populations): Overlap {
  const [mineId, partnerId] = mine === "left" ? [pair.leftId, pair.rightId] : [pair.rightId, pair.leftId];
  const [minePops, partnerPops] = mine === "left" ? [left, right] : [right, left];
  return {
    mineAccountId: mineId,
    partnerAccountId: partnerId,
    relation: pair.relation,
    confidence: pair.confidence,
    evidence: pair.evidence,
    minePopulations: minePops.get(mineId) ?? [],
    partnerPopulations: partnerPops.get(partnerId) ?? [],
  };
}

function populationsOf(db: Db, owner: AccountOwner, now: Date, ids?: readonly string[]) {
  const loaded = loadAccounts(db, owner, ids);
  return { loaded, populations: assignAccountPopulations(loadPopulationRules(db, owner), loaded.subjects, now) };
}

function recomputeFully(
  ctx: ServiceContext,
  target: Target,
  loadList: (owner: AccountOwner) => ReturnType<typeof populationsOf>,
  prepare: (list: ReturnType<typeof populationsOf>) => PreparedMatchSide,
  now: Date,
): ScopePlan {
  const left = loadList(target.left);
  const right = loadList(target.right);
  const index = createMatchIndex(prepare(left), prepare(right));
  ctx.overlapIndexes?.set(target.key, { index, leftOrgId: target.left.orgId });
  const { pairs } = index.result();
  const writes: OverlapWrite[] = [
    { scope: { orgId: target.left.orgId, ...target.ref }, overlaps: pairs.map((pair) => toOverlap(pair, "left", left.populations, right.populations)) },
  ];
  if (target.rightOrgScope) {
    writes.push({
      scope: { orgId: target.right.orgId, ...target.ref },
      overlaps: pairs.map((pair) => toOverlap(pair, "right", left.populations, right.populations)),
    });
  }
  return { mode: "full", pairs: pairs.length, writes };
}

function recomputeIncrementally(
  ctx: ServiceContext,
  target: Target,
  orgId: string,
  changedIds: readonly string[],
  now: Date,
): ScopePlan {
  const { index, leftOrgId } = ctx.overlapIndexes!.get(target.key)!;
  // The changed org is the left list, or the right one of a partnership it was invited to.
  const orgSide: "left" | "right" = target.rightOrgScope && leftOrgId !== orgId ? "right" : "left";
  const orgOwner = orgSide === "left" ? target.left : target.right;
  const otherOwner = orgSide === "left" ? target.right : target.left;
  const idOn = (pair: MatchPair, side: "left" | "right") => (side === "left" ? pair.leftId : pair.rightId);
  const otherSide = orgSide === "left" ? "right" : "left";

  const live = loadAccounts(ctx.db, orgOwner, changedIds);
  const liveIds = new Set(live.matchRecords.map((record) => record.id));
  const update = { upsert: live.matchRecords, remove: changedIds.filter((id) => !liveIds.has(id)) };
  const changes = index.update(orgSide === "left" ? { left: update } : { right: update });

  const changed = new Set(changedIds);
  const moved = [...changes.added, ...changes.removed];
  const affectedOrg = new Set([...changedIds, ...moved.map((pair) => idOn(pair, orgSide))]);
  const current = index.result().pairs;
  const affectedOther = new Set([
    ...moved.map((pair) => idOn(pair, otherSide)),
    // Pairs of changed accounts may carry new populations on the other side's copy too.
    ...current.filter((pair) => changed.has(idOn(pair, orgSide))).map((pair) => idOn(pair, otherSide)),
  ]);
  const orgPairs = current.filter((pair) => affectedOrg.has(idOn(pair, orgSide)));
  const otherPairs = target.rightOrgScope ? current.filter((pair) => affectedOther.has(idOn(pair, otherSide))) : [];

  // Populations only of the accounts those pairs name.
  const involved = [...orgPairs, ...otherPairs];
  const orgPops = populationsOf(ctx.db, orgOwner, now, involved.map((pair) => idOn(pair, orgSide))).populations;
  const otherPops = populationsOf(ctx.db, otherOwner, now, involved.map((pair) => idOn(pair, otherSide))).populations;
  const [leftPops, rightPops] = orgSide === "left" ? [orgPops, otherPops] : [otherPops, orgPops];

  const writes: OverlapWrite[] = [
    {
      scope: { orgId: orgOwner.orgId, ...target.ref },
      mineAccountIds: [...affectedOrg],
      overlaps: orgPairs.map((pair) => toOverlap(pair, orgSide, leftPops, rightPops)),
    },
  ];
  if (target.rightOrgScope) {
    writes.push({
      scope: { orgId: otherOwner.orgId, ...target.ref },
      mineAccountIds: [...affectedOther],
      overlaps: otherPairs.map((pair) => toOverlap(pair, otherSide, leftPops, rightPops)),
    });
  }
  return { mode: "incremental", pairs: current.length, writes };
}
