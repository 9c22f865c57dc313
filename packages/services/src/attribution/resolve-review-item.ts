import { ResolveReviewItemInputSchema, resolveReviewItem as storeResolution } from "@mutual/db";
import type { StoredReviewItem } from "@mutual/db";
import { z } from "zod";
import { readClock, type ServiceContext } from "../context.ts";
import { parseServiceInput } from "../internal/parse-input.ts";

export const ResolveReviewItemServiceInputSchema = ResolveReviewItemInputSchema.extend({
  orgId: z.string().min(1),
  itemId: z.string().min(1),
});
export type ResolveReviewItemServiceInput = z.input<typeof ResolveReviewItemServiceInputSchema>;

/**
 * Settles a review item without changing credit (resolved: the computed attribution is right;
 * dismissed: not worth acting on). To change credit, override the attribution instead.
 */
export async function resolveReviewItem(ctx: ServiceContext, input: ResolveReviewItemServiceInput): Promise<StoredReviewItem> {
  const { orgId, itemId, ...resolution } = parseServiceInput(ResolveReviewItemServiceInputSchema, input, "review resolution");
  return storeResolution(ctx.db, orgId, itemId, resolution, { now: readClock(ctx) });
}
