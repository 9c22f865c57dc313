import { randomUUID } from "node:crypto";
import { AccountSchema, registrableDomain } from "@mutual/core";
import type { Account } from "@mutual/core";
import { and, asc, count, eq, getTableColumns, gt, inArray, isNull, sql } from "drizzle-orm";
import type { SQL } from "drizzle-orm";
import { z } from "zod";
import { WRITE_TRANSACTION } from "../database.ts";
import type { Db } from "../database.ts";
import { createBatchWriter } from "../internal/batch-writer.ts";
import { bindIdList, inIdList, splitIntoBatches } from "../internal/batches.ts";
import { runWithConflictCheck } from "../internal/constraint-errors.ts";
import { hashContent, sortRecord } from "../internal/content-hash.ts";
import { formatTimestamp } from "../internal/timestamps.ts";
import type { WriteOptions } from "../internal/timestamps.ts";
import { setFromExcluded } from "../internal/upsert-set.ts";
import { parseInput, parseInputList } from "../internal/validate-input.ts";
import { accountListVersions } from "../schema/account-list-versions.ts";
import { accounts } from "../schema/accounts.ts";

/** Where records came from: "csv", "salesforce", "hubspot", ... (lower-case identifier). */
export const RecordSourceSchema = z.string().regex(/^[a-z][a-z0-9_-]*$/, "expected a lower-case source name like csv");

export type AccountRow = typeof accounts.$inferSelect;
export type UpsertCounts = { inserted: number; updated: number; unchanged: number };

/** `offlinePartnerId` marks the records as that offline partner's list (uploaded by `orgId`). */
export type UpsertAccountsOptions = WriteOptions & { offlinePartnerId?: string };

export type ListAccountsOptions = {
  source?: string;
  /** An offline partner's list the org uploaded; without it only the org's own accounts are listed. */
  offlinePartnerId?: string;
  includeDeleted?: boolean;
  /** Page size (default 1000); pass the last row's `id` as `after` for the next page. */
  limit?: number;
  after?: string;
};

// Columns an upsert rewrites on an existing row; identity and createdAt stay as first written.
const UPDATED_ON_CONFLICT = [
  "name",
  "website",
  "domain",
  "country",
  "state",
  "city",
  "phone",
  "parentSourceId",
  "status",
  "ownerEmail",
  "icpScore",
  "tier",
  "custom",
  "contentHash",
  "updatedAt",
  "deletedAt",
] as const;

function hashAccount(account: Account): string {
  return hashContent([
    account.name,
    account.website,
    account.country,
    account.state,
    account.city,
    account.phone,
    account.parentId,
    account.status,
    account.ownerEmail,
    account.icpScore,
    account.tier,
    sortRecord(account.custom),
  ]);
}

/** The canonical account back from a row (`id` is the source's id, as in the core model). */
export function mapRowToAccount(row: AccountRow): Account {
  const account: Account = { id: row.sourceId, name: row.name };
  if (row.website !== null) account.website = row.website;
  if (row.country !== null) account.country = row.country;
  if (row.state !== null) account.state = row.state;
  if (row.city !== null) account.city = row.city;
  if (row.phone !== null) account.phone = row.phone;
  if (row.parentSourceId !== null) account.parentId = row.parentSourceId;
  if (row.status !== null) account.status = row.status;
  if (row.ownerEmail !== null) account.ownerEmail = row.ownerEmail;
  if (row.icpScore !== null) account.icpScore = row.icpScore;
  if (row.tier !== null) account.tier = row.tier;
  if (row.custom !== null) account.custom = row.custom;
  return account;
}

type AccountInsert = Required<typeof accounts.$inferInsert>;
const ACCOUNT_KEYS = Object.keys(getTableColumns(accounts)) as (keyof AccountInsert)[];

function buildAccountRow(
  orgId: string,
  source: string,
  account: Account,
  contentHash: string,
  now: string,
  offlinePartnerId: string | null,
): AccountInsert {
  return {
    // New rows get a fresh id; on conflict the existing row keeps its own (id is not in the update set).
    id: randomUUID(),
    orgId,
    source,
    sourceId: account.id,
    name: account.name,
    website: account.website ?? null,
    domain: registrableDomain(account.website) ?? null,
    country: account.country ?? null,
    state: account.state ?? null,
    city: account.city ?? null,
    phone: account.phone ?? null,
    parentSourceId: account.parentId ?? null,
    status: account.status ?? null,
    ownerEmail: account.ownerEmail ?? null,
    icpScore: account.icpScore ?? null,
    tier: account.tier ?? null,
    custom: account.custom ?? null,
    offlinePartnerId,
    contentHash,
    createdAt: now,
    updatedAt: now,
    deletedAt: null,
  };
}

/** Last occurrence of each id wins, so one call never touches a row twice (Postgres forbids that). */
function keepLastById<T extends { id: string }>(records: readonly T[]): T[] {
  return [...new Map(records.map((record) => [record.id, record])).values()];
}

/** Marks one account list changed (see accountListVersions), inside the caller's write transaction. */
function bumpAccountListVersion(tx: Db, orgId: string, offlinePartnerId: string | undefined): void {
  tx.insert(accountListVersions)
    .values({ orgId, listKey: offlinePartnerId ?? "", version: 1 })
    .onConflictDoUpdate({ target: [accountListVersions.orgId, accountListVersions.listKey], set: { version: sql`${accountListVersions.version} + 1` } })
    .run();
}

function bumpEveryAccountListVersion(tx: Db, orgId: string): void {
  const lists = tx.selectDistinct({ offlinePartnerId: accounts.offlinePartnerId }).from(accounts).where(eq(accounts.orgId, orgId)).all();
  for (const { offlinePartnerId } of lists) bumpAccountListVersion(tx, orgId, offlinePartnerId ?? undefined);
}

/**
 * The version counter of each account list (0 for a list never written), by `org:<orgId>` for an org's
 * own accounts and `offline:<orgId>:<offlinePartnerId>` for an offline partner's list.
 */
export function getAccountListVersions(db: Db, owners: readonly { orgId: string; offlinePartnerId?: string }[]): Map<string, number> {
  const versions = new Map<string, number>();
  for (const owner of owners) {
    const row = db
      .select({ version: accountListVersions.version })
      .from(accountListVersions)
      .where(and(eq(accountListVersions.orgId, owner.orgId), eq(accountListVersions.listKey, owner.offlinePartnerId ?? "")))
      .get();
    versions.set(accountListVersionKey(owner), row?.version ?? 0);
  }
  return versions;
}

export function accountListVersionKey(owner: { orgId: string; offlinePartnerId?: string }): string {
  return owner.offlinePartnerId === undefined ? `org:${owner.orgId}` : `offline:${owner.orgId}:${owner.offlinePartnerId}`;
}

/**
 * Inserts new accounts, updates changed ones (and revives soft-deleted ones) and skips rows whose
 * content hash is unchanged. Runs in one transaction with multi-row statements per batch.
 */
export async function upsertAccounts(
  db: Db,
  orgId: string,
  source: string,
  input: readonly Account[],
  options: UpsertAccountsOptions = {},
): Promise<UpsertCounts> {
  const sourceName = parseInput(RecordSourceSchema, source, "source");
  const records = keepLastById(parseInputList(AccountSchema, input, "account"));
  const now = formatTimestamp(options);
  const columns = getTableColumns(accounts);
  const counts: UpsertCounts = { inserted: 0, updated: 0, unchanged: 0 };

  await runWithConflictCheck("duplicate account", () =>
    db.transaction((tx) => {
      const writer = createBatchWriter<AccountInsert>(tx, "accounts.upsert", ACCOUNT_KEYS, (placeholderRows) =>
        tx
          .insert(accounts)
          .values(placeholderRows)
          .onConflictDoUpdate({
            target: [accounts.orgId, accounts.source, accounts.sourceId],
            set: setFromExcluded(columns, UPDATED_ON_CONFLICT),
          })
          .prepare(),
      );
      const selectExisting = tx
        .select({ sourceId: accounts.sourceId, contentHash: accounts.contentHash, deletedAt: accounts.deletedAt })
        .from(accounts)
        .where(
          and(
            eq(accounts.orgId, orgId),
            eq(accounts.source, sourceName),
            inIdList(accounts.sourceId),
          ),
        )
        .prepare();
      for (const batch of splitIntoBatches(records)) {
        const existing = selectExisting.all(bindIdList(batch.map((account) => account.id)));
        const existingById = new Map(existing.map((row) => [row.sourceId, row]));

        for (const account of batch) {
          const contentHash = hashAccount(account);
          const previous = existingById.get(account.id);
          if (previous && previous.contentHash === contentHash && previous.deletedAt === null) {
            counts.unchanged += 1;
            continue;
          }
          if (previous) counts.updated += 1;
          else counts.inserted += 1;
          writer.add(buildAccountRow(orgId, sourceName, account, contentHash, now, options.offlinePartnerId ?? null));
        }
      }
      writer.flush();
      if (counts.inserted + counts.updated > 0) bumpAccountListVersion(tx, orgId, options.offlinePartnerId);
    }, WRITE_TRANSACTION),
  );
  return counts;
}

/**
 * An org's own accounts (or, with `offlinePartnerId`, that offline partner's list) ordered by our
 * id, a page at a time; soft-deleted ones only when asked.
 */
export async function listAccounts(db: Db, orgId: string, options: ListAccountsOptions = {}): Promise<AccountRow[]> {
  const conditions: SQL[] = [eq(accounts.orgId, orgId)];
  if (options.source !== undefined) conditions.push(eq(accounts.source, options.source));
  // An offline partner's list is never mixed into the org's own accounts.
  conditions.push(
    options.offlinePartnerId === undefined ? isNull(accounts.offlinePartnerId) : eq(accounts.offlinePartnerId, options.offlinePartnerId),
  );
  if (!options.includeDeleted) conditions.push(isNull(accounts.deletedAt));
  if (options.after !== undefined) conditions.push(gt(accounts.id, options.after));
  return db
    .select()
    .from(accounts)
    .where(and(...conditions))
    .orderBy(asc(accounts.id))
    .limit(options.limit ?? 1000);
}

/**
 * Accounts in the whole database, every org's and every offline list's, soft-deleted ones included: an upper
 * bound of what a sync worker may hold, counted from an index (a filter on deletion would read the table).
 */
export function countAllAccounts(db: Db): number {
  return db.select({ n: count() }).from(accounts).get()?.n ?? 0;
}

/**
 * Live accounts of an org (its own, not offline partners' lists) whose registrable domain matches one of `websites` (websites, URLs,
 * emails or bare domains; each is reduced with `registrableDomain` first).
 */
export async function findAccountsByDomain(db: Db, orgId: string, websites: readonly string[]): Promise<AccountRow[]> {
  const domains = [...new Set(websites.map((website) => registrableDomain(website)).filter((d) => d !== undefined))];
  const found: AccountRow[] = [];
  for (const batch of splitIntoBatches(domains)) {
    const rows = await db
      .select()
      .from(accounts)
      .where(
        and(inArray(accounts.domain, batch), eq(accounts.orgId, orgId), isNull(accounts.deletedAt), isNull(accounts.offlinePartnerId)),
      )
      .orderBy(asc(accounts.domain), asc(accounts.id));
    found.push(...rows);
  }
  return found;
}

/** Marks accounts deleted (kept for history and overlaps); returns how many were live before. */
export async function softDeleteAccounts(
  db: Db,
  orgId: string,
  source: string,
  sourceIds: readonly string[],
  options: WriteOptions = {},
): Promise<number> {
  const now = formatTimestamp(options);
  return db.transaction((tx) => {
    let deleted = 0;
    for (const batch of splitIntoBatches([...new Set(sourceIds)])) {
      const rows = tx
        .update(accounts)
        .set({ deletedAt: now, updatedAt: now })
        .where(
          and(
            eq(accounts.orgId, orgId),
            eq(accounts.source, source),
            inArray(accounts.sourceId, batch),
            isNull(accounts.deletedAt),
          ),
        )
        .returning({ id: accounts.id })
        .all();
      deleted += rows.length;
    }
    // Any list of the org may have lost accounts (source ids do not say which): bump them all.
    if (deleted > 0) bumpEveryAccountListVersion(tx, orgId);
    return deleted;
  }, WRITE_TRANSACTION);
}
