import { countSharedOverlaps, decideVisibility, groupMatchedCompanies } from "@mutual/core";
import type { OverlapSideRecord, SharedOverlapCell } from "@mutual/core";
import { recordDisclosureEvent } from "@mutual/db";
import { z } from "zod";
import { readClock, type ServiceContext } from "../context.ts";
import { assignAccountPopulations, loadAccounts, loadPopulationRules } from "../internal/load-accounts.ts";
import { findPartnershipBetween, loadOverlapPairs, loadSharingRules } from "../internal/load-sharing.ts";
import { parseServiceInput } from "../internal/parse-input.ts";
import { ChannelSchema, ViewerSchema, resolveViewer } from "../internal/resolve-viewer.ts";

export const GetOverlapCountsInputSchema = z.object({
  viewer: ViewerSchema,
  partnerOrgId: z.string().min(1),
  channel: ChannelSchema.default("api"),
});
export type GetOverlapCountsInput = z.input<typeof GetOverlapCountsInputSchema>;

export interface OverlapCounts {
  /** Rows: every population of the viewer; columns: the partner populations shared with it. */
  rows: { populationId: string; name: string }[];
  columns: { populationId: string; name: string }[];
  /** Companies per cell (the same number the partner sees in the mirrored cell), records per side beside it. */
  cells: SharedOverlapCell[];
}

/**
 * Overlap counts of the viewer's org against a partner org: companies per (own population x shared
 * partner population), with each side's record counts. Counted from the ONE stored overlap list of
 * the partnership (the inviter's side), so both orgs see the same company counts wherever both
 * share. Through the policy: no active partnership or nothing shared gives no cells.
 */
export async function getOverlapCounts(ctx: ServiceContext, input: GetOverlapCountsInput): Promise<OverlapCounts> {
  const parsed = parseServiceInput(GetOverlapCountsInputSchema, input, "overlap counts request");
  const viewer = await resolveViewer(ctx, parsed.viewer);
  const now = readClock(ctx);
  return ctx.db.transaction((tx) => {
    const partnership = findPartnershipBetween(tx, viewer.orgId, parsed.partnerOrgId);
    const permission = decideVisibility({
      viewerOrgId: viewer.orgId,
      dataOwner: { kind: "org", orgId: parsed.partnerOrgId },
      ...(partnership && { partnership }),
      sharingRules: loadSharingRules(tx, parsed.partnerOrgId),
    });
    const ownRules = loadPopulationRules(tx, { orgId: viewer.orgId });
    const rows = ownRules.map((rule) => ({ populationId: rule.id, name: rule.name }));
    if (permission.access !== "partner" || permission.grants.length === 0 || !partnership) return { rows, columns: [], cells: [] };

    const { inviterOrgId: orgA, inviteeOrgId: orgB } = partnership;
    const companies = groupMatchedCompanies(loadOverlapPairs(tx, { orgId: orgA, partnershipId: partnership.id }));
    const sideA = loadAccounts(tx, { orgId: orgA }, companies.flatMap((company) => company.mineIds));
    const sideB = loadAccounts(tx, { orgId: orgB }, companies.flatMap((company) => company.partnerIds));
    const rulesA = loadPopulationRules(tx, { orgId: orgA });
    const rulesB = loadPopulationRules(tx, { orgId: orgB });
    const popsA = assignAccountPopulations(rulesA, sideA.subjects, now);
    const popsB = assignAccountPopulations(rulesB, sideB.subjects, now);
    const side = (ids: readonly string[], pops: Map<string, string[]>): OverlapSideRecord[] =>
      ids.filter((id) => pops.has(id)).map((id) => ({ accountId: id, populationIds: pops.get(id)! }));
    const cells = countSharedOverlaps({
      orgA,
      orgB,
      companies: companies.map((company) => ({ a: side(company.mineIds, popsA), b: side(company.partnerIds, popsB) })),
      permission,
      viewerPopulationIds: rows.map((row) => row.populationId),
    });
    const partnerNames = new Map((orgA === parsed.partnerOrgId ? rulesA : rulesB).map((rule) => [rule.id, rule.name]));
    const columns = permission.grants.map((grant) => ({ populationId: grant.populationId, name: partnerNames.get(grant.populationId) ?? grant.populationId }));
    // Counts reveal no record, but who looked at which of the partner's populations is audited too.
    recordDisclosureEvent(
      tx,
      {
        ownerOrgId: parsed.partnerOrgId,
        viewerOrgId: viewer.orgId,
        partnershipId: partnership.id,
        ...(viewer.userId && { viewerUserId: viewer.userId }),
        channel: parsed.channel,
        populationIds: columns.map((column) => column.populationId),
        records: [],
      },
      { now },
    );
    return { rows, columns, cells };
  }, { behavior: "immediate" });
}
