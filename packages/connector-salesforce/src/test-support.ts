import type { Account, Opportunity } from "@mutual/core";
import type { CrmConnector, PullOptions, PullPage } from "@mutual/connector-kit";
import { startSalesforceEmulator, type SalesforceEmulator, type SalesforceEmulatorOptions } from "@mutual/emulators";
import { createSalesforceConnection, type SalesforceTokens } from "./connection.ts";
import { SalesforceConnector, type SalesforceConnectorOptions } from "./salesforce-connector.ts";

/** What a sync keeps between runs: records by id and the checkpoint per object. */
export interface SyncStore<T> {
  records: Map<string, T>;
  checkpoint: string | null;
  /** Records delivered in the run (to catch duplicates within one run). */
  delivered: number;
}

export function createStore<T>(): SyncStore<T> {
  return { records: new Map(), checkpoint: null, delivered: 0 };
}

/** Applies pull pages to a store the way the worker does: upsert, delete, then persist the checkpoint. */
export async function drain<T extends { id: string }>(pages: AsyncIterable<PullPage<T>>, store: SyncStore<T>): Promise<void> {
  for await (const page of pages) {
    for (const record of page.records) {
      store.records.set(record.id, record);
      store.delivered++;
    }
    for (const id of page.deletedIds) store.records.delete(id);
    store.checkpoint = page.checkpoint;
  }
}

export function pullAll(connector: CrmConnector, accounts: SyncStore<Account>, opportunities: SyncStore<Opportunity>, options: Omit<PullOptions, "checkpoint"> = {}) {
  return (async () => {
    await drain(connector.pullAccounts({ ...options, checkpoint: accounts.checkpoint }), accounts);
    await drain(connector.pullOpportunities({ ...options, checkpoint: opportunities.checkpoint }), opportunities);
  })();
}

export async function startEmulatorAndConnector(
  emulatorOptions: SalesforceEmulatorOptions,
  connectorOptions: Omit<SalesforceConnectorOptions, "connection"> = {},
  requestTimeoutMs?: number,
): Promise<{ emulator: SalesforceEmulator; connector: SalesforceConnector; tokens: SalesforceTokens[] }> {
  const emulator = await startSalesforceEmulator({ bulkProcessingDelayMs: 1, ...emulatorOptions });
  const tokens: SalesforceTokens[] = [];
  const { clientId, clientSecret, username, password } = emulator.credentials;
  const connection = await createSalesforceConnection(
    { kind: "password", client: { loginUrl: emulator.url, clientId, clientSecret }, username, password },
    { onTokens: (t) => tokens.push(t), ...(requestTimeoutMs !== undefined && { requestTimeoutMs }) },
  );
  const connector = new SalesforceConnector({
    connection,
    bulkPollIntervalMs: 5,
    retry: { baseDelayMs: 1, maxDelayMs: 5 },
    ...connectorOptions,
  });
  return { emulator, connector, tokens };
}

/** Canonical view of the emulator's live records, to compare a synced store against. */
export function liveIds(emulator: SalesforceEmulator, object: "Account" | "Opportunity"): Set<string> {
  return new Set(emulator.org.query(`SELECT Id FROM ${object}`, false).rows.map((r) => String(r.Id)));
}
