import { AppError } from "@mutual/core";
import {
  deleteMatchCorrection,
  getMatchCorrection,
  getPartner,
  getPartnership,
  listMatchCorrections as listStoredCorrections,
  recordMatchCorrection,
} from "@mutual/db";
import type { StoredMatchCorrection } from "@mutual/db";
import { z } from "zod";
import { readClock, type ServiceContext } from "../context.ts";
import { loadAccounts, type AccountOwner } from "../internal/load-accounts.ts";
import { parseServiceInput } from "../internal/parse-input.ts";
import { MANAGERS, requireMember } from "../internal/require-member.ts";
import { recomputeOverlaps } from "./recompute-overlaps.ts";

const ScopeRefSchema = z.union([z.object({ partnershipId: z.string().min(1) }).strict(), z.object({ offlinePartnerId: z.string().min(1) }).strict()]);
type ScopeRef = z.infer<typeof ScopeRefSchema>;

/** Records of one side: an account by our id, or every account with a company domain or name. */
const SelectorSchema = z
  .object({
    accountId: z.string().min(1).optional(),
    domain: z.string().trim().min(1).max(253).optional(),
    name: z.string().trim().min(1).max(300).optional(),
  })
  .strict();

export const CorrectMatchInputSchema = z.object({
  actorUserId: z.string().min(1),
  scope: ScopeRefSchema,
  /** always: these records are the same company (a confirmed pair); never: they are not (a rejection). */
  decision: z.enum(["always", "never"]),
  /** The actor's side; `{}` selects every record (e.g. "never match the partner's reseller.com"). */
  mine: SelectorSchema,
  partner: SelectorSchema,
  note: z.string().trim().max(1000).optional(),
});
export type CorrectMatchInput = z.input<typeof CorrectMatchInputSchema>;

/** A correction as one org of its scope sees it: `mine` is that org's side. */
export interface MatchCorrectionView {
  id: string;
  scope: ScopeRef;
  decision: "always" | "never";
  mine: z.infer<typeof SelectorSchema>;
  partner: z.infer<typeof SelectorSchema>;
  /** Whether the viewer's org made it (the other org of a partnership sees and obeys it too). */
  byMyOrg: boolean;
  note?: string;
  createdAt: string;
}

/** A scope as one org sees it: which side of the stored orientation is the org's, and the two lists. */
interface ScopeSides {
  ref: ScopeRef;
  /** The org of the left list (the inviter, or the offline partner's owner): recomputes run for it. */
  leftOrgId: string;
  viewerIsLeft: boolean;
  mine: AccountOwner;
  partner: AccountOwner;
}

/**
 * A partner manager confirms or rejects matches in a partnership or offline-partner scope: a pair of
 * accounts, or a rule by domain or name. Stored for the scope, so both orgs of a partnership see it
 * and every recompute obeys it over the engine; the scope's overlaps are recomputed at once.
 */
export async function correctMatch(ctx: ServiceContext, input: CorrectMatchInput): Promise<MatchCorrectionView> {
  const parsed = parseServiceInput(CorrectMatchInputSchema, input, "match correction");
  const actor = await requireMember(ctx.db, parsed.actorUserId, { roles: MANAGERS });
  const sides = await resolveScope(ctx, parsed.scope, actor.orgId, { forChange: true });
  if (isEmpty(parsed.mine) && isEmpty(parsed.partner)) throw new AppError("invalid_input", "a correction selects accounts on at least one side");
  for (const [selector, owner, side] of [[parsed.mine, sides.mine, "your"], [parsed.partner, sides.partner, "the partner's"]] as const) {
    if (selector.accountId !== undefined && loadAccounts(ctx.db, owner, [selector.accountId]).matchRecords.length === 0) {
      throw new AppError("not_found", `account ${selector.accountId} is not one of ${side} accounts in this scope`);
    }
  }
  const [left, right] = sides.viewerIsLeft ? [parsed.mine, parsed.partner] : [parsed.partner, parsed.mine];
  const stored = await recordMatchCorrection(
    ctx.db,
    {
      scope: parsed.scope,
      authorOrgId: actor.orgId,
      authorUserId: actor.id,
      decision: parsed.decision,
      left: toRecordSelector(left),
      right: toRecordSelector(right),
      ...(parsed.note !== undefined && { note: parsed.note }),
    },
    { now: readClock(ctx) },
  );
  await recomputeOverlaps(ctx, { orgId: sides.leftOrgId, only: parsed.scope });
  return toView(stored, sides, actor.orgId);
}

export const ListMatchCorrectionsInputSchema = z.object({ actorUserId: z.string().min(1), scope: ScopeRefSchema });
export type ListMatchCorrectionsInput = z.input<typeof ListMatchCorrectionsInputSchema>;

/** Every correction of a scope, oldest first, seen from the actor's org (both orgs of a partnership see all). */
export async function listMatchCorrections(ctx: ServiceContext, input: ListMatchCorrectionsInput): Promise<MatchCorrectionView[]> {
  const parsed = parseServiceInput(ListMatchCorrectionsInputSchema, input, "match corrections");
  const actor = await requireMember(ctx.db, parsed.actorUserId);
  const sides = await resolveScope(ctx, parsed.scope, actor.orgId, { forChange: false });
  return (listStoredCorrections(ctx.db, [parsed.scope]).get(scopeKey(parsed.scope)) ?? []).map((c) => toView(c, sides, actor.orgId));
}

export const WithdrawMatchCorrectionInputSchema = z.object({ actorUserId: z.string().min(1), correctionId: z.string().min(1) });
export type WithdrawMatchCorrectionInput = z.input<typeof WithdrawMatchCorrectionInputSchema>;

/** The org that made a correction withdraws it; the engine decides those pairs again at once. */
export async function withdrawMatchCorrection(ctx: ServiceContext, input: WithdrawMatchCorrectionInput): Promise<void> {
  const parsed = parseServiceInput(WithdrawMatchCorrectionInputSchema, input, "match correction");
  const actor = await requireMember(ctx.db, parsed.actorUserId, { roles: MANAGERS });
  const correction = await getMatchCorrection(ctx.db, parsed.correctionId);
  // Another org's correction is not found, rather than forbidden: its existence is not the actor's business.
  if (correction.authorOrgId !== actor.orgId) throw new AppError("not_found", `match correction ${parsed.correctionId} not found`);
  const sides = await resolveScope(ctx, correction.scope, actor.orgId, { forChange: true });
  await deleteMatchCorrection(ctx.db, correction.id);
  await recomputeOverlaps(ctx, { orgId: sides.leftOrgId, only: correction.scope });
}

async function resolveScope(ctx: ServiceContext, ref: ScopeRef, orgId: string, options: { forChange: boolean }): Promise<ScopeSides> {
  if ("partnershipId" in ref) {
    const partnership = await getPartnership(ctx.db, ref.partnershipId).catch(() => undefined);
    const party = partnership && (partnership.inviterOrgId === orgId || partnership.inviteeOrgId === orgId);
    // Only parties see a partnership; an ended one has no overlaps to correct.
    if (!partnership || !party || partnership.status === "ended") throw new AppError("not_found", `partnership ${ref.partnershipId} not found`);
    if (options.forChange && partnership.status !== "active") throw new AppError("conflict", `partnership ${ref.partnershipId} is ${partnership.status}: corrections need an active partnership`);
    const viewerIsLeft = partnership.inviterOrgId === orgId;
    const other = viewerIsLeft ? partnership.inviteeOrgId : partnership.inviterOrgId;
    return { ref, leftOrgId: partnership.inviterOrgId, viewerIsLeft, mine: { orgId }, partner: { orgId: other } };
  }
  const partner = await getPartner(ctx.db, ref.offlinePartnerId).catch(() => undefined);
  if (!partner || partner.kind !== "offline" || partner.ownerOrgId !== orgId) throw new AppError("not_found", `offline partner ${ref.offlinePartnerId} not found`);
  return { ref, leftOrgId: orgId, viewerIsLeft: true, mine: { orgId }, partner: { orgId, offlinePartnerId: partner.id } };
}

function scopeKey(ref: ScopeRef): string {
  return "partnershipId" in ref ? `partnership:${ref.partnershipId}` : `offline:${ref.offlinePartnerId}`;
}

function isEmpty(selector: z.infer<typeof SelectorSchema>): boolean {
  return selector.accountId === undefined && selector.domain === undefined && selector.name === undefined;
}

function toRecordSelector(selector: z.infer<typeof SelectorSchema>): { id?: string; domain?: string; name?: string } {
  return {
    ...(selector.accountId !== undefined && { id: selector.accountId }),
    ...(selector.domain !== undefined && { domain: selector.domain }),
    ...(selector.name !== undefined && { name: selector.name }),
  };
}

function fromRecordSelector(selector: { id?: string; domain?: string; name?: string }): z.infer<typeof SelectorSchema> {
  return {
    ...(selector.id !== undefined && { accountId: selector.id }),
    ...(selector.domain !== undefined && { domain: selector.domain }),
    ...(selector.name !== undefined && { name: selector.name }),
  };
}

function toView(c: StoredMatchCorrection, sides: ScopeSides, viewerOrgId: string): MatchCorrectionView {
  const [mine, partner] = sides.viewerIsLeft ? [c.left, c.right] : [c.right, c.left];
  return {
    id: c.id,
    scope: c.scope,
    decision: c.decision,
    mine: fromRecordSelector(mine),
    partner: fromRecordSelector(partner),
    byMyOrg: c.authorOrgId === viewerOrgId,
    ...(c.note !== undefined && { note: c.note }),
    createdAt: c.createdAt,
  };
}
