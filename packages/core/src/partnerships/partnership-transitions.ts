import { AppError } from "../errors.ts";
import type { Partnership, PartnershipStatus } from "../model/partnership.ts";

/** What one side of a partnership asks for; each maps to one target status. */
export type PartnershipAction = "accept" | "pause" | "resume" | "end";

/** invited -> active | ended; active -> paused | ended; paused -> active | ended; ended is final. */
const ALLOWED_TRANSITIONS: Readonly<Record<PartnershipStatus, readonly PartnershipStatus[]>> = {
  invited: ["active", "ended"],
  active: ["paused", "ended"],
  paused: ["active", "ended"],
  ended: [],
};

const ACTION_TARGET: Readonly<Record<PartnershipAction, { from: readonly PartnershipStatus[]; to: PartnershipStatus }>> = {
  accept: { from: ["invited"], to: "active" },
  pause: { from: ["active"], to: "paused" },
  resume: { from: ["paused"], to: "active" },
  end: { from: ["invited", "active", "paused"], to: "ended" },
};

/** Whether the lifecycle allows going from `from` to `to`. */
export function canChangePartnershipStatus(from: PartnershipStatus, to: PartnershipStatus): boolean {
  return ALLOWED_TRANSITIONS[from].includes(to);
}

/**
 * The status an action by `actorOrgId` moves the partnership to, or AppError: `forbidden` when the
 * actor is not one of the two orgs (or the inviter tries to accept its own invitation: mapping
 * starts only once the other side said yes), `conflict` when the lifecycle does not allow it.
 */
export function decidePartnershipAction(
  partnership: Pick<Partnership, "id" | "inviterOrgId" | "inviteeOrgId" | "status">,
  actorOrgId: string,
  action: PartnershipAction,
): PartnershipStatus {
  const { id, inviterOrgId, inviteeOrgId, status } = partnership;
  if (actorOrgId !== inviterOrgId && actorOrgId !== inviteeOrgId) {
    throw new AppError("forbidden", `organization ${actorOrgId} is not part of partnership ${id}`);
  }
  if (action === "accept" && actorOrgId !== inviteeOrgId) {
    throw new AppError("forbidden", `only the invited organization can accept partnership ${id}`);
  }
  const { from, to } = ACTION_TARGET[action];
  if (!from.includes(status) || !canChangePartnershipStatus(status, to)) {
    throw new AppError("conflict", `partnership ${id} cannot ${action} while ${status}`);
  }
  return to;
}
