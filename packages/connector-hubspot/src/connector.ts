import type { CrmConnector, CrmObjectType, ObjectDescription, PullOptions, PullPage, QuotaUsage } from "@mutual/connector-kit";
import type { Account, Opportunity } from "@mutual/core";
import type { HubSpotAuth, HubSpotTokens } from "./auth.ts";
import { HubSpotApi } from "./hubspot-api.ts";
import { DEFAULT_MAPPING, companyPropertiesOf, dealPropertiesOf, toAccount, toOpportunity, validateMapping, type HubSpotFieldMapping } from "./mapping.ts";
import { pullObjects, type RawObject } from "./pull.ts";
import type { HubSpotLimits } from "./rate-limiter.ts";
import { ensureProperties, objectTypeOf, writeUpdates } from "./write-back.ts";

export interface HubSpotConnectorOptions {
  auth: HubSpotAuth;
  basePath?: string;
  /** The account tier's limits (see HUBSPOT_TIER_LIMITS). */
  limits: HubSpotLimits;
  mapping?: Partial<HubSpotFieldMapping>;
  /** Default 5 s: changes younger than this wait for the next incremental run. */
  indexLagMs?: number;
  retries?: number;
  /** Per-call timeout (default 30 s); a timed-out call is retried like a dropped connection. */
  requestTimeoutMs?: number;
  now?: () => number;
  sleep?: (ms: number) => Promise<void>;
  onTokens?: (tokens: HubSpotTokens) => void;
}

export interface HubSpotConnector extends CrmConnector {
  /** Calls sent, 429s received, retries, and deals skipped for having no company. */
  stats(): { apiCalls: number; rateLimited: number; retries: number; dealsWithoutCompany: number };
}

/** HubSpot's published tiers, for `limits`. */
export const HUBSPOT_TIER_LIMITS = {
  starter: { burstPerTenSeconds: 100, searchPerSecond: 5, daily: 250_000 },
  professional: { burstPerTenSeconds: 190, searchPerSecond: 5, daily: 625_000 },
  enterprise: { burstPerTenSeconds: 190, searchPerSecond: 5, daily: 1_000_000 },
} as const satisfies Record<string, HubSpotLimits>;

const ASSOCIATION_BATCH = 1000;

export function createHubSpotConnector(options: HubSpotConnectorOptions): HubSpotConnector {
  const now = options.now ?? Date.now;
  const api = new HubSpotApi({ ...options, now });
  const mapping: HubSpotFieldMapping = { ...DEFAULT_MAPPING, ...options.mapping };
  const propertyCache = new Map<string, Promise<ObjectDescription>>();
  let dealsWithoutCompany = 0;
  let mappingChecked = false;

  const describeType = (objectType: "companies" | "deals", object: CrmObjectType): Promise<ObjectDescription> => {
    const cached = propertyCache.get(objectType);
    if (cached) return cached;
    const loading = api
      .call("standard", (c) => c.crm.properties.coreApi.getAll(objectType, false))
      .then((response) => ({
        object,
        providerName: objectType,
        fields: response.results.map((p) => ({
          name: p.name,
          label: p.label,
          type: p.type,
          custom: !p.hubspotDefined,
          updateable: !p.modificationMetadata?.readOnlyValue,
        })),
      }));
    loading.catch(() => propertyCache.delete(objectType));
    propertyCache.set(objectType, loading);
    return loading;
  };
  const names = async (objectType: "companies" | "deals") =>
    new Set((await describeType(objectType, objectType === "companies" ? "account" : "opportunity")).fields.map((f) => f.name));

  async function checkMapping(): Promise<void> {
    if (mappingChecked) return;
    validateMapping(mapping, await names("companies"), await names("deals"));
    mappingChecked = true;
  }

  /** Primary company of each deal, by v4 batch read (1,000 deals per call). */
  async function companiesOf(dealIds: string[]): Promise<Map<string, string>> {
    const primary = new Map<string, string>();
    for (let start = 0; start < dealIds.length; start += ASSOCIATION_BATCH) {
      const inputs = dealIds.slice(start, start + ASSOCIATION_BATCH).map((id) => ({ id }));
      const response = await api.call("standard", (c) => c.crm.associations.v4.batchApi.getPage("deals", "companies", { inputs }));
      for (const result of response.results) {
        const first = result.to.find((t) => t.associationTypes.some((a) => a.typeId === 5)) ?? result.to[0];
        if (first) primary.set(result._from.id, String(first.toObjectId));
      }
    }
    return primary;
  }

  return {
    provider: "hubspot",

    async *pullAccounts(pullOptions?: PullOptions): AsyncIterable<PullPage<Account>> {
      await checkMapping();
      yield* pullObjects(
        api,
        {
          objectType: "companies",
          properties: companyPropertiesOf(mapping),
          chunkSize: 200,
          convert: async (objects: RawObject[]) => objects.map((o) => toAccount(o.id, o.properties, mapping)),
          indexLagMs: options.indexLagMs ?? 5_000,
          now,
        },
        pullOptions,
      );
    },

    async *pullOpportunities(pullOptions?: PullOptions): AsyncIterable<PullPage<Opportunity>> {
      await checkMapping();
      yield* pullObjects(
        api,
        {
          objectType: "deals",
          properties: dealPropertiesOf(mapping),
          chunkSize: ASSOCIATION_BATCH,
          convert: async (objects: RawObject[]) => {
            const companies = objects.length > 0 ? await companiesOf(objects.map((o) => o.id)) : new Map<string, string>();
            const opportunities: Opportunity[] = [];
            for (const object of objects) {
              const accountId = companies.get(object.id);
              // Mutual's opportunities belong to an account; deals without a company are counted, not invented.
              if (accountId) opportunities.push(toOpportunity(object.id, accountId, object.properties, mapping));
              else dealsWithoutCompany++;
            }
            return opportunities;
          },
          indexLagMs: options.indexLagMs ?? 5_000,
          now,
        },
        pullOptions,
      );
    },

    describe: (object) => describeType(objectTypeOf(object), object),

    async ensureFields(specs) {
      const result = await ensureProperties(api, specs, async (objectType) => new Set(await names(objectType)));
      if (result.created.length > 0) propertyCache.clear();
      return result;
    },

    async writeFields(object, updates) {
      return writeUpdates(api, objectTypeOf(object), updates);
    },

    async usage(): Promise<QuotaUsage> {
      const used = api.limiter.dailyCallsUsed;
      const limit = options.limits.daily;
      return { used, limit, share: limit > 0 ? used / limit : 0 };
    },

    stats: () => ({ ...api.stats, dealsWithoutCompany }),
  };
}
