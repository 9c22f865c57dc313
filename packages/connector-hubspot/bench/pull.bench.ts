/**
 * pnpm bench:hubspot — full pull of 100k companies + 200k deals, then a 1% incremental, through the real SDK
 * against the emulator at the Professional tier's limits. Prints wall time, API calls, 429s and the minimum
 * call count the page/batch sizes allow. Args: [companies] [deals].
 */
import { generateHubSpotSeed, startHubSpotEmulator } from "@mutual/emulators";
import { createHubSpotConnector, HUBSPOT_TIER_LIMITS } from "../src/index.ts";

const companies = Number(process.argv[2] ?? 100_000);
const deals = Number(process.argv[3] ?? 200_000);
const seed = generateHubSpotSeed({ companies, deals, seed: 42 });
const emulator = await startHubSpotEmulator({ seed, limits: "professional" });
const connector = createHubSpotConnector({
  auth: { kind: "private-app", accessToken: emulator.accessToken },
  basePath: emulator.basePath,
  limits: HUBSPOT_TIER_LIMITS.professional,
  indexLagMs: 0,
});

async function run(label: string, checkpoints: { accounts?: string; deals?: string }, minimum: number) {
  const before = connector.stats();
  const started = performance.now();
  const out = { accounts: "", deals: "", records: 0 };
  for await (const page of connector.pullAccounts({ checkpoint: checkpoints.accounts })) {
    out.records += page.records.length;
    out.accounts = page.checkpoint;
  }
  for await (const page of connector.pullOpportunities({ checkpoint: checkpoints.deals })) {
    out.records += page.records.length;
    out.deals = page.checkpoint;
  }
  const after = connector.stats();
  const calls = after.apiCalls - before.apiCalls;
  console.log(
    `${label}: ${out.records} records in ${((performance.now() - started) / 1000).toFixed(1)} s, ` +
      `${calls} API calls (minimum ${minimum}, +${(((calls - minimum) / minimum) * 100).toFixed(1)}%), ` +
      `${after.rateLimited - before.rateLimited} 429s`,
  );
  return out;
}

const pages = (n: number, size: number) => Math.max(1, Math.ceil(n / size));
// Full: list pages of 100, one association batch per 1,000 deals, plus the two properties reads.
const full = await run("full pull", {}, pages(companies, 100) + pages(deals, 100) + pages(deals, 1000) + 2);
const changedCompanies = seed.companies.filter((_, i) => i % 100 === 0);
const changedDeals = seed.deals.filter((_, i) => i % 100 === 0);
await new Promise((resolve) => setTimeout(resolve, 5));
for (const c of changedCompanies) emulator.store.update("companies", c.id, { city: "Lyon" });
for (const d of changedDeals) emulator.store.update("deals", d.id, { amount: "1234" });
await new Promise((resolve) => setTimeout(resolve, 5));
// Incremental: search pages of 200, association batches of 1,000, one archived listing per object type.
await run(
  "1% incremental",
  { accounts: full.accounts, deals: full.deals },
  pages(changedCompanies.length, 200) + pages(changedDeals.length, 200) + pages(changedDeals.length, 1000) + 2,
);
await emulator.close();
