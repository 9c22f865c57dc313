import { AppError } from "../errors.ts";
import type { Account } from "../model/account.ts";
import { ACCOUNT_FIELD_KINDS, createAccountFieldReader, type FieldValue } from "../populations/fields.ts";
import type { PopulationGrant, SharedLevel, ViewPermission } from "./decide-visibility.ts";

/** One overlapping company between the owner and the viewer: every record of it on each side. */
export interface OverlapCompanyIds {
  ownerAccountIds: readonly string[];
  viewerAccountIds: readonly string[];
}

/** The owner's data as a read path loaded it, before anything is shown to the viewer. */
export interface SharingData {
  ownerOrgId: string;
  populations: readonly { id: string; name: string }[];
  accounts: readonly { account: Account; populationIds: readonly string[] }[];
  /**
   * Overlaps between the owner and the viewer, stamped with the viewer org they were computed
   * against so a read path cannot pass another partner's overlaps by mistake.
   */
  overlaps?: { viewerOrgId: string; companies: readonly OverlapCompanyIds[] };
}

export interface SharedPopulation {
  populationId: string;
  name: string;
  level: SharedLevel;
  /** Overlapping companies with at least one of the owner's records in this population. */
  overlapCompanies: number;
  /** The owner's overlapping records in this population (differs from companies with duplicates). */
  overlapRecords: number;
  /** Size of the population: only at `full`, where every record is visible anyway. */
  totalRecords?: number;
}

export interface SharedRecord {
  /** Only allowlisted fields with a value; `id` only when allowlisted. */
  fields: Record<string, FieldValue>;
  /** Populations through which this record is visible (never a `counts` or hidden one). */
  populationIds: string[];
  overlapping: boolean;
  /** The viewer's own accounts this record matches (the viewer's data, so always safe to show). */
  viewerAccountIds: string[];
}

/** Exactly what the viewer may receive; safe to serialize to them as is. */
export interface SharedView {
  ownerOrgId: string;
  viewerOrgId: string;
  populations: SharedPopulation[];
  records: SharedRecord[];
}

/** For the disclosure audit log (owner side only: it names the owner's account ids). */
export interface Disclosure {
  accountId: string;
  fields: string[];
  populationIds: string[];
}

interface ProjectedRecord extends SharedRecord {
  accountId: string;
}

/**
 * Projects the owner's data through a permission from `decideVisibility`. Every read path (API,
 * console, CRM push, Slack, exports, webhooks) shows or sends only what this returns.
 *
 * Populations: hidden ones are absent, name included. Their very existence is the owner's business
 * ("Churn risk", "Acquisition targets" are telling names), and a partner cannot miss what it never
 * knew about. `counts` reveals the population's name and overlap counts, never its records nor its
 * size; `overlaps` adds the overlapping records; `full` adds every record and the size.
 *
 * Records in several populations: a record is shown when at least one of its populations lets it
 * through (`full`, or `overlaps` when it overlaps the viewer). Its fields are the union of the
 * allowlists of exactly those populations, and only those populations are listed on it. So every
 * field shown is allowed by a rule that on its own allows showing this very record; a `counts`
 * population contributes nothing, and a population at `full` whose allowlist is narrower than an
 * `overlaps` one does not widen the fields of non-overlapping records. Accounts in no population
 * are never shown to a partner.
 */
export function applySharingPolicy(permission: ViewPermission, data: SharingData): SharedView {
  const { populations, records } = project(permission, data);
  return {
    ownerOrgId: permission.ownerOrgId,
    viewerOrgId: permission.viewerOrgId,
    populations,
    records: records.map(({ accountId: _hidden, ...record }) => record),
  };
}

/** What a view discloses to a partner, for the audit log; empty for the owner and for nobody. */
export function listDisclosures(permission: ViewPermission, data: SharingData): Disclosure[] {
  if (permission.access !== "partner") return [];
  return project(permission, data).records.map((record) => ({
    accountId: record.accountId,
    fields: Object.keys(record.fields),
    populationIds: record.populationIds,
  }));
}

function project(permission: ViewPermission, data: SharingData): { populations: SharedPopulation[]; records: ProjectedRecord[] } {
  if (data.ownerOrgId !== permission.ownerOrgId) {
    throw new AppError("invalid_input", `data of org ${data.ownerOrgId} cannot be shown under a permission for org ${permission.ownerOrgId}`);
  }
  if (data.overlaps && data.overlaps.viewerOrgId !== permission.viewerOrgId) {
    throw new AppError("invalid_input", `overlaps computed against org ${data.overlaps.viewerOrgId} cannot be shown to org ${permission.viewerOrgId}`);
  }
  if (permission.access === "none") return { populations: [], records: [] };

  const grants: ReadonlyMap<string, PopulationGrant> =
    permission.access === "owner"
      ? new Map(data.populations.map((p) => [p.id, { populationId: p.id, level: "full", fields: [] }]))
      : new Map(permission.grants.map((grant) => [grant.populationId, grant]));

  const viewerIdsByOwnerId = new Map<string, Set<string>>();
  for (const company of data.overlaps?.companies ?? []) {
    for (const ownerId of company.ownerAccountIds) {
      const ids = viewerIdsByOwnerId.get(ownerId) ?? new Set<string>();
      for (const viewerId of company.viewerAccountIds) ids.add(viewerId);
      viewerIdsByOwnerId.set(ownerId, ids);
    }
  }

  const readers = new Map<string, (account: Account) => FieldValue>();
  const readField = (account: Account, name: string): FieldValue => {
    let reader = readers.get(name);
    if (!reader) readers.set(name, (reader = createAccountFieldReader(name)));
    return reader(account);
  };

  const records: ProjectedRecord[] = [];
  for (const { account, populationIds } of data.accounts) {
    const overlapping = viewerIdsByOwnerId.has(account.id);
    const through = [...new Set(populationIds)].filter((id) => {
      const grant = grants.get(id);
      return grant !== undefined && (grant.level === "full" || (grant.level === "overlaps" && overlapping));
    });
    const isOwner = permission.access === "owner";
    if (through.length === 0 && !isOwner) continue;
    const fields: Record<string, FieldValue> = {};
    const names = isOwner ? allFieldNames(account) : new Set(through.flatMap((id) => grants.get(id)?.fields ?? []));
    for (const name of names) {
      const value = readField(account, name);
      if (value !== undefined) fields[name] = value;
    }
    records.push({
      accountId: account.id,
      fields,
      populationIds: through,
      overlapping,
      viewerAccountIds: [...(viewerIdsByOwnerId.get(account.id) ?? [])],
    });
  }

  const tallies = tallyPopulations(data, viewerIdsByOwnerId);
  const populations = data.populations.flatMap((population): SharedPopulation[] => {
    const grant = grants.get(population.id);
    if (!grant) return [];
    const tally = tallies.get(population.id);
    const shared: SharedPopulation = {
      populationId: population.id,
      name: population.name,
      level: grant.level,
      overlapCompanies: tally?.overlapCompanies ?? 0,
      overlapRecords: tally?.overlapRecords.size ?? 0,
    };
    if (grant.level === "full") shared.totalRecords = tally?.totalRecords ?? 0;
    return [shared];
  });
  return { populations, records };
}

interface PopulationTally {
  totalRecords: number;
  overlapRecords: Set<string>;
  overlapCompanies: number;
}

/** Per population: records, overlapping records and overlapping companies, in one pass each. */
function tallyPopulations(data: SharingData, viewerIdsByOwnerId: ReadonlyMap<string, unknown>): Map<string, PopulationTally> {
  const tallies = new Map<string, PopulationTally>();
  const tally = (id: string) => {
    let found = tallies.get(id);
    if (!found) tallies.set(id, (found = { totalRecords: 0, overlapRecords: new Set(), overlapCompanies: 0 }));
    return found;
  };
  const populationsOf = new Map<string, Set<string>>();
  for (const { account, populationIds } of data.accounts) {
    const memberOf = populationsOf.get(account.id) ?? new Set<string>();
    populationsOf.set(account.id, memberOf);
    for (const id of new Set(populationIds)) {
      memberOf.add(id);
      tally(id).totalRecords += 1;
      if (viewerIdsByOwnerId.has(account.id)) tally(id).overlapRecords.add(account.id);
    }
  }
  for (const company of data.overlaps?.companies ?? []) {
    const companyPopulations = new Set(company.ownerAccountIds.flatMap((id) => [...(populationsOf.get(id) ?? [])]));
    for (const id of companyPopulations) tally(id).overlapCompanies += 1;
  }
  return tallies;
}

/** The owner sees every canonical field and every custom field (a canonical name wins a clash). */
function allFieldNames(account: Account): string[] {
  const canonical = Object.keys(ACCOUNT_FIELD_KINDS);
  const taken = new Set(canonical.map((name) => name.toLowerCase()));
  const custom = Object.keys(account.custom ?? {}).filter((name) => !taken.has(name.toLowerCase()));
  return [...canonical, ...custom];
}
