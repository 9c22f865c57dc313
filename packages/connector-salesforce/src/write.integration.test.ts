import { afterEach, describe, expect, it } from "vitest";
import type { FieldSpec } from "@mutual/connector-kit";
import type { SalesforceEmulator } from "@mutual/emulators";
import { startEmulatorAndConnector } from "./test-support.ts";

let emulator: SalesforceEmulator | undefined;
afterEach(async () => {
  await emulator?.close();
  emulator = undefined;
});

const FIELDS: FieldSpec[] = [
  { object: "account", name: "mutual_overlap_count", label: "Mutual Overlap Count", type: "number" },
  { object: "account", name: "mutual_partners", label: "Mutual Partners", type: "text", length: 255 },
  { object: "opportunity", name: "mutual_influencing_partner", label: "Influencing Partner", type: "text" },
  { object: "opportunity", name: "mutual_partner_type", label: "Partner Type", type: "picklist", picklistValues: ["Sourced", "Influenced"] },
];

describe("SalesforceConnector ensureFields and writeFields (real jsforce against the emulator)", () => {
  it("creates fields and grants access once; a second run changes nothing", async () => {
    const started = await startEmulatorAndConnector({ accounts: 10 });
    emulator = started.emulator;
    const before = await started.connector.describe("account");
    expect(before.fields.some((f) => f.name === "Mutual_Overlap_Count__c")).toBe(false);

    const first = await started.connector.ensureFields(FIELDS);
    expect(first.created).toEqual([
      "Account.Mutual_Overlap_Count__c",
      "Account.Mutual_Partners__c",
      "Opportunity.Mutual_Influencing_Partner__c",
      "Opportunity.Mutual_Partner_Type__c",
    ]);
    expect(first.granted).toHaveLength(4);
    expect(first.providerNames.mutual_overlap_count).toBe("Mutual_Overlap_Count__c");

    const second = await started.connector.ensureFields(FIELDS);
    expect(second.created).toEqual([]);
    expect(second.granted).toEqual([]);
    expect(second.existing).toHaveLength(4);
    expect(emulator.org.customFields).toHaveLength(4);

    const after = await started.connector.describe("account");
    expect(after.fields.find((f) => f.name === "Mutual_Overlap_Count__c")).toMatchObject({ custom: true, updateable: true, type: "double" });
  });

  it("rejects writes to a field that exists but was never granted (field-level security)", async () => {
    const started = await startEmulatorAndConnector({ accounts: 3 });
    emulator = started.emulator;
    emulator.org.createCustomField("Account.Hidden__c", { label: "Hidden", type: "Text", length: 20 });
    const id = String(emulator.org.query("SELECT Id FROM Account", false).rows[0]?.Id);
    const summary = await started.connector.writeFields("account", [{ id, fields: { Hidden__c: "x" } }]);
    expect(summary.results[0]).toMatchObject({ id, ok: false, code: "invalid_data" });
  });

  it("writes small batches through sObject Collections with per-record failures", async () => {
    const started = await startEmulatorAndConnector({ accounts: 450 });
    emulator = started.emulator;
    await started.connector.ensureFields(FIELDS);
    const ids = emulator.org.query("SELECT Id FROM Account ORDER BY Id", false).rows.map((r) => String(r.Id));
    const failing = new Set(ids.slice(0, 3));
    emulator.failRecords({ object: "Account", match: (id) => id !== undefined && failing.has(id), message: "Partner data locked" });
    const updates = ids.map((id, i) => ({ id, fields: { Mutual_Overlap_Count__c: i, Mutual_Partners__c: `P${i}` } }));
    updates.push({ id: "not-an-id", fields: { Mutual_Overlap_Count__c: 1, Mutual_Partners__c: "x" } });

    const summary = await started.connector.writeFields("account", updates);
    expect(summary.apiCalls).toBe(3);
    expect(summary.results).toHaveLength(451);
    const failed = summary.results.filter((r) => !r.ok);
    expect(failed.map((r) => r.id).sort()).toEqual([...failing, "not-an-id"].sort());
    expect(failed.find((r) => r.id === ids[0])).toMatchObject({ code: "invalid_data", message: expect.stringContaining("FIELD_CUSTOM_VALIDATION_EXCEPTION") });
    expect(emulator.org.get("Account", ids[10] as string)?.Mutual_Overlap_Count__c).toBe(10);
    expect(emulator.org.get("Account", ids[0] as string)?.Mutual_Overlap_Count__c).toBeUndefined();
  });

  it("writes large batches through Bulk API 2.0 ingest, reporting each failed row", async () => {
    const started = await startEmulatorAndConnector({ accounts: 3000 }, { bulkWriteThreshold: 1000 });
    emulator = started.emulator;
    await started.connector.ensureFields(FIELDS);
    const ids = emulator.org.query("SELECT Id FROM Account", false).rows.map((r) => String(r.Id));
    emulator.failRecords({ object: "Account", match: (id) => id !== undefined && ids.indexOf(id) % 500 === 7 });
    const updates = ids.map((id, i) => ({ id, fields: { Mutual_Overlap_Count__c: i, Mutual_Partners__c: i % 2 === 0 ? `Acme, "Globex"` : null } }));
    const summary = await started.connector.writeFields("account", updates);
    expect(summary.apiCalls).toBeLessThanOrEqual(10);
    const failed = summary.results.filter((r) => !r.ok);
    expect(failed).toHaveLength(6);
    expect(failed.every((r) => !r.ok && r.message.startsWith("FIELD_CUSTOM_VALIDATION_EXCEPTION"))).toBe(true);
    expect(summary.results.filter((r) => r.ok)).toHaveLength(2994);
    expect(emulator.org.get("Account", ids[2] as string)).toMatchObject({ Mutual_Overlap_Count__c: 2, Mutual_Partners__c: `Acme, "Globex"` });
    expect(emulator.org.get("Account", ids[3] as string)?.Mutual_Partners__c).toBeNull();
  });

  it("retries transient faults during write-back without losing or repeating a record", async () => {
    const started = await startEmulatorAndConnector({ accounts: 600 }, { bulkWriteThreshold: 400 });
    emulator = started.emulator;
    await started.connector.ensureFields(FIELDS);
    const ids = emulator.org.query("SELECT Id FROM Account", false).rows.map((r) => String(r.Id));
    emulator.injectFault({ fault: { kind: "server_error", status: 503 }, match: /composite\/sobjects/, times: 1 });
    emulator.injectFault({ fault: { kind: "drop" }, match: /jobs\/ingest\/\w+\/batches/, times: 1 });
    emulator.injectFault({ fault: { kind: "expire_session" }, match: /jobs\/ingest\/\w+$/, times: 1 });
    const small = await started.connector.writeFields("account", ids.slice(0, 300).map((id) => ({ id, fields: { Mutual_Partners__c: "small" } })));
    const bulk = await started.connector.writeFields("account", ids.slice(100).map((id) => ({ id, fields: { Mutual_Partners__c: "bulk" } })));
    expect(small.results.every((r) => r.ok)).toBe(true);
    expect(bulk.results.every((r) => r.ok)).toBe(true);
    expect(bulk.results).toHaveLength(500);
    const values = emulator.org.query("SELECT Mutual_Partners__c FROM Account", false).rows.map((r) => r.Mutual_Partners__c);
    expect(values.filter((v) => v === "small")).toHaveLength(100);
    expect(values.filter((v) => v === "bulk")).toHaveLength(500);
  });

  it("validates the field mapping against describe, naming each unknown field", async () => {
    const { SalesforceConnector } = await import("./salesforce-connector.ts");
    const { DEFAULT_FIELD_MAPPING } = await import("./field-mapping.ts");
    const started = await startEmulatorAndConnector({ accounts: 1 });
    emulator = started.emulator;
    await expect(started.connector.validateMapping()).resolves.toBeUndefined();
    const broken = new SalesforceConnector({
      connection: (started.connector as unknown as { conn: never }).conn,
      mapping: { ...DEFAULT_FIELD_MAPPING, account: { ...DEFAULT_FIELD_MAPPING.account, icpScore: "ICP_Score__c", tier: "Tier__c" } },
    });
    await expect(broken.validateMapping()).rejects.toMatchObject({
      code: "invalid_input",
      details: [expect.stringContaining("Account.ICP_Score__c"), expect.stringContaining("Account.Tier__c")],
    });
  });
});
