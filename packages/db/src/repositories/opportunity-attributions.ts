import type { AttributionFlag, OpportunityAttribution, PartnerCredit } from "@mutual/core";
import { AppError } from "@mutual/core";
import { and, asc, eq } from "drizzle-orm";
import { WRITE_TRANSACTION } from "../database.ts";
import type { Db } from "../database.ts";
import { splitIntoBatches } from "../internal/batches.ts";
import { formatTimestamp } from "../internal/timestamps.ts";
import type { WriteOptions } from "../internal/timestamps.ts";
import { opportunityAttributions } from "../schema/attribution.ts";

/** A stored attribution: core's result (review items live in the review queue) plus when it was computed. */
export type StoredAttribution = Omit<OpportunityAttribution, "review"> & { computedAt: string };

function toRow(orgId: string, a: OpportunityAttribution, computedAt: string): typeof opportunityAttributions.$inferInsert {
  return {
    opportunityId: a.opportunityId,
    orgId,
    accountId: a.accountId,
    state: a.state,
    opportunityCreatedAt: a.createdAt ?? null,
    closeDate: a.closeDate ?? null,
    amountMinor: a.amount?.minor ?? null,
    amountCurrency: a.amount?.currency ?? null,
    convertedMinor: a.converted?.minor ?? null,
    convertedCurrency: a.converted?.currency ?? null,
    origin: a.origin,
    flagged: a.flags.length > 0,
    credits: a.credits,
    evidence: a.evidence,
    flags: a.flags,
    override: a.override ?? null,
    computedAt,
  };
}

function fromRow(row: typeof opportunityAttributions.$inferSelect): StoredAttribution {
  return {
    opportunityId: row.opportunityId,
    accountId: row.accountId,
    state: row.state,
    createdAt: row.opportunityCreatedAt ?? undefined,
    closeDate: row.closeDate ?? undefined,
    amount: row.amountMinor === null || row.amountCurrency === null ? null : { minor: row.amountMinor, currency: row.amountCurrency },
    converted:
      row.convertedMinor === null || row.convertedCurrency === null
        ? null
        : { minor: row.convertedMinor, currency: row.convertedCurrency },
    credits: row.credits as PartnerCredit[],
    evidence: row.evidence,
    flags: row.flags as AttributionFlag[],
    origin: row.origin,
    override: row.override ?? undefined,
    computedAt: row.computedAt,
  };
}

/** Replaces every stored attribution of the org with `attributions`, in one transaction. */
export async function replaceAttributions(
  db: Db,
  orgId: string,
  attributions: readonly OpportunityAttribution[],
  options: WriteOptions = {},
): Promise<number> {
  const computedAt = formatTimestamp(options);
  db.transaction((tx) => {
    tx.delete(opportunityAttributions).where(eq(opportunityAttributions.orgId, orgId)).run();
    // Multi-row inserts: building one statement per row dominated a recompute.
    for (const batch of splitIntoBatches(attributions)) {
      tx.insert(opportunityAttributions).values(batch.map((a) => toRow(orgId, a, computedAt))).run();
    }
  }, WRITE_TRANSACTION);
  return attributions.length;
}

/** The org's stored attributions, by opportunity id; `flaggedOnly` keeps those with a flag. */
export async function listAttributions(db: Db, orgId: string, options: { flaggedOnly?: boolean } = {}): Promise<StoredAttribution[]> {
  const rows = await db
    .select()
    .from(opportunityAttributions)
    .where(
      options.flaggedOnly
        ? and(eq(opportunityAttributions.orgId, orgId), eq(opportunityAttributions.flagged, true))
        : eq(opportunityAttributions.orgId, orgId),
    )
    .orderBy(asc(opportunityAttributions.opportunityId));
  return rows.map(fromRow);
}

/** One opportunity's stored attribution within the org, or AppError("not_found"). */
export async function getAttribution(db: Db, orgId: string, opportunityId: string): Promise<StoredAttribution> {
  const [row] = await db
    .select()
    .from(opportunityAttributions)
    .where(and(eq(opportunityAttributions.orgId, orgId), eq(opportunityAttributions.opportunityId, opportunityId)));
  if (!row) throw new AppError("not_found", `no attribution for opportunity ${opportunityId}`);
  return fromRow(row);
}
