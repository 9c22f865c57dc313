import type { Account } from "@mutual/core";
import {
  changePartnershipStatus,
  createOrganization,
  createPartnership,
  createStandardPopulations,
  upsertAccounts,
  upsertSharingRule,
} from "@mutual/db";
import type { Db } from "@mutual/db";
import type { SalesforceEmulator } from "@mutual/emulators";
import { createManualClock, createSqliteJobRunner } from "@mutual/jobs";
import type { JobRunner } from "@mutual/jobs";
import { createSecretBox, parseEncryptionKey } from "@mutual/secrets";
import { createWebhookDeliverer } from "@mutual/webhooks";
import { pino } from "pino";
import { ConnectorError } from "@mutual/connector-kit";
import type { SyncConnectionRow } from "@mutual/db";
import { createConnection } from "../connections/create-connection.ts";
import { openSyncSource } from "../connections/open-sync-source.ts";
import type { SyncSource } from "../connections/sync-source.ts";
import { createSyncWorker } from "../sync-worker.ts";
import type { SyncWorkerOptions } from "../sync-worker.ts";

export const T0 = new Date("2026-11-20T10:00:00.000Z");
// A fixed test key (never used outside tests).
export const TEST_SECRET_BOX = createSecretBox([parseEncryptionKey("a".repeat(64))]);
export const silentLogger = pino({ level: process.env.TEST_LOG_LEVEL ?? "silent" });

/**
 * Two orgs in an active partnership that share record-level overlaps with each other: acme (synced
 * from a CRM) and globex (accounts stored directly, the partner side). Globex's list holds the
 * websites of `overlapWith` acme accounts plus its own.
 */
export async function seedPartnership(db: Db, input: { overlapWith: readonly { website: string; name: string }[]; extra?: number }) {
  for (const org of [{ id: "acme", name: "Acme" }, { id: "globex", name: "Globex" }]) {
    await createOrganization(db, org, { now: T0 });
  }
  const populationsByOrg = new Map<string, string[]>();
  for (const orgId of ["acme", "globex"]) {
    const populations = await createStandardPopulations(db, orgId, { now: T0 });
    populationsByOrg.set(orgId, populations.map((p) => p.id!));
    for (const population of populations) {
      await upsertSharingRule(db, { populationId: population.id!, level: "overlaps", fieldAllowlist: ["name", "website"] }, { now: T0 });
    }
  }
  const partnership = await createPartnership(db, { inviterOrgId: "acme", inviteeOrgId: "globex" }, { now: T0 });
  await changePartnershipStatus(db, partnership.id, "active", { now: T0 });
  const globexAccounts: Account[] = input.overlapWith.map((account, i) => ({
    id: `g-${i}`,
    name: account.name,
    website: account.website,
    status: i % 3 === 0 ? "customer" : "prospect",
  }));
  for (let i = 0; i < (input.extra ?? 20); i += 1) {
    globexAccounts.push({ id: `g-extra-${i}`, name: `Globex Only Company ${i}`, website: `https://globex-only-${i}.example` });
  }
  await upsertAccounts(db, "globex", "csv", globexAccounts, { now: T0 });
  return { partnershipId: partnership.id, populationsByOrg };
}

/** Accounts of the emulated Salesforce org with a website, in id order. */
export function listEmulatorAccounts(emulator: SalesforceEmulator): { id: string; name: string; website: string }[] {
  return emulator.org
    .query("SELECT Id, Name, Website FROM Account", false)
    .rows.filter((row) => typeof row.Website === "string" && row.Website !== "")
    .map((row) => ({ id: String(row.Id), name: String(row.Name), website: String(row.Website) }))
    .sort((a, b) => (a.id < b.id ? -1 : 1));
}

/**
 * Every Account and Opportunity the CRM holds (deleted ones too), all fields but the CRM's own
 * timestamps, sorted: equal for two runs that wrote the same to the CRM.
 */
export function crmRecords(emulator: SalesforceEmulator): string[] {
  return ["Account", "Opportunity"].flatMap((object) => {
    const fields = emulator.org
      .allFields(object)
      .filter((field) => field.type !== "datetime")
      .map((field) => field.name);
    return emulator.org
      .query(`SELECT ${fields.join(", ")} FROM ${object}`, true)
      .rows.map((row) => `${object} ${JSON.stringify(fields.map((field) => row[field] ?? null))}`)
      .sort();
  });
}

export function salesforceConfig(emulator: SalesforceEmulator) {
  const { clientId, clientSecret, username, password } = emulator.credentials;
  return {
    provider: "salesforce" as const,
    settings: { loginUrl: emulator.url, clientId },
    credentials: { kind: "password" as const, clientSecret, username, password },
  };
}

/** A worker on `db` with a manual clock, quiet logs and fast connector retries. */
export function createTestWorker(db: Db, overrides: Partial<SyncWorkerOptions> & { runner?: JobRunner } = {}) {
  const clock = createManualClock(T0);
  const runner = overrides.runner ?? createSqliteJobRunner({ db, clock, leaseMs: 60_000, backoff: { baseMs: 1_000, jitter: 0 } });
  const deliverer = createWebhookDeliverer({ db, secretBox: TEST_SECRET_BOX, clock, logger: silentLogger, timeoutMs: 2_000, allowPrivateNetworks: true });
  const worker = createSyncWorker({
    db,
    runner,
    deliverer,
    secretBox: TEST_SECRET_BOX,
    clock,
    logger: silentLogger,
    workerId: "test-worker",
    sourceHooks: { salesforce: { bulkPollIntervalMs: 5, retry: { baseDelayMs: 1, maxDelayMs: 5 } } },
    ...overrides,
  });
  const connect = (input: Omit<Parameters<typeof createConnection>[1], "orgId"> & { orgId?: string }) =>
    createConnection({ db, secretBox: TEST_SECRET_BOX, runner, clock }, { orgId: "acme", ...input });
  return { worker, runner, deliverer, clock, connect };
}

/**
 * Wraps a source so its account pull fails after `afterPages` pages while `failures.remaining > 0`
 * (an outage in the middle of a pull), with the provider error a connector reports after retrying.
 */
export function injectPullFault(source: SyncSource, failures: { remaining: number; afterPages: number }): SyncSource {
  return {
    ...source,
    pullAccounts: (options) =>
      (async function* () {
        let pages = 0;
        for await (const page of source.pullAccounts(options)) {
          if (failures.remaining > 0 && pages >= failures.afterPages) {
            failures.remaining -= 1;
            throw new ConnectorError("provider_error", "salesforce: injected outage (HTTP 500)", { provider: source.provider });
          }
          pages += 1;
          yield page;
        }
      })(),
  };
}

/** The default source opener with fast test tuning. */
export function openTestSource(connection: SyncConnectionRow): Promise<SyncSource> {
  return openSyncSource(connection, TEST_SECRET_BOX, { salesforce: { bulkPollIntervalMs: 5, retry: { baseDelayMs: 1, maxDelayMs: 5 } } });
}
