import { buildDefaultGroups, buildDefaultProperties } from "./default-properties.ts";
import type {
  HubSpotObjectType,
  HubSpotProperty,
  HubSpotPropertyGroup,
  HubSpotRecord,
  HubSpotSeed,
  HubSpotSeedRecord,
} from "./types.ts";

interface ObjectTable {
  live: Map<string, HubSpotRecord>;
  archived: Map<string, HubSpotRecord>;
  /** Live ids in ascending numeric order, rebuilt lazily after creates/archives. */
  sortedIds: string[] | undefined;
  properties: Map<string, HubSpotProperty>;
  groups: Map<string, HubSpotPropertyGroup>;
}

function byNumericId(a: string, b: string): number {
  return Number(a) - Number(b);
}

/**
 * In-memory HubSpot account: companies, deals, deal -> company associations, property definitions and groups.
 * Every write stamps `hs_lastmodifieddate` from the injected clock, as HubSpot does.
 */
export class HubSpotStore {
  private readonly tables: Record<HubSpotObjectType, ObjectTable>;
  /** deal id -> associated company ids, primary first. */
  private readonly dealCompanies = new Map<string, string[]>();
  private nextId: number;

  constructor(
    seed: HubSpotSeed,
    private readonly now: () => number,
  ) {
    const nowIso = new Date(now()).toISOString();
    const table = (type: HubSpotObjectType): ObjectTable => ({
      live: new Map(),
      archived: new Map(),
      sortedIds: undefined,
      properties: new Map(buildDefaultProperties(type, nowIso).map((p) => [p.name, p])),
      groups: new Map(buildDefaultGroups(type).map((g) => [g.name, g])),
    });
    this.tables = { companies: table("companies"), deals: table("deals") };
    let maxId = 0;
    const load = (type: HubSpotObjectType, seedRecord: HubSpotSeedRecord) => {
      const record = this.buildRecord(seedRecord);
      this.tables[type].live.set(record.id, record);
      maxId = Math.max(maxId, Number(record.id) || 0);
    };
    for (const company of seed.companies) load("companies", company);
    for (const deal of seed.deals) {
      load("deals", deal);
      this.dealCompanies.set(deal.id, [...deal.companyIds]);
    }
    this.nextId = maxId + 1;
  }

  private buildRecord(seed: HubSpotSeedRecord): HubSpotRecord {
    const createdAt = seed.createdAt ? Date.parse(seed.createdAt) : this.now();
    const updatedAt = seed.updatedAt ? Date.parse(seed.updatedAt) : createdAt;
    const record: HubSpotRecord = { id: seed.id, properties: { ...seed.properties }, createdAt, updatedAt };
    this.stampSystemProperties(record);
    return record;
  }

  private stampSystemProperties(record: HubSpotRecord): void {
    record.properties.hs_object_id = record.id;
    record.properties.createdate = new Date(record.createdAt).toISOString();
    record.properties.hs_lastmodifieddate = new Date(record.updatedAt).toISOString();
  }

  count(type: HubSpotObjectType, archived = false): number {
    return (archived ? this.tables[type].archived : this.tables[type].live).size;
  }

  get(type: HubSpotObjectType, id: string, archived = false): HubSpotRecord | undefined {
    return (archived ? this.tables[type].archived : this.tables[type].live).get(id);
  }

  /** All live (or archived) records, in no particular order. */
  all(type: HubSpotObjectType, archived = false): IterableIterator<HubSpotRecord> {
    return (archived ? this.tables[type].archived : this.tables[type].live).values();
  }

  /** A page of records in id order, starting at the first id >= `after` (HubSpot's list cursor). */
  listPage(
    type: HubSpotObjectType,
    options: { after?: string; limit: number; archived: boolean },
  ): { records: HubSpotRecord[]; nextAfter?: string } {
    const table = this.tables[type];
    const source = options.archived ? table.archived : table.live;
    const ids = options.archived ? [...source.keys()].sort(byNumericId) : this.sortedLiveIds(type);
    const start = options.after ? lowerBound(ids, Number(options.after)) : 0;
    const slice = ids.slice(start, start + options.limit);
    const records = slice.map((id) => source.get(id)).filter((r): r is HubSpotRecord => r !== undefined);
    const next = ids[start + options.limit];
    return next === undefined ? { records } : { records, nextAfter: next };
  }

  private sortedLiveIds(type: HubSpotObjectType): string[] {
    const table = this.tables[type];
    table.sortedIds ??= [...table.live.keys()].sort(byNumericId);
    return table.sortedIds;
  }

  create(type: HubSpotObjectType, properties: Record<string, string>, companyIds: string[] = []): HubSpotRecord {
    const id = String(this.nextId++);
    const record = this.buildRecord({ id, properties, createdAt: new Date(this.now()).toISOString() });
    this.tables[type].live.set(id, record);
    this.tables[type].sortedIds = undefined;
    if (type === "deals") this.dealCompanies.set(id, [...companyIds]);
    return record;
  }

  /** Sets properties (null clears) and bumps the modification time; undefined when the id is not live. */
  update(type: HubSpotObjectType, id: string, properties: Record<string, string | null>): HubSpotRecord | undefined {
    const record = this.tables[type].live.get(id);
    if (!record) return undefined;
    Object.assign(record.properties, properties);
    // A write never moves the clock backwards, so an edit is always visible to `hs_lastmodifieddate >= t`.
    record.updatedAt = Math.max(this.now(), record.updatedAt);
    this.stampSystemProperties(record);
    return record;
  }

  archive(type: HubSpotObjectType, id: string): boolean {
    const table = this.tables[type];
    const record = table.live.get(id);
    if (!record) return false;
    table.live.delete(id);
    table.sortedIds = undefined;
    record.archivedAt = this.now();
    table.archived.set(id, record);
    return true;
  }

  companiesOfDeal(dealId: string): string[] {
    return this.dealCompanies.get(dealId) ?? [];
  }

  properties(type: HubSpotObjectType): HubSpotProperty[] {
    return [...this.tables[type].properties.values()].filter((p) => !p.archived);
  }

  property(type: HubSpotObjectType, name: string): HubSpotProperty | undefined {
    const property = this.tables[type].properties.get(name);
    return property && !property.archived ? property : undefined;
  }

  addProperty(type: HubSpotObjectType, property: HubSpotProperty): void {
    this.tables[type].properties.set(property.name, property);
  }

  groups(type: HubSpotObjectType): HubSpotPropertyGroup[] {
    return [...this.tables[type].groups.values()].filter((g) => !g.archived);
  }

  group(type: HubSpotObjectType, name: string): HubSpotPropertyGroup | undefined {
    return this.tables[type].groups.get(name);
  }

  addGroup(type: HubSpotObjectType, group: HubSpotPropertyGroup): void {
    this.tables[type].groups.set(group.name, group);
  }
}

/** Index of the first id whose numeric value is >= `target`. */
function lowerBound(ids: readonly string[], target: number): number {
  let lo = 0;
  let hi = ids.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (Number(ids[mid]) < target) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
