import type { Partnership } from "../model/partnership.ts";
import type { SharingLevel, SharingRule } from "../model/sharing.ts";

/** Whose data is being read: an org's own CRM data, or an offline partner's lists an org uploaded. */
export type DataOwner =
  | { kind: "org"; orgId: string }
  | { kind: "offline_partner"; ownerOrgId: string; partnerId: string };

export type SharedLevel = Exclude<SharingLevel, "hidden">;

/** What a viewer may see of one population of the owner. Hidden populations get no grant at all. */
export interface PopulationGrant {
  populationId: string;
  level: SharedLevel;
  /** Account fields shown on records this grant lets through; meaningless (and unused) at `counts`. */
  fields: readonly string[];
}

export type VisibilityReason =
  | "owner"
  | "shared"
  | "offline_partner_data"
  | "no_partnership"
  | "partnership_not_active";

/**
 * The small, serializable decision every read path asks for before it touches data: whether the
 * viewer is the owner (sees everything), a partner (sees the grants) or nobody (sees nothing).
 */
export interface ViewPermission {
  /** The org the data belongs to (for an offline partner's lists: the org that uploaded them). */
  ownerOrgId: string;
  viewerOrgId: string;
  access: "owner" | "partner" | "none";
  reason: VisibilityReason;
  /** Non-empty only for `access: "partner"`. */
  grants: readonly PopulationGrant[];
}

export interface VisibilityInput {
  viewerOrgId: string;
  dataOwner: DataOwner;
  /** The partnership between the owner org and the viewer org, if any (any other one is ignored). */
  partnership?: Pick<Partnership, "inviterOrgId" | "inviteeOrgId" | "status">;
  /** The owner org's sharing rules: defaults (no partnerOrgId) and per-partner overrides. */
  sharingRules: readonly SharingRule[];
}

export const SHARING_LEVEL_RANK: Readonly<Record<SharingLevel, number>> = { hidden: 0, counts: 1, overlaps: 2, full: 3 };

/**
 * Decides what `viewerOrgId` may see of the owner's data. The only place that reads sharing rules.
 *
 * - The owner sees all of its own data, including offline partners' lists it uploaded.
 * - An offline partner's lists are never visible to anyone else, whatever the rules say.
 * - Another org sees something only through an `active` partnership between exactly these two
 *   orgs; invited, paused and ended give nothing, so pausing or ending cuts access at once.
 * - Per population: the override for this viewer if there is one, else the org default, else
 *   `hidden` (nothing is shared unless the owner said so). Conflicting duplicate rules resolve to
 *   the most restrictive (lowest level, then the intersection of field allowlists).
 */
export function decideVisibility(input: VisibilityInput): ViewPermission {
  const { viewerOrgId, dataOwner } = input;
  const ownerOrgId = dataOwner.kind === "org" ? dataOwner.orgId : dataOwner.ownerOrgId;
  const decide = (access: ViewPermission["access"], reason: VisibilityReason, grants: PopulationGrant[] = []): ViewPermission => ({
    ownerOrgId,
    viewerOrgId,
    access,
    reason,
    grants,
  });

  if (viewerOrgId === ownerOrgId) return decide("owner", "owner");
  if (dataOwner.kind === "offline_partner") return decide("none", "offline_partner_data");
  const partnership = input.partnership;
  const between =
    partnership !== undefined &&
    ((partnership.inviterOrgId === ownerOrgId && partnership.inviteeOrgId === viewerOrgId) ||
      (partnership.inviteeOrgId === ownerOrgId && partnership.inviterOrgId === viewerOrgId));
  if (!between) return decide("none", "no_partnership");
  if (partnership.status !== "active") return decide("none", "partnership_not_active");
  return decide("partner", "shared", resolveGrants(input.sharingRules, viewerOrgId));
}

function resolveGrants(rules: readonly SharingRule[], viewerOrgId: string): PopulationGrant[] {
  const defaults = new Map<string, SharingRule>();
  const overrides = new Map<string, SharingRule>();
  for (const rule of rules) {
    if (rule.partnerOrgId === undefined) defaults.set(rule.populationId, mostRestrictive(defaults.get(rule.populationId), rule));
    else if (rule.partnerOrgId === viewerOrgId) overrides.set(rule.populationId, mostRestrictive(overrides.get(rule.populationId), rule));
  }
  const grants: PopulationGrant[] = [];
  for (const populationId of new Set([...defaults.keys(), ...overrides.keys()])) {
    const rule = overrides.get(populationId) ?? defaults.get(populationId);
    if (!rule || rule.level === "hidden") continue;
    grants.push({ populationId, level: rule.level, fields: [...new Set(rule.fieldAllowlist)] });
  }
  return grants;
}

function mostRestrictive(current: SharingRule | undefined, next: SharingRule): SharingRule {
  if (!current) return next;
  const rank = SHARING_LEVEL_RANK[next.level] - SHARING_LEVEL_RANK[current.level];
  if (rank < 0) return next;
  if (rank > 0) return current;
  const allowed = new Set(next.fieldAllowlist);
  return { ...current, fieldAllowlist: current.fieldAllowlist.filter((field) => allowed.has(field)) };
}
