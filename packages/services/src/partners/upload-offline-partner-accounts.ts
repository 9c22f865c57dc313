import { loadAccountsCsv } from "@mutual/connector-csv";
import type { CsvImportReport } from "@mutual/connector-csv";
import { AppError, isAppError } from "@mutual/core";
import type { Partner } from "@mutual/core";
import { accounts, getPartner, softDeleteAccounts, upsertAccounts } from "@mutual/db";
import type { UpsertCounts } from "@mutual/db";
import { and, eq, isNull } from "drizzle-orm";
import { z } from "zod";
import { readClock, type ServiceContext } from "../context.ts";
import { parseServiceInput } from "../internal/parse-input.ts";
import { MANAGERS, requireMember } from "../internal/require-member.ts";
import { recomputeOverlaps } from "../overlaps/recompute-overlaps.ts";

export const UploadOfflinePartnerAccountsInputSchema = z.object({
  actorUserId: z.string().min(1),
  partnerId: z.string().min(1),
  /** Path of the partner's account CSV (canonical or common CRM headers). */
  file: z.string().min(1),
  /** canonical field -> header in the file. */
  map: z.record(z.string(), z.string()).optional(),
  skipInvalid: z.boolean().optional(),
});
export type UploadOfflinePartnerAccountsInput = z.input<typeof UploadOfflinePartnerAccountsInputSchema>;

/** Records of an offline partner are stored under its own source, so two partners' ids never collide. */
export function offlinePartnerSource(partnerId: string): string {
  return `offline-${partnerId.toLowerCase().replace(/[^a-z0-9_-]/g, "_")}`;
}

/**
 * Replaces an offline partner's account list with a CSV file: new and changed rows are upserted,
 * rows missing from the file are soft-deleted, then the overlaps against it are recomputed. Only
 * the org that owns the partner may upload; to anyone else the partner does not exist.
 */
export async function uploadOfflinePartnerAccounts(
  ctx: ServiceContext,
  input: UploadOfflinePartnerAccountsInput,
): Promise<{ partner: Partner; report: CsvImportReport; counts: UpsertCounts; removed: number; overlaps: number }> {
  const parsed = parseServiceInput(UploadOfflinePartnerAccountsInputSchema, input, "offline partner upload");
  const actor = await requireMember(ctx.db, parsed.actorUserId, { roles: MANAGERS });
  const partner = await getPartner(ctx.db, parsed.partnerId).catch((error: unknown) => {
    if (isAppError(error) && error.code === "not_found") return undefined;
    throw error;
  });
  if (!partner || partner.kind !== "offline" || partner.ownerOrgId !== actor.orgId) {
    throw new AppError("not_found", `offline partner ${parsed.partnerId} not found`);
  }
  const { accounts: list, report } = await loadAccountsCsv(parsed.file, {
    ...(parsed.map && { map: parsed.map }),
    ...(parsed.skipInvalid !== undefined && { skipInvalid: parsed.skipInvalid }),
  });
  const now = readClock(ctx);
  const source = offlinePartnerSource(partner.id);
  const counts = await upsertAccounts(ctx.db, actor.orgId, source, list, { now, offlinePartnerId: partner.id });
  const kept = new Set(list.map((account) => account.id));
  const stale = ctx.db
    .select({ sourceId: accounts.sourceId })
    .from(accounts)
    .where(and(eq(accounts.orgId, actor.orgId), eq(accounts.offlinePartnerId, partner.id), isNull(accounts.deletedAt)))
    .all()
    .map((row) => row.sourceId)
    .filter((id) => !kept.has(id));
  const removed = await softDeleteAccounts(ctx.db, actor.orgId, source, stale, { now });
  const [scope] = await recomputeOverlaps(ctx, { orgId: actor.orgId, only: { offlinePartnerId: partner.id } });
  return { partner, report, counts, removed, overlaps: scope?.pairs ?? 0 };
}
