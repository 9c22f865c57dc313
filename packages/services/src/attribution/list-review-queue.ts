import { listReviewItems, REVIEW_ITEM_STATUSES } from "@mutual/db";
import type { StoredReviewItem } from "@mutual/db";
import { z } from "zod";
import type { ServiceContext } from "../context.ts";
import { parseServiceInput } from "../internal/parse-input.ts";

export const ListReviewQueueInputSchema = z.object({
  orgId: z.string().min(1),
  /** Default: the open items only. */
  status: z.enum(REVIEW_ITEM_STATUSES).default("open"),
});
export type ListReviewQueueInput = z.input<typeof ListReviewQueueInputSchema>;

/** Conflicting or unclear attribution signals a person must settle. */
export async function listReviewQueue(ctx: ServiceContext, input: ListReviewQueueInput): Promise<StoredReviewItem[]> {
  const parsed = parseServiceInput(ListReviewQueueInputSchema, input, "review queue request");
  return listReviewItems(ctx.db, parsed.orgId, { status: parsed.status });
}
