import { afterEach, describe, expect, it } from "vitest";
import { startSalesforceEmulator, type SalesforceEmulator } from "./server.ts";

let emulator: SalesforceEmulator | undefined;
afterEach(async () => {
  await emulator?.close();
  emulator = undefined;
});

async function login(e: SalesforceEmulator): Promise<string> {
  const { clientId, clientSecret, username, password } = e.credentials;
  const res = await fetch(`${e.url}/services/oauth2/token`, {
    method: "POST",
    body: new URLSearchParams({ grant_type: "password", client_id: clientId, client_secret: clientSecret, username, password }),
  });
  const body = (await res.json()) as { access_token: string; instance_url: string; id: string };
  expect(body.instance_url).toBe(e.url);
  expect(body.id).toMatch(/\/id\/00D\w+\/005\w+$/);
  return body.access_token;
}

const api = (e: SalesforceEmulator, token: string, path: string, init: RequestInit = {}) =>
  fetch(`${e.url}/services/data/v62.0${path}`, { ...init, headers: { Authorization: `Bearer ${token}`, "Content-Type": "application/json", ...init.headers } });

describe("Salesforce emulator wire protocol", () => {
  it("rejects bad credentials and unknown sessions the way Salesforce does", async () => {
    emulator = await startSalesforceEmulator({ accounts: 1 });
    const res = await fetch(`${emulator.url}/services/oauth2/token`, { method: "POST", body: new URLSearchParams({ grant_type: "password", client_id: "x", client_secret: "y", username: "u", password: "p" }) });
    expect(res.status).toBe(400);
    expect(await res.json()).toEqual({ error: "invalid_client", error_description: "invalid client credentials" });
    const unauth = await api(emulator, "nope", "/limits");
    expect(unauth.status).toBe(401);
    expect(await unauth.json()).toEqual([{ message: "Session expired or invalid", errorCode: "INVALID_SESSION_ID" }]);
  });

  it("reports usage in Sforce-Limit-Info and /limits, and enforces the daily limit", async () => {
    emulator = await startSalesforceEmulator({ accounts: 1, dailyApiLimit: 3 });
    const token = await login(emulator);
    const first = await api(emulator, token, "/limits");
    expect(first.headers.get("sforce-limit-info")).toBe("api-usage=1/3");
    expect(((await first.json()) as { DailyApiRequests: unknown }).DailyApiRequests).toEqual({ Max: 3, Remaining: 2 });
    await api(emulator, token, "/limits");
    await api(emulator, token, "/limits");
    const over = await api(emulator, token, "/limits");
    expect(over.status).toBe(403);
    expect(await over.json()).toEqual([{ message: "TotalRequests Limit exceeded.", errorCode: "REQUEST_LIMIT_EXCEEDED" }]);
  });

  it("pages REST queries with nextRecordsUrl and shows deletions only to queryAll", async () => {
    emulator = await startSalesforceEmulator({ accounts: 450, queryBatchSize: 200 });
    const token = await login(emulator);
    const deleted = String(emulator.org.query("SELECT Id FROM Account LIMIT 1", false).rows[0]?.Id);
    emulator.org.remove("Account", deleted);
    const first = (await (await api(emulator, token, `/query?q=${encodeURIComponent("SELECT Id FROM Account ORDER BY Id")}`)).json()) as { totalSize: number; done: boolean; nextRecordsUrl: string; records: unknown[] };
    expect(first).toMatchObject({ totalSize: 449, done: false });
    expect(first.records).toHaveLength(200);
    expect(first.nextRecordsUrl).toMatch(/^\/services\/data\/v62\.0\/query\/01g\w+-200$/);
    const all = (await (await api(emulator, token, `/queryAll?q=${encodeURIComponent("SELECT Id, IsDeleted FROM Account WHERE IsDeleted = true")}`)).json()) as { records: { Id: string; IsDeleted: boolean }[] };
    expect(all.records).toEqual([{ attributes: expect.any(Object), Id: deleted, IsDeleted: true }]);
    const bad = await api(emulator, token, `/query?q=${encodeURIComponent("SELECT Nope__c FROM Account")}`);
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { errorCode: string }[])[0]?.errorCode).toBe("INVALID_FIELD");
  });

  it("describes the standard Opportunity.LeadSource picklist and serves its seeded values", async () => {
    emulator = await startSalesforceEmulator({ accounts: 50, opportunities: 200, seed: 3 });
    const token = await login(emulator);
    const describe = (await (await api(emulator, token, "/sobjects/Opportunity/describe")).json()) as {
      fields: { name: string; type: string; picklistValues: { value: string }[] }[];
    };
    const leadSource = describe.fields.find((f) => f.name === "LeadSource");
    expect(leadSource).toMatchObject({ type: "picklist" });
    expect(leadSource!.picklistValues.map((v) => v.value)).toContain("Partner Referral");
    const soql = encodeURIComponent("SELECT Id, LeadSource FROM Opportunity");
    const { records } = (await (await api(emulator, token, `/query?q=${soql}`)).json()) as { records: { LeadSource: string | null }[] };
    expect(records.some((r) => r.LeadSource === "Partner Referral")).toBe(true);
    expect(records.some((r) => r.LeadSource === null)).toBe(true);
  });

  it("serves Bulk 2.0 query results page by page with a literal null locator at the end", async () => {
    emulator = await startSalesforceEmulator({ accounts: 5, bulkProcessingDelayMs: 1 });
    const token = await login(emulator);
    const job = (await (await api(emulator, token, "/jobs/query", { method: "POST", body: JSON.stringify({ operation: "query", query: "SELECT Id, Name FROM Account" }) })).json()) as { id: string; state: string };
    expect(job.state).toBe("UploadComplete");
    await expect.poll(async () => ((await (await api(emulator as SalesforceEmulator, token, `/jobs/query/${job.id}`)).json()) as { state: string }).state).toBe("JobComplete");
    const page1 = await api(emulator, token, `/jobs/query/${job.id}/results?maxRecords=3`);
    expect(page1.headers.get("content-type")).toMatch(/^text\/csv/);
    expect(page1.headers.get("sforce-numberofrecords")).toBe("3");
    const locator = page1.headers.get("sforce-locator") as string;
    expect((await page1.text()).split("\n")[0]).toBe('"Id","Name"');
    const page2 = await api(emulator, token, `/jobs/query/${job.id}/results?maxRecords=3&locator=${locator}`);
    expect(page2.headers.get("sforce-locator")).toBe("null");
    expect(page2.headers.get("sforce-numberofrecords")).toBe("2");
  });

  it("runs a Bulk 2.0 ingest job through its states with per-row results", async () => {
    emulator = await startSalesforceEmulator({ accounts: 3, bulkProcessingDelayMs: 1 });
    const token = await login(emulator);
    const ids = emulator.org.query("SELECT Id FROM Account ORDER BY Id", false).rows.map((r) => String(r.Id));
    const job = (await (await api(emulator, token, "/jobs/ingest", { method: "POST", body: JSON.stringify({ object: "Account", operation: "update", contentType: "CSV" }) })).json()) as { id: string; state: string };
    expect(job.state).toBe("Open");
    const csv = `Id,Name\n${ids[0]},Renamed\n${ids[1]},\n001000000000zzzAAA,Ghost\n`;
    expect((await api(emulator, token, `/jobs/ingest/${job.id}/batches`, { method: "PUT", body: csv, headers: { "Content-Type": "text/csv" } })).status).toBe(201);
    await api(emulator, token, `/jobs/ingest/${job.id}`, { method: "PATCH", body: JSON.stringify({ state: "UploadComplete" }) });
    await expect.poll(async () => ((await (await api(emulator as SalesforceEmulator, token, `/jobs/ingest/${job.id}`)).json()) as { state: string }).state).toBe("JobComplete");
    const info = (await (await api(emulator, token, `/jobs/ingest/${job.id}`)).json()) as { numberRecordsProcessed: number; numberRecordsFailed: number };
    expect(info).toMatchObject({ numberRecordsProcessed: 3, numberRecordsFailed: 1 });
    const failed = await (await api(emulator, token, `/jobs/ingest/${job.id}/failedResults`)).text();
    expect(failed.split("\n")[0]).toBe('"sf__Id","sf__Error","Id","Name"');
    expect(failed).toContain("NOT_FOUND");
    expect(emulator.org.get("Account", ids[0] as string)?.Name).toBe("Renamed");
  });

  it("creates Tooling custom fields once and rejects duplicates", async () => {
    emulator = await startSalesforceEmulator({ accounts: 1 });
    const token = await login(emulator);
    const body = JSON.stringify({ FullName: "Account.Tier__c", Metadata: { label: "Tier", type: "Text", length: 40 } });
    const created = await api(emulator, token, "/tooling/sobjects/CustomField", { method: "POST", body });
    expect(created.status).toBe(201);
    const again = await api(emulator, token, "/tooling/sobjects/CustomField", { method: "POST", body });
    expect(again.status).toBe(400);
    expect(((await again.json()) as { errorCode: string }[])[0]?.errorCode).toBe("DUPLICATE_DEVELOPER_NAME");
    const listed = (await (await api(emulator, token, `/tooling/query?q=${encodeURIComponent("SELECT Id, DeveloperName FROM CustomField WHERE TableEnumOrId = 'Account'")}`)).json()) as { records: { DeveloperName: string }[] };
    expect(listed.records.map((r) => r.DeveloperName)).toEqual(["Tier"]);
  });

  it("limits sObject Collections to 200 records", async () => {
    emulator = await startSalesforceEmulator({ accounts: 1 });
    const token = await login(emulator);
    const records = Array.from({ length: 201 }, () => ({ attributes: { type: "Account" }, Name: "x" }));
    const res = await api(emulator, token, "/composite/sobjects", { method: "POST", body: JSON.stringify({ allOrNone: false, records }) });
    expect(res.status).toBe(400);
    expect(((await res.json()) as { errorCode: string }[])[0]?.errorCode).toBe("EXCEEDED_ID_LIMIT");
  });
});
