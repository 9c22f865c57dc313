import { formatSharedViewCsv } from "@mutual/core";
import { z } from "zod";
import type { ServiceContext } from "../context.ts";
import { parseServiceInput } from "../internal/parse-input.ts";
import { readSharedView } from "../internal/read-shared-view.ts";
import { PartnerRefSchema, ViewerSchema, resolveViewer } from "../internal/resolve-viewer.ts";

export const ExportOverlapsCsvInputSchema = z.object({
  viewer: ViewerSchema,
  partner: PartnerRefSchema,
});
export type ExportOverlapsCsvInput = z.input<typeof ExportOverlapsCsvInputSchema>;

/**
 * The partner's records the viewer may see, as CSV (RFC 4180; every text cell neutralized against
 * spreadsheet formula injection). Same policy and audit as `getPartnerOverlapView`, channel `export`.
 */
export async function exportOverlapsCsv(ctx: ServiceContext, input: ExportOverlapsCsvInput): Promise<string> {
  const parsed = parseServiceInput(ExportOverlapsCsvInputSchema, input, "overlap export request");
  const viewer = await resolveViewer(ctx, parsed.viewer);
  const { view } = await readSharedView(ctx, {
    viewerOrgId: viewer.orgId,
    ...(viewer.userId && { viewerUserId: viewer.userId }),
    channel: "export",
    partner: parsed.partner,
  });
  return formatSharedViewCsv(view);
}
