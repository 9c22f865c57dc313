import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { CrmConnector, FieldSpec, PullPage } from "../crm-connector.ts";

/** What a connector's contract run needs: the connector on its emulator plus back doors into the emulator. */
export interface ContractHarness {
  connector: CrmConnector;
  /** Number of live accounts the emulator was seeded with. */
  accountCount: number;
  /** Changes a visible account field behind the connector's back (as a rep would). */
  editAccount(id: string): Promise<void> | void;
  deleteAccount(id: string): Promise<void> | void;
  /** Makes the provider reject writes to these records (validation rule, locked record...). */
  failWritesFor(ids: readonly string[]): Promise<void> | void;
  /** An id the provider has never issued, in its id format. */
  unknownId: string;
  close(): Promise<void>;
}

const CONTRACT_FIELD: FieldSpec = { object: "account", name: "mutual_contract_probe", label: "Mutual Contract Probe", type: "text", length: 80 };

async function collect<T extends { id: string }>(pages: AsyncIterable<PullPage<T>>) {
  const ids: string[] = [];
  const deleted: string[] = [];
  let checkpoint = "";
  let done = false;
  for await (const page of pages) {
    expect(done).toBe(false); // nothing after the last page
    ids.push(...page.records.map((r) => r.id));
    deleted.push(...page.deletedIds);
    expect(typeof page.checkpoint).toBe("string");
    checkpoint = page.checkpoint;
    done = page.done;
  }
  return { ids, deleted, checkpoint, done };
}

/**
 * The behaviour every CrmConnector must show against its emulator. Call at the top level of an
 * integration test file: `describeCrmConnectorContract("salesforce", setup)`.
 */
export function describeCrmConnectorContract(name: string, setup: () => Promise<ContractHarness>): void {
  describe(`CrmConnector contract: ${name}`, () => {
    let h: ContractHarness;
    let checkpoint = "";
    let accountIds: string[] = [];

    beforeAll(async () => {
      h = await setup();
    });
    afterAll(async () => {
      await h?.close();
    });

    it("full pull returns every account exactly once and ends with a done page", async () => {
      const result = await collect(h.connector.pullAccounts());
      expect(result.done).toBe(true);
      expect(result.ids).toHaveLength(h.accountCount);
      expect(new Set(result.ids).size).toBe(h.accountCount);
      checkpoint = result.checkpoint;
      accountIds = result.ids;
    });

    it("an incremental pull with no change returns nothing", async () => {
      const result = await collect(h.connector.pullAccounts({ checkpoint }));
      expect(result).toMatchObject({ ids: [], deleted: [], done: true });
    });

    it("an incremental pull returns edits and deletions since the checkpoint", async () => {
      const [edited, removed] = accountIds;
      await h.editAccount(edited as string);
      await h.deleteAccount(removed as string);
      const result = await collect(h.connector.pullAccounts({ checkpoint }));
      expect(result.ids).toEqual([edited]);
      expect(result.deleted).toEqual([removed]);
    });

    it("ensureFields is idempotent and the field shows in describe", async () => {
      const first = await h.connector.ensureFields([CONTRACT_FIELD]);
      expect(first.created).toHaveLength(1);
      const second = await h.connector.ensureFields([CONTRACT_FIELD]);
      expect(second.created).toEqual([]);
      const providerName = second.providerNames[CONTRACT_FIELD.name] as string;
      const description = await h.connector.describe("account");
      expect(description.fields.map((f) => f.name)).toContain(providerName);
    });

    it("writeFields returns one result per input, in order, with failures flagged", async () => {
      const { providerNames } = await h.connector.ensureFields([CONTRACT_FIELD]);
      const field = providerNames[CONTRACT_FIELD.name] as string;
      const targets = accountIds.slice(2, 7);
      await h.failWritesFor([targets[1] as string]);
      const updates = [...targets, h.unknownId].map((id) => ({ id, fields: { [field]: "probe" } }));
      const summary = await h.connector.writeFields("account", updates);
      expect(summary.results.map((r) => r.id)).toEqual(updates.map((u) => u.id));
      expect(summary.results.map((r) => r.ok)).toEqual([true, false, true, true, true, false]);
      expect(summary.apiCalls).toBeGreaterThan(0);
    });

    it("reports API usage against a known limit", async () => {
      const usage = await h.connector.usage();
      expect(usage.limit).toBeGreaterThan(0);
      expect(usage.share).toBeGreaterThanOrEqual(0);
      expect(usage.share).toBeLessThanOrEqual(1);
    });
  });
}
