import type { MatchChanges, MatchOverride, MatchPair, MatchSpace, Overlap } from "@mutual/core";
import { getAccountListVersions, listMatchCorrections, partners, partnerships, writeOverlapsWithDiff } from "@mutual/db";
import type { Db, OverlapDiff, OverlapWrite } from "@mutual/db";
import { and, eq, or } from "drizzle-orm";
import { z } from "zod";
import { readClock, type ServiceContext } from "../context.ts";
import { assignAccountPopulations, createAccountReader, loadAccounts, loadPopulationRules, type AccountOwner, type AccountReader } from "../internal/load-accounts.ts";
import { parseServiceInput } from "../internal/parse-input.ts";
import { accountListKey, createOverlapMatchSpace, overlapScopeKey } from "./overlap-match-space.ts";

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
   * Called with what changed INSIDE the transaction that writes it: once for all incrementally updated
   * scopes together, once per scope matched in full (both orgs' views each time). Append outbox events
   * with `tx` so they commit or roll back with the overlaps. Synchronous, like the transaction; a throw
   * rolls that transaction back and fails the recompute.
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
 * partner, with the matching engine. Full: load and match the lists, replace each side's scope.
 * Incremental (changed accounts, and a match space that holds the org's list and scopes): re-match
 * only the changed accounts, once for all scopes, and rewrite the overlaps of the accounts whose pairs
 * or populations changed. The incremental scopes are written together in one transaction, each full
 * scope (both orgs' views) in its own; each transaction also runs `hooks.onChanges` with its diffs, so
 * the sync worker appends its domain events atomically with the overlaps they describe. The results
 * count the changes per scope and org.
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
  // Without a long-lived space, one for this call: each list is still indexed once for all its scopes.
  const held = ctx.matchSpace ?? createOverlapMatchSpace();
  const space = held.space;
  const orgList = accountListKey({ orgId: parsed.orgId });
  const incremental = parsed.changedAccountIds !== undefined && parsed.only === undefined && space.hasList(orgList);
  // Read before any list is loaded, so a write racing this call shows as a newer version next time.
  const versions = getAccountListVersions(ctx.db, [{ orgId: parsed.orgId }, ...targets.flatMap((target) => [target.left, target.right])]);
  for (const [key, version] of versions) {
    // The org's own list follows its changed accounts; a partner's list written by another process is reloaded.
    if (key !== orgList && space.hasList(key) && held.versions.get(key) !== version) {
      space.removeList(key);
      held.versions.delete(key);
    }
  }
  // Corrections win over the engine: a scope kept with other corrections than the stored ones is matched afresh.
  const overrides = loadMatchOverrides(ctx.db, targets.map((target) => target.ref));
  for (const target of targets) {
    if (space.hasScope(target.key) && !sameOverrides(space.scopeDefinition(target.key).overrides ?? [], overrides.get(target.key) ?? [])) {
      space.removeScope(target.key);
    }
  }
  const results: ScopeRecompute[] = [];
  try {
    // Incremental: the org's changed accounts re-matched once, in every scope of its list.
    const changes = incremental ? updateOrgList(ctx, space, parsed.orgId, parsed.changedAccountIds!) : new Map<string, MatchChanges>();
    if (incremental) held.versions.set(orgList, versions.get(orgList) ?? 0);
    // Populations of the accounts incremental scopes rewrite, each loaded once for all scopes.
    const knownPopulations = new PopulationCache(ctx.db, now);
    // Full: every list of the recomputed scopes is loaded afresh, once however many scopes share it.
    const fresh = new Set<string>();
    const populations = new Map<string, Populations>();
    const ensureList = (owner: AccountOwner) => {
      const key = accountListKey(owner);
      if (fresh.has(key) || (incremental && space.hasList(key))) return;
      const list = populationsOf(ctx.db, owner, now);
      if (space.hasList(key)) space.removeList(key);
      space.addList(key, list.loaded.matchRecords);
      held.versions.set(key, versions.get(key) ?? 0);
      populations.set(key, list.populations);
      fresh.add(key);
    };
    const byTarget = new Map<Target, ScopeRecompute>();
    // Incremental scopes are small: all of them (both orgs' views) and the caller's events in one transaction.
    const planned = targets.flatMap((target) => {
      const scopeChanges = changes.get(target.key);
      return scopeChanges === undefined ? [] : [{ target, plan: planIncrementally(space, knownPopulations, target, parsed.orgId, parsed.changedAccountIds!, scopeChanges) }];
    });
    if (planned.length > 0) {
      const diffs = await writeOverlapsWithDiff(ctx.db, planned.flatMap(({ plan }) => plan.writes), { now, onWritten: hooks.onChanges });
      let at = 0;
      for (const { target, plan } of planned) {
        const own = diffs.slice(at, (at += plan.writes.length));
        byTarget.set(target, { ...target.ref, mode: plan.mode, pairs: plan.pairs, changes: own.map(countChanges) });
      }
    }
    // Full scopes one transaction each (both orgs' views and the caller's events).
    for (const target of targets) {
      if (byTarget.has(target)) continue;
      const { writes, ...result } = planFully(ctx, space, target, overrides.get(target.key) ?? [], ensureList, populations, now);
      const diffs = await writeOverlapsWithDiff(ctx.db, writes, { now, onWritten: hooks.onChanges });
      byTarget.set(target, { ...target.ref, ...result, changes: diffs.map(countChanges) });
    }
    results.push(...targets.map((target) => byTarget.get(target)!));
  } catch (error) {
    // The space may already hold changes that were not stored: match the org's scopes in full next time.
    if (space.hasList(orgList)) space.removeList(orgList);
    held.versions.delete(orgList);
    throw error;
  }
  return results;
}

/** Applies the org's changed accounts to its list in the space; returns what changed in each of its scopes. */
function updateOrgList(ctx: ServiceContext, space: MatchSpace, orgId: string, changedIds: readonly string[]): Map<string, MatchChanges> {
  const live = loadAccounts(ctx.db, { orgId }, changedIds);
  const liveIds = new Set(live.matchRecords.map((record) => record.id));
  const update = { upsert: live.matchRecords, remove: changedIds.filter((id) => !liveIds.has(id)) };
  return space.update({ [accountListKey({ orgId })]: update });
}

/** The stored corrections of these scopes as match overrides (oldest first), by scope key. */
function loadMatchOverrides(db: Db, scopes: readonly Target["ref"][]): Map<string, MatchOverride[]> {
  const overrides = new Map<string, MatchOverride[]>();
  for (const [key, corrections] of listMatchCorrections(db, scopes)) {
    overrides.set(key, corrections.map((c) => ({ decision: c.decision, left: c.left, right: c.right })));
  }
  return overrides;
}

function sameOverrides(a: readonly MatchOverride[], b: readonly MatchOverride[]): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
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
      key: overlapScopeKey({ partnershipId: p.id }),
      ref: { partnershipId: p.id },
      left: { orgId: p.inviterOrgId },
      right: { orgId: p.inviteeOrgId },
      rightOrgScope: true,
    })),
    ...offline.map((p): Target => ({
      key: overlapScopeKey({ offlinePartnerId: p.id }),
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

function planFully(
  ctx: ServiceContext,
  space: MatchSpace,
  target: Target,
  overrides: readonly MatchOverride[],
  ensureList: (owner: AccountOwner) => void,
  populations: Map<string, Populations>,
  now: Date,
): ScopePlan {
  ensureList(target.left);
  ensureList(target.right);
  const [leftKey, rightKey] = [accountListKey(target.left), accountListKey(target.right)];
  space.setScope(target.key, { left: leftKey, right: rightKey, overrides });
  const { pairs } = space.result(target.key);
  // Populations of lists loaded by this call are at hand; a list kept in the space (incremental call, new
  // scope) needs those of its paired accounts only.
  const popsOf = (owner: AccountOwner, key: string, side: "left" | "right") =>
    populations.get(key) ?? populationsOf(ctx.db, owner, now, pairs.map((pair) => (side === "left" ? pair.leftId : pair.rightId))).populations;
  const leftPops = popsOf(target.left, leftKey, "left");
  const rightPops = popsOf(target.right, rightKey, "right");
  const writes: OverlapWrite[] = [
    { scope: { orgId: target.left.orgId, ...target.ref }, overlaps: pairs.map((pair) => toOverlap(pair, "left", leftPops, rightPops)) },
  ];
  if (target.rightOrgScope) {
    writes.push({
      scope: { orgId: target.right.orgId, ...target.ref },
      overlaps: pairs.map((pair) => toOverlap(pair, "right", leftPops, rightPops)),
    });
  }
  return { mode: "full", pairs: pairs.length, writes };
}

function planIncrementally(
  space: MatchSpace,
  knownPopulations: PopulationCache,
  target: Target,
  orgId: string,
  changedIds: readonly string[],
  changes: MatchChanges,
): ScopePlan {
  // The changed org is the left list, or the right one of a partnership it was invited to.
  const orgSide: "left" | "right" = target.left.orgId === orgId && target.left.offlinePartnerId === undefined ? "left" : "right";
  const orgOwner = orgSide === "left" ? target.left : target.right;
  const otherOwner = orgSide === "left" ? target.right : target.left;
  const idOn = (pair: MatchPair, side: "left" | "right") => (side === "left" ? pair.leftId : pair.rightId);
  const otherSide = orgSide === "left" ? "right" : "left";

  // Rewritten: accounts whose pairs changed, and changed accounts with pairs (their populations may have
  // changed, on both sides' copies). A changed account without pairs before or after has nothing stored.
  const moved = [...changes.added, ...changes.removed];
  const changedPairs = space.pairsOf(target.key, orgSide, changedIds);
  const affectedOrg = new Set([...moved, ...changedPairs].map((pair) => idOn(pair, orgSide)));
  const affectedOther = new Set([...moved, ...changedPairs].map((pair) => idOn(pair, otherSide)));
  const orgPairs = space.pairsOf(target.key, orgSide, affectedOrg);
  const otherPairs = target.rightOrgScope ? space.pairsOf(target.key, otherSide, affectedOther) : [];

  const involved = [...orgPairs, ...otherPairs];
  const orgPops = knownPopulations.get(orgOwner, involved.map((pair) => idOn(pair, orgSide)));
  const otherPops = knownPopulations.get(otherOwner, involved.map((pair) => idOn(pair, otherSide)));
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
  return { mode: "incremental", pairs: space.pairCount(target.key), writes };
}

/**
 * Population ids of accounts by owner, loaded on first request (one query per batch of new ids, with
 * statements prepared once for all owners: an incremental recompute reads a few accounts of each partner).
 */
class PopulationCache {
  private readonly byOwner = new Map<string, Populations>();
  private readonly rulesByOwner = new Map<string, ReturnType<AccountReader["rules"]>>();
  private reader: AccountReader | undefined;

  constructor(
    private readonly db: Db,
    private readonly now: Date,
  ) {}

  get(owner: AccountOwner, ids: readonly string[]): Populations {
    const key = accountListKey(owner);
    let known = this.byOwner.get(key);
    if (!known) this.byOwner.set(key, (known = new Map()));
    const missing = [...new Set(ids)].filter((id) => !known.has(id));
    if (missing.length > 0) {
      const reader = (this.reader ??= createAccountReader(this.db));
      let rules = this.rulesByOwner.get(key);
      if (!rules) this.rulesByOwner.set(key, (rules = reader.rules(owner)));
      for (const [id, pops] of assignAccountPopulations(rules, reader.load(owner, missing).subjects, this.now)) known.set(id, pops);
    }
    return known;
  }
}
