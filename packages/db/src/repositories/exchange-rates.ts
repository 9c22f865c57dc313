import { randomUUID } from "node:crypto";
import { ExchangeRateSchema } from "@mutual/core";
import type { ExchangeRate } from "@mutual/core";
import { and, asc, eq, sql } from "drizzle-orm";
import type { Db } from "../database.ts";
import { formatTimestamp } from "../internal/timestamps.ts";
import type { WriteOptions } from "../internal/timestamps.ts";
import { parseInputList } from "../internal/validate-input.ts";
import { exchangeRates } from "../schema/cosell.ts";

/**
 * Adds or updates admin-supplied rates (one per currency and period: the same period again
 * replaces its rate). All-or-nothing validation. Returns how many rows were written.
 */
export async function upsertExchangeRates(
  db: Db,
  orgId: string,
  input: readonly ExchangeRate[],
  options: WriteOptions = {},
): Promise<number> {
  const rates = parseInputList(ExchangeRateSchema, input, "exchange rate");
  if (rates.length === 0) return 0;
  const createdAt = formatTimestamp(options);
  db.transaction((tx) => {
    for (const rate of rates) {
      tx.insert(exchangeRates)
        .values({ id: randomUUID(), orgId, ...rate, createdAt })
        .onConflictDoUpdate({
          target: [exchangeRates.orgId, exchangeRates.currency, exchangeRates.validFrom, exchangeRates.validTo],
          set: { rate: sql`excluded.rate` },
        })
        .run();
    }
  });
  return rates.length;
}

/** Every rate of the org, by currency and period. */
export async function listExchangeRates(db: Db, orgId: string): Promise<ExchangeRate[]> {
  const rows = await db
    .select()
    .from(exchangeRates)
    .where(eq(exchangeRates.orgId, orgId))
    .orderBy(asc(exchangeRates.currency), asc(exchangeRates.validFrom));
  return rows.map((row) => ({ currency: row.currency, validFrom: row.validFrom, validTo: row.validTo, rate: row.rate }));
}

/** Removes one currency's rate for one period; returns whether it existed. */
export async function deleteExchangeRate(
  db: Db,
  orgId: string,
  key: Pick<ExchangeRate, "currency" | "validFrom" | "validTo">,
): Promise<boolean> {
  const deleted = await db
    .delete(exchangeRates)
    .where(
      and(
        eq(exchangeRates.orgId, orgId),
        eq(exchangeRates.currency, key.currency.toUpperCase()),
        eq(exchangeRates.validFrom, key.validFrom),
        eq(exchangeRates.validTo, key.validTo),
      ),
    )
    .returning({ id: exchangeRates.id });
  return deleted.length > 0;
}
