import { PassThrough } from "node:stream";
import { createHubSpotConnector, HUBSPOT_TIER_LIMITS } from "@mutual/connector-hubspot";
import { createSalesforceConnection } from "@mutual/connector-salesforce";
import { describe, expect, it } from "vitest";
import { main } from "../main.ts";

function capture() {
  const stream = new PassThrough();
  let text = "";
  stream.on("data", (chunk: Buffer) => (text += chunk.toString()));
  return { stream, text: () => text };
}

describe("mutual emulate", () => {
  it("prints one JSON line a jsforce user can log in with, and stops on interrupt", async () => {
    const out = capture();
    const err = capture();
    let interrupt!: () => void;
    const interrupted = new Promise<void>((resolve) => (interrupt = resolve));
    const exit = main(["emulate", "salesforce", "--port", "0", "--accounts", "25", "--seed", "4"], { cwd: process.cwd(), stdout: out.stream, stderr: err.stream, interactive: false, interrupted });
    await expect.poll(() => out.text().includes("\n")).toBe(true);
    const info = JSON.parse(out.text().trim()) as Record<string, string>;
    expect(Object.keys(info).sort()).toEqual(["clientId", "clientSecret", "loginUrl", "password", "username"]);
    // The password grant, through real jsforce.
    const conn = await createSalesforceConnection({
      kind: "password",
      client: { loginUrl: info.loginUrl as string, clientId: info.clientId as string, clientSecret: info.clientSecret },
      username: info.username as string,
      password: info.password as string,
    });
    const result = await conn.query("SELECT Id, Name FROM Account");
    expect(result.totalSize).toBe(25);
    interrupt();
    expect(await exit).toBe(0);
  });

  it("prints one JSON line a @hubspot/api-client user can connect with", async () => {
    const out = capture();
    const err = capture();
    let interrupt!: () => void;
    const interrupted = new Promise<void>((resolve) => (interrupt = resolve));
    const exit = main(["emulate", "hubspot", "--port", "0", "--companies", "30", "--seed", "4"], { cwd: process.cwd(), stdout: out.stream, stderr: err.stream, interactive: false, interrupted });
    await expect.poll(() => out.text().includes("\n")).toBe(true);
    const info = JSON.parse(out.text().trim()) as Record<string, string>;
    expect(Object.keys(info).sort()).toEqual(["accessToken", "basePath"]);
    // Through the connector, which drives the real SDK with basePath and the private-app token.
    const connector = createHubSpotConnector({
      auth: { kind: "private-app", accessToken: info.accessToken as string },
      basePath: info.basePath as string,
      limits: HUBSPOT_TIER_LIMITS.professional,
    });
    let companies = 0;
    for await (const page of connector.pullAccounts()) companies += page.records.length;
    expect(companies).toBe(30);
    interrupt();
    expect(await exit).toBe(0);
  });

  it("rejects an unknown provider with one clear line", async () => {
    const out = capture();
    const err = capture();
    const code = await main(["emulate", "pipedrive", "--port", "0"], { cwd: process.cwd(), stdout: out.stream, stderr: err.stream, interactive: false, interrupted: new Promise(() => {}) });
    expect(code).toBe(2);
    expect(err.text()).toMatch(/^mutual emulate: expected one of salesforce, hubspot, got 'pipedrive'/);
  });
});
