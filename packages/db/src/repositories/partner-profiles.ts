import { eq } from "drizzle-orm";
import { z } from "zod";
import type { Db } from "../database.ts";
import { runWithConflictCheck } from "../internal/constraint-errors.ts";
import { formatTimestamp } from "../internal/timestamps.ts";
import type { WriteOptions } from "../internal/timestamps.ts";
import { parseInput } from "../internal/validate-input.ts";
import { partnerProfiles } from "../schema/cosell.ts";

export const PartnerProfileInputSchema = z.object({
  partnerId: z.string().min(1),
  /** e.g. "reseller", "technology", "SI". */
  type: z.string().trim().min(1).optional(),
  /** The partner manager on my side. */
  manager: z.string().trim().min(1).optional(),
});
export type PartnerProfileInput = z.input<typeof PartnerProfileInputSchema>;
export type StoredPartnerProfile = { partnerId: string; type?: string; manager?: string; updatedAt: string };

/** Sets a partner's type and manager (omitted = cleared). The caller checks the partner is the org's. */
export async function setPartnerProfile(
  db: Db,
  orgId: string,
  input: PartnerProfileInput,
  options: WriteOptions = {},
): Promise<StoredPartnerProfile> {
  const parsed = parseInput(PartnerProfileInputSchema, input, "partner profile");
  const values = { type: parsed.type ?? null, manager: parsed.manager ?? null, updatedAt: formatTimestamp(options) };
  await runWithConflictCheck("partner profile conflict", () =>
    db
      .insert(partnerProfiles)
      .values({ partnerId: parsed.partnerId, orgId, ...values })
      .onConflictDoUpdate({ target: partnerProfiles.partnerId, set: values }),
  );
  return { ...parsed, updatedAt: values.updatedAt };
}

export async function listPartnerProfiles(db: Db, orgId: string): Promise<StoredPartnerProfile[]> {
  const rows = await db.select().from(partnerProfiles).where(eq(partnerProfiles.orgId, orgId));
  return rows.map((row) => ({
    partnerId: row.partnerId,
    ...(row.type !== null && { type: row.type }),
    ...(row.manager !== null && { manager: row.manager }),
    updatedAt: row.updatedAt,
  }));
}
