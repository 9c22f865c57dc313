/**
 * pnpm bench:salesforce — full pull of 100k accounts + 200k opportunities from the emulator through real
 * jsforce, then incremental pulls with no change and with 1% changed, then 50k field updates.
 * Prints wall time, records/s and API calls (counted by the emulator) for each step.
 */
import type { Account, Opportunity } from "@mutual/core";
import { startSalesforceEmulator } from "@mutual/emulators";
import { createSalesforceConnection, SalesforceConnector } from "../src/index.ts";
import { createStore, pullAll } from "../src/test-support.ts";

const ACCOUNTS = Number(process.env.BENCH_ACCOUNTS ?? 100_000);
const OPPORTUNITIES = Number(process.env.BENCH_OPPORTUNITIES ?? ACCOUNTS * 2);

let t = performance.now();
const emulator = await startSalesforceEmulator({ accounts: ACCOUNTS, opportunities: OPPORTUNITIES, seed: 42 });
console.log(`emulator seeded with ${ACCOUNTS} accounts + ${OPPORTUNITIES} opportunities in ${((performance.now() - t) / 1000).toFixed(1)} s`);

const { clientId, clientSecret, username, password } = emulator.credentials;
const connection = await createSalesforceConnection({ kind: "password", client: { loginUrl: emulator.url, clientId, clientSecret }, username, password });
// Bulk jobs finish in milliseconds on the emulator; a real org warrants the 1 s default.
const connector = new SalesforceConnector({ connection, bulkPollIntervalMs: 100 });
const accounts = createStore<Account>();
const opps = createStore<Opportunity>();

async function step(name: string, run: () => Promise<number>): Promise<void> {
  const calls = emulator.apiUsage().used;
  t = performance.now();
  const records = await run();
  const seconds = (performance.now() - t) / 1000;
  const rate = seconds > 0 ? Math.round(records / seconds) : 0;
  console.log(`${name.padEnd(34)} ${seconds.toFixed(2).padStart(7)} s  ${String(records).padStart(7)} records  ${String(rate).padStart(7)} records/s  ${String(emulator.apiUsage().used - calls).padStart(3)} API calls`);
}

const pulled = async () => {
  accounts.delivered = 0;
  opps.delivered = 0;
  await pullAll(connector, accounts, opps);
  return accounts.delivered + opps.delivered;
};

await step("full pull", pulled);
if (accounts.records.size !== ACCOUNTS || opps.records.size !== OPPORTUNITIES) {
  throw new Error(`pulled ${accounts.records.size} accounts / ${opps.records.size} opportunities`);
}
await step("incremental, no change", pulled);

const accountIds = [...accounts.records.keys()];
const oppIds = [...opps.records.keys()];
for (let i = 0; i < accountIds.length; i += 100) emulator.org.update("Account", accountIds[i] as string, { Phone: `+1 555 ${i}` });
for (let i = 0; i < oppIds.length; i += 100) emulator.org.update("Opportunity", oppIds[i] as string, { Amount: i });
await step("incremental, 1% changed", pulled);

await connector.ensureFields([{ object: "account", name: "mutual_overlap_count", label: "Mutual Overlap Count", type: "number" }]);
const updates = accountIds.slice(0, 50_000).map((id, i) => ({ id, fields: { Mutual_Overlap_Count__c: i % 7 } }));
let failed = 0;
await step("write 50k field updates (bulk)", async () => {
  const summary = await connector.writeFields("account", updates);
  failed = summary.results.filter((r) => !r.ok).length;
  return summary.results.length - failed;
});
if (failed > 0) throw new Error(`${failed} updates failed`);

await emulator.close();
