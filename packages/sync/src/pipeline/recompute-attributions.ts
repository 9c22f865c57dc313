import { listPartnerships } from "@mutual/db";
import type { Db } from "@mutual/db";
import type { Clock } from "@mutual/jobs";
import { recomputeAttribution } from "@mutual/services";
import type { AttributionRecompute } from "@mutual/services";

export type AttributionUpdate = { orgId: string } & AttributionRecompute;

/**
 * Re-attributes opportunities and re-tags influencing partners after a sync changed the org's records
 * or overlaps: for the org itself and for each org in an active partnership with it (their overlaps
 * with the org, hence their influence evidence, changed too). Recomputing replaces computed rows and
 * takes manual overrides and tags as inputs, so it is idempotent and a crashed run can repeat it.
 * Partner data is read through the audited sharing path as `crm_push` (the tags go to the CRM).
 */
export async function recomputeAttributionsAfterSync(
  deps: { db: Db; clock: Clock },
  input: { orgId: string },
): Promise<AttributionUpdate[]> {
  const partnerOrgIds = (await listPartnerships(deps.db, input.orgId))
    .filter((p) => p.status === "active")
    .map((p) => (p.inviterOrgId === input.orgId ? p.inviteeOrgId : p.inviterOrgId));
  const updates: AttributionUpdate[] = [];
  for (const orgId of [input.orgId, ...new Set(partnerOrgIds)]) {
    const result = await recomputeAttribution({ db: deps.db }, { orgId, now: deps.clock.now(), channel: "crm_push" });
    updates.push({ orgId, ...result });
  }
  return updates;
}
