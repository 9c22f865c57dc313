import { decideVisibility } from "@mutual/core";
import { listPartnerships, listSharingRules } from "@mutual/db";
import type { Db, VisiblePartnerPopulations } from "@mutual/db";

/**
 * What an org may be told about its overlaps, from the one sharing policy (`decideVisibility`): in a
 * partnership, only the partner populations the partner shares at record level (`overlaps` or `full`);
 * an overlap in none of them is not announced. Offline partners' lists belong to the org itself.
 */
export async function loadOverlapVisibility(db: Db, orgId: string): Promise<VisiblePartnerPopulations> {
  const recordLevel = new Map<string, Set<string>>();
  for (const partnership of await listPartnerships(db, orgId)) {
    const partnerOrgId = partnership.inviterOrgId === orgId ? partnership.inviteeOrgId : partnership.inviterOrgId;
    const permission = decideVisibility({
      viewerOrgId: orgId,
      dataOwner: { kind: "org", orgId: partnerOrgId },
      partnership,
      sharingRules: await listSharingRules(db, partnerOrgId),
    });
    const granted = permission.grants.filter((grant) => grant.level === "overlaps" || grant.level === "full").map((grant) => grant.populationId);
    recordLevel.set(partnership.id, new Set(permission.access === "partner" ? granted : []));
  }
  return ({ scopeKey, partnerPopulations }) => {
    if (scopeKey.startsWith("offline:")) return partnerPopulations;
    const granted = recordLevel.get(scopeKey.slice("partnership:".length));
    const visible = partnerPopulations.filter((population) => granted?.has(population));
    return visible.length > 0 ? visible : null;
  };
}
