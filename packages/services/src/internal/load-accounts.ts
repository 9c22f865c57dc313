import { compilePopulationAssigner, defaultStandardPopulations, groupAccountSubjects, matchRecordOf } from "@mutual/core";
import type { Account, AccountSubject, MatchRecord, Opportunity, PopulationRule } from "@mutual/core";
import { accounts, bindIdList, inIdList, mapRowToAccount, mapRowToOpportunity, opportunities, populations, reusePrepared } from "@mutual/db";
import type { AccountRow, Db } from "@mutual/db";
import { and, eq, isNull, sql } from "drizzle-orm";

/** Whose accounts: an org's own, or an offline partner's list that the org uploaded. */
export type AccountOwner = { orgId: string; offlinePartnerId?: string };

/** Accounts as the services use them: `account.id` is OUR id (accounts.id), as in stored overlaps. */
export interface LoadedAccounts {
  subjects: AccountSubject[];
  /** Same order as subjects: what the matcher reads. */
  matchRecords: MatchRecord[];
}

const ID_BATCH = 500;

function chunk<T>(items: readonly T[]): T[][] {
  const chunks: T[][] = [];
  for (let i = 0; i < items.length; i += ID_BATCH) chunks.push(items.slice(i, i + ID_BATCH));
  return chunks;
}

function ownerCondition(owner: AccountOwner) {
  return and(
    eq(accounts.orgId, owner.orgId),
    owner.offlinePartnerId === undefined ? isNull(accounts.offlinePartnerId) : eq(accounts.offlinePartnerId, owner.offlinePartnerId),
    isNull(accounts.deletedAt),
  );
}

function isOwnedLive(row: AccountRow, owner: AccountOwner): boolean {
  return row.orgId === owner.orgId && row.offlinePartnerId === (owner.offlinePartnerId ?? null) && row.deletedAt === null;
}

/**
 * Live accounts of one owner (all of them, or those of `ids`) with their live opportunities.
 * Synchronous so read paths can call it inside their transaction.
 */
export function loadAccounts(db: Db, owner: AccountOwner, ids?: readonly string[]): LoadedAccounts {
  return createAccountReader(db).load(owner, ids);
}

/** Population rules of an owner: the org's stored ones, or the standard CSV rules for an offline list. */
export function loadPopulationRules(db: Db, owner: AccountOwner): (PopulationRule & { id: string; name: string })[] {
  return createAccountReader(db).rules(owner);
}

export type AccountReader = ReturnType<typeof createAccountReader>;

/**
 * `loadAccounts` and `loadPopulationRules` with their statements prepared once: for callers that read
 * a few accounts of many owners (an incremental recompute reads those of every partner), where building
 * each query's SQL would cost more than running it.
 */
export function createAccountReader(db: Db) {
  // Each prepared on first use and kept for the connection: a caller reading only rules, or whole lists,
  // prepares nothing else.
  const accountsById = () => reusePrepared(db, "services.accounts.byIds", () => db.select().from(accounts).where(inIdList(accounts.id)).prepare());
  const opportunitiesOf = () =>
    reusePrepared(db, "services.opportunities.liveOfAccounts", () =>
      db
        .select()
        .from(opportunities)
        .where(and(inIdList(opportunities.accountId), isNull(opportunities.deletedAt)))
        .prepare(),
    );
  const populationsOf = () =>
    reusePrepared(db, "services.populations.ofOrg", () => db.select().from(populations).where(eq(populations.orgId, sql.placeholder("orgId"))).prepare());

  function load(owner: AccountOwner, ids?: readonly string[]): LoadedAccounts {
    const rows: AccountRow[] =
      ids === undefined
        ? db.select().from(accounts).where(ownerCondition(owner)).all()
        : // By primary key, the owner checked here: with the owner in the query SQLite may walk the owner's
          // index (every account of every org without an offline partner) instead.
          chunk([...new Set(ids)]).flatMap((batch) => accountsById().all(bindIdList(batch)).filter((row) => isOwnedLive(row, owner)));
    // Parent ids are source ids; the matcher pairs a record with its parent by id, so map them to ours.
    const idBySource = new Map(rows.map((row) => [`${row.source}\u0000${row.sourceId}`, row.id]));
    const list: Account[] = rows.map((row) => ({ ...mapRowToAccount(row), id: row.id }));
    const matchRecords: MatchRecord[] = rows.map((row, i) => {
      const record = matchRecordOf(list[i]!);
      record.parentId = row.parentSourceId === null ? undefined : idBySource.get(`${row.source}\u0000${row.parentSourceId}`);
      return record;
    });
    const opportunityRows =
      owner.offlinePartnerId !== undefined ? [] : chunk(rows.map((row) => row.id)).flatMap((batch) => opportunitiesOf().all(bindIdList(batch)));
    const opps: Opportunity[] = opportunityRows.map((row) => ({ ...mapRowToOpportunity(row), accountId: row.accountId! }));
    return { subjects: groupAccountSubjects(list, opps), matchRecords };
  }

  function rules(owner: AccountOwner): (PopulationRule & { id: string; name: string })[] {
    if (owner.offlinePartnerId !== undefined) {
      // Offline lists have no populations of their own: the standard ones (ids = their keys) read their status column.
      return defaultStandardPopulations("csv").map((rule) => ({ ...rule, id: rule.standardKey }));
    }
    return populationsOf().all({ orgId: owner.orgId }).map((row) => ({
      id: row.id,
      name: row.name,
      ...(row.standardKey !== null && { standardKey: row.standardKey }),
      ...(row.filter !== null && { filter: row.filter }),
    }));
  }

  return { load, rules };
}

/** Population ids of every subject, by our account id. */
export function assignAccountPopulations(
  rules: readonly (PopulationRule & { id: string })[],
  subjects: readonly AccountSubject[],
  now: Date,
): Map<string, string[]> {
  const assign = compilePopulationAssigner(rules, { now });
  return new Map(subjects.map((subject) => [subject.account.id, assign(subject)]));
}
