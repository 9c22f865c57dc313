import { AppError, applySharingPolicy, decideVisibility, groupMatchedCompanies, listDisclosures } from "@mutual/core";
import type { DataOwner, SharedView, SharingData, ViewPermission } from "@mutual/core";
import { getPartner, recordDisclosureEvent } from "@mutual/db";
import type { DisclosureChannel } from "@mutual/db";
import { readClock, type ServiceContext } from "../context.ts";
import { assignAccountPopulations, loadAccounts, loadPopulationRules, type AccountOwner } from "./load-accounts.ts";
import { findPartnershipBetween, loadOverlapPairs, loadSharingRules, type StoredScope } from "./load-sharing.ts";

/** Whose data a viewer asks for: another org (through a partnership) or an offline partner's list. */
export type PartnerRef = { orgId: string } | { offlinePartnerId: string };

export interface SharedViewRequest {
  viewerOrgId: string;
  viewerUserId?: string;
  channel: DisclosureChannel;
  partner: PartnerRef;
}

/**
 * THE read path of partner data: every service that shows or delivers another org's records
 * (views, exports, and later CRM push, Slack, webhooks) calls this. In one transaction it reads the
 * partnership status and the owner's sharing rules, asks `decideVisibility`, loads only what the
 * permission can reveal, projects it through `applySharingPolicy` and writes the disclosure audit
 * entry (`listDisclosures`) before anything is returned.
 */
export async function readSharedView(ctx: ServiceContext, request: SharedViewRequest): Promise<{ view: SharedView; permission: ViewPermission }> {
  const now = readClock(ctx);
  const offlinePartner = "offlinePartnerId" in request.partner ? await getPartner(ctx.db, request.partner.offlinePartnerId) : undefined;
  if (offlinePartner && offlinePartner.kind !== "offline") {
    throw new AppError("invalid_input", `partner ${offlinePartner.id} is not an offline partner; ask for its org instead`);
  }
  return ctx.db.transaction((tx) => {
    let dataOwner: DataOwner;
    let owner: AccountOwner;
    let scope: StoredScope | undefined;
    let partnershipId: string | undefined;
    let permission: ViewPermission;
    if (offlinePartner) {
      dataOwner = { kind: "offline_partner", ownerOrgId: offlinePartner.ownerOrgId, partnerId: offlinePartner.id };
      owner = { orgId: offlinePartner.ownerOrgId, offlinePartnerId: offlinePartner.id };
      permission = decideVisibility({ viewerOrgId: request.viewerOrgId, dataOwner, sharingRules: [] });
      // Not even the existence of another org's offline partner is told.
      if (permission.access === "none") throw new AppError("not_found", `partner ${offlinePartner.id} not found`);
      // Stored from the uploading org's side: "mine" is the viewer's own account, "partner" the list's.
      scope = { orgId: offlinePartner.ownerOrgId, offlinePartnerId: offlinePartner.id };
    } else {
      const ownerOrgId = (request.partner as { orgId: string }).orgId;
      dataOwner = { kind: "org", orgId: ownerOrgId };
      owner = { orgId: ownerOrgId };
      const partnership = findPartnershipBetween(tx, request.viewerOrgId, ownerOrgId);
      permission = decideVisibility({
        viewerOrgId: request.viewerOrgId,
        dataOwner,
        ...(partnership && { partnership }),
        sharingRules: loadSharingRules(tx, ownerOrgId),
      });
      if (partnership && permission.access !== "none") {
        partnershipId = partnership.id;
        scope = { orgId: ownerOrgId, partnershipId: partnership.id };
      }
    }
    if (permission.access === "none") {
      return { view: applySharingPolicy(permission, { ownerOrgId: permission.ownerOrgId, populations: [], accounts: [] }), permission };
    }

    // Overlapping companies: owner-side account ids and the viewer's ids for each.
    const companies = scope
      ? groupMatchedCompanies(loadOverlapPairs(tx, scope)).map((company) =>
          offlinePartner
            ? { ownerAccountIds: company.partnerIds, viewerAccountIds: company.mineIds }
            : { ownerAccountIds: company.mineIds, viewerAccountIds: company.partnerIds },
        )
      : [];
    // Non-overlapping records can only show at `full` (or to the owner): otherwise load just the overlapping ones.
    const needsAll = permission.access === "owner" || permission.grants.some((grant) => grant.level === "full");
    const loaded = loadAccounts(tx, owner, needsAll ? undefined : companies.flatMap((company) => company.ownerAccountIds));
    const rules = loadPopulationRules(tx, owner);
    const membership = assignAccountPopulations(rules, loaded.subjects, now);
    const data: SharingData = {
      ownerOrgId: permission.ownerOrgId,
      populations: rules.map((rule) => ({ id: rule.id, name: rule.name })),
      accounts: loaded.subjects.map((subject) => ({ account: subject.account, populationIds: membership.get(subject.account.id) ?? [] })),
      overlaps: { viewerOrgId: request.viewerOrgId, companies },
    };
    const view = applySharingPolicy(permission, data);
    // Audited whenever something of the owner reached the viewer: a population's name and counts, or records.
    if (permission.access === "partner" && view.populations.length > 0) {
      recordDisclosureEvent(
        tx,
        {
          ownerOrgId: permission.ownerOrgId,
          viewerOrgId: request.viewerOrgId,
          ...(partnershipId && { partnershipId }),
          ...(request.viewerUserId && { viewerUserId: request.viewerUserId }),
          channel: request.channel,
          populationIds: view.populations.map((population) => population.populationId),
          records: listDisclosures(permission, data),
        },
        { now },
      );
    }
    return { view, permission };
  }, { behavior: "immediate" });
}
