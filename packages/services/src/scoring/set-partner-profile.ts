import { AppError } from "@mutual/core";
import { getPartner, setPartnerProfile as storePartnerProfile } from "@mutual/db";
import type { StoredPartnerProfile } from "@mutual/db";
import { z } from "zod";
import { readClock, type ServiceContext } from "../context.ts";
import { parseServiceInput } from "../internal/parse-input.ts";

export const SetPartnerProfileInputSchema = z.object({
  orgId: z.string().min(1),
  partnerId: z.string().min(1),
  type: z.string().trim().min(1).optional(),
  manager: z.string().trim().min(1).optional(),
});
export type SetPartnerProfileInput = z.input<typeof SetPartnerProfileInputSchema>;

/** Sets the partner type and partner manager written on influencing-partner tags. */
export async function setPartnerProfile(ctx: ServiceContext, input: SetPartnerProfileInput): Promise<StoredPartnerProfile> {
  const { orgId, ...profile } = parseServiceInput(SetPartnerProfileInputSchema, input, "partner profile");
  const partner = await getPartner(ctx.db, profile.partnerId);
  if (partner.ownerOrgId !== orgId) throw new AppError("not_found", `partner ${profile.partnerId} not found`);
  return storePartnerProfile(ctx.db, orgId, profile, { now: readClock(ctx) });
}
