import type { SharedView } from "@mutual/core";
import { z } from "zod";
import type { ServiceContext } from "../context.ts";
import { parseServiceInput } from "../internal/parse-input.ts";
import { readSharedView } from "../internal/read-shared-view.ts";
import { ChannelSchema, PartnerRefSchema, ViewerSchema, resolveViewer } from "../internal/resolve-viewer.ts";

export const GetPartnerOverlapViewInputSchema = z.object({
  viewer: ViewerSchema,
  partner: PartnerRefSchema,
  /** Where the view is shown or delivered, for the audit log. */
  channel: ChannelSchema.default("api"),
});
export type GetPartnerOverlapViewInput = z.input<typeof GetPartnerOverlapViewInputSchema>;

/**
 * What the viewer's org may see of a partner: the partner's shared populations with overlap counts
 * and the records its sharing rules let through (overlapping ones, or all at `full`), each limited to
 * the allowlisted fields. Goes through the sharing policy and writes the disclosure audit entry in
 * the same transaction. An offline partner's list is visible to the org that uploaded it only.
 */
export async function getPartnerOverlapView(ctx: ServiceContext, input: GetPartnerOverlapViewInput): Promise<SharedView> {
  const parsed = parseServiceInput(GetPartnerOverlapViewInputSchema, input, "overlap view request");
  const viewer = await resolveViewer(ctx, parsed.viewer);
  const { view } = await readSharedView(ctx, {
    viewerOrgId: viewer.orgId,
    ...(viewer.userId && { viewerUserId: viewer.userId }),
    channel: parsed.channel,
    partner: parsed.partner,
  });
  return view;
}
