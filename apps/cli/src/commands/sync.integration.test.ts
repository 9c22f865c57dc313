import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createOrganization, listSyncRuns, openDatabase } from "@mutual/db";
import { createSqliteJobRunner, systemClock } from "@mutual/jobs";
import { createSecretBox, resolveEncryptionKeys } from "@mutual/secrets";
import { createConnection } from "@mutual/sync";
import { afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { runCli } from "../testing/run-cli.ts";

describe("mutual sync", () => {
  let dir: string;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), "mutual-cli-sync-"));
    writeFileSync(join(dir, "accounts.csv"), "id,name,website,status\na1,Initech,https://initech.com,customer\na2,Hooli,https://hooli.com,prospect\n");
    const database = openDatabase({ file: join(dir, "mutual.sqlite") });
    await createOrganization(database.db, { id: "acme", name: "Acme" });
    // Development mode without a key: the public development key, as the command will use.
    const secretBox = createSecretBox(resolveEncryptionKeys({ mode: "development", logger: { warn: () => {} } }));
    const runner = createSqliteJobRunner({ db: database.db });
    await createConnection(
      { db: database.db, secretBox, runner, clock: systemClock },
      { orgId: "acme", name: "Accounts CSV", config: { provider: "csv", settings: { accountsFile: join(dir, "accounts.csv") } } },
    );
    // A file without a name column: its sync cannot succeed until the file is fixed.
    writeFileSync(join(dir, "bad.csv"), "id,website\nb1,https://initech.com\n");
    await createConnection(
      { db: database.db, secretBox, runner, clock: systemClock },
      { orgId: "acme", name: "Bad CSV", config: { provider: "csv", settings: { accountsFile: join(dir, "bad.csv") } } },
    );
    database.close();
  });

  it("syncs one connection and prints plain lines off a TTY", async () => {
    const { code, stdout, stderr } = await runCli(["sync", "--database", "mutual.sqlite", "--connection", "Accounts CSV"], dir);
    expect(code).toBe(0);
    expect(stdout).toMatch(/^Accounts CSV: succeeded in \d+\.\ds - accounts 2 pulled \(2 new, 0 updated, 0 deleted\)/);
    expect(stderr).toContain("Accounts CSV: sync started (manual)");
    expect(stderr).toContain("Accounts CSV: overlaps");
    expect(stderr).not.toContain("\r");
    const database = openDatabase({ file: join(dir, "mutual.sqlite") });
    expect((await listSyncRuns(database.db)).map((run) => run.status)).toEqual(["succeeded"]);
    database.close();
  });

  afterEach(() => {
    vi.unstubAllEnvs();
  });

  it("reports bad environment variables one line each, without a stack trace", async () => {
    vi.stubEnv("MUTUAL_LEASE_MS", "soon");
    vi.stubEnv("MUTUAL_ENV", "staging");
    const { code, stderr } = await runCli(["sync", "--database", "mutual.sqlite"], dir);
    expect(code).not.toBe(0);
    expect(stderr.trimEnd().split("\n")).toEqual([
      "mutual sync: invalid environment:",
      expect.stringMatching(/^  MUTUAL_ENV: Invalid option/),
      expect.stringMatching(/^  MUTUAL_LEASE_MS: Invalid input: expected number/),
    ]);
  });

  it("reports a sync that fails for good with its cause, as lines for a person, and exits 1", async () => {
    const { code, stdout, stderr } = await runCli(["sync", "--database", "mutual.sqlite", "--connection", "Bad CSV"], dir);
    expect(code).toBe(1);
    const [summary, detail] = stdout.trimEnd().split("\n");
    expect(summary).toMatch(/^Bad CSV: failed in \d+\.\ds \(invalid_input: .*bad[.]csv: cannot read the account columns\) - accounts 0 pulled/);
    expect(detail).toMatch(/^  .*bad[.]csv: line 1: missing required column 'name'/);
    // Logs are plain lines (no JSON, no stack), and nothing promises a retry that will not come.
    expect(stderr).toContain("error: job failed (dead): ");
    expect(stderr).not.toMatch(/"level"|\bat .*[.]ts:\d+/);
    expect(stderr).not.toContain("will be retried");
  });

  it("reports an unknown connection as one clear line", async () => {
    const { code, stderr } = await runCli(["sync", "--database", "mutual.sqlite", "--connection", "Nope"], dir);
    expect(code).not.toBe(0);
    expect(stderr).toMatch(/no connection with id or name 'Nope'/);
  });
});
