import { execFile } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { parse } from "csv-parse/sync";
import { stringify } from "csv-stringify/sync";
import { afterAll, describe, expect, it } from "vitest";
import { datasetPath } from "@mutual/datasets";
import { runCli } from "../testing/run-cli.ts";

const dir = mkdtempSync(join(tmpdir(), "mutual-map-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const write = (name: string, content: string) => writeFileSync(join(dir, name), content);

write(
  "mine.csv",
  "id,name,website,status\n" +
    "a1,Acme,acme.com,customer\n" +
    "a2,Globex,https://www.globex.com/x,opportunity\n" +
    "a3,Initech,initech.co.uk,\n" +
    "a4,Acme EU,http://ACME.com/eu,prospect\n" +
    "a5,Umbrella,umbrella.com,prospect\n",
);
write(
  "partner.csv",
  "Account ID;Account Name;Website;Type\n" +
    "p1;ACME Corp;acme.com;Prospect\n" +
    "p2;Globex Intl;globex.com;Customer - Direct\n" +
    "p3;Globex Labs;labs.globex.com;Prospect\n" +
    "p4;Umbrella;www.umbrella.com;Opportunity\n" +
    "p5;Other;other.com;Customer\n",
);

describe("mutual map", () => {
  it("prints the overlap matrix with counts, totals and plays", async () => {
    const { code, stdout, stderr } = await runCli(["map", "--mine", "mine.csv", "--partner", "partner.csv"], dir);
    expect(stderr).toBe("");
    expect(code).toBe(0);
    expect(stdout).toBe(
      [
        "Overlap: 3 companies (your records: 4 of 5, partner's records: 4 of 5)",
        "",
        "mine \\ partner's  Customers  Opportunities  Prospects  Total",
        "Customers                 0              0          1      1",
        "Opportunities             1              0          0      1",
        "Prospects                 0              1          0      1",
        "Total                     1              1          1      3",
        "",
        "Plays:",
        "  Customers x Prospects (1): collect referral revenue",
        "  Opportunities x Customers (1): get warm intro / context from partner",
        "  Prospects x Opportunities (1): co-selling, co-marketing",
        "",
      ].join("\n"),
    );
  });

  it("lists the overlapping companies and their records with --records", async () => {
    const { code, stdout } = await runCli(["map", "--mine", "mine.csv", "--partner", "partner.csv", "--records"], dir);
    expect(code).toBe(0);
    const records = stdout.slice(stdout.indexOf("Overlapping companies:"));
    expect(records.split("\n").slice(1, 5)).toEqual([
      "my population  my records            partner's population  partner's records                confidence  evidence",
      "Customers      a1 Acme | a4 Acme EU  Prospects             p1 ACME Corp                     0.94        same domain acme.com; names agree after normalization and legal form",
      "Opportunities  a2 Globex             Customers             p2 Globex Intl | p3 Globex Labs  0.94        same domain globex.com; one name contains the other",
      "Prospects      a5 Umbrella           Opportunities         p4 Umbrella                      1.00        same domain umbrella.com; same name",
    ]);
  });
});

describe("mutual map on bad input: one line per problem, exit 2, no stack trace", () => {
  it("missing required column", async () => {
    write("no-name.csv", "id,website\n1,acme.com\n");
    const { code, stderr } = await runCli(["map", "--mine", "no-name.csv", "--partner", "partner.csv"], dir);
    expect(code).toBe(2);
    expect(stderr).toBe(
      `mutual map: ${join(dir, "no-name.csv")}: cannot read the account columns\n` +
        `  ${join(dir, "no-name.csv")}: line 1: missing required column 'name' (columns found: id, website; use --map name="Your Header")\n`,
    );
  });

  it("unreadable file", async () => {
    const { code, stderr } = await runCli(["map", "--mine", "missing.csv", "--partner", "partner.csv"], dir);
    expect(code).toBe(2);
    expect(stderr).toBe(`mutual map: cannot read ${join(dir, "missing.csv")}: no such file\n`);
  });

  it("broken quoting", async () => {
    write("quotes.csv", 'id,name,website\n1,"Acme,acme.com\n2,Globex,globex.com\n');
    const { code, stderr } = await runCli(["map", "--mine", "mine.csv", "--partner", "quotes.csv"], dir);
    expect(code).toBe(2);
    const lines = stderr.trimEnd().split("\n");
    expect(lines).toHaveLength(2);
    expect(lines[0]).toBe(`mutual map: ${join(dir, "quotes.csv")}: cannot parse the file; nothing imported`);
    expect(lines[1]).toMatch(/quotes\.csv: line \d+: a quoted field is never closed/);
  });

  it("empty file", async () => {
    write("empty.csv", "");
    const { code, stderr } = await runCli(["map", "--mine", "empty.csv", "--partner", "partner.csv"], dir);
    expect(code).toBe(2);
    expect(stderr).toBe(
      `mutual map: ${join(dir, "empty.csv")}: the file is empty (expected a header row, then one row per record)\n`,
    );
  });

  it("bad rows, then --skip-invalid", async () => {
    write("bad.csv", "id,name,website,status\nb1,Acme,acme.com,customer\nb2,,x.com,\nb3,Y,y.com,banana\n");
    const rejected = await runCli(["map", "--mine", "bad.csv", "--partner", "partner.csv"], dir);
    expect(rejected.code).toBe(2);
    expect(rejected.stderr.trimEnd().split("\n")).toEqual([
      `mutual map: ${join(dir, "bad.csv")}: 2 of 3 rows are invalid; nothing imported (use --skip-invalid to import the valid rows)`,
      `  ${join(dir, "bad.csv")}: line 3, column 2 (name): name is empty`,
      `  ${join(dir, "bad.csv")}: line 4, column 4 (status): unknown status 'banana' (expected customer, opportunity or prospect)`,
    ]);

    const skipped = await runCli(["map", "--mine", "bad.csv", "--partner", "partner.csv", "--skip-invalid"], dir);
    expect(skipped.code).toBe(0);
    expect(skipped.stderr.split("\n")[0]).toBe("bad.csv: skipped 2 invalid rows, imported 1 of 3");
    expect(skipped.stdout).toContain("Overlap: 1 companies");
  });

  it("missing and unknown options", async () => {
    expect((await runCli(["map", "--mine", "mine.csv"], dir)).stderr).toBe(
      "mutual map: missing --partner. Run 'mutual help map' for usage.\n",
    );
    const unknown = await runCli(["map", "--mine", "mine.csv", "--partner", "partner.csv", "--colour"], dir);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain("Unknown option '--colour'");
  });

  it("the real binary prints one line and no stack trace", async () => {
    const bin = join(dirname(fileURLToPath(import.meta.url)), "../../bin/mutual.js");
    const result = await promisify(execFile)(process.execPath, [bin, "map", "--mine", "missing.csv", "--partner", "x.csv"], {
      cwd: dir,
      env: { ...process.env, INIT_CWD: dir },
    }).catch((error: { code: number; stdout: string; stderr: string }) => error);
    expect(result).toMatchObject({ code: 2, stdout: "" });
    expect((result as { stderr: string }).stderr).toBe(`mutual map: cannot read ${join(dir, "missing.csv")}: no such file\n`);
  }, 30_000);
});

describe("mutual map on the orgs-chicago dataset split by source", () => {
  const rows = parse(readFileSync(datasetPath("orgs-chicago/csv_example_input_with_true_ids.csv")), { columns: true }) as Record<
    string,
    string
  >[];
  const trueId = new Map(rows.map((r) => [r.Id!, r["True Id"]!]));
  const mineSources = new Set(["CPS_Early_Childhood_Portal_scrape.csv", "ECE Chicago Find a School scrape.csv"]);
  const toCsv = (part: Record<string, string>[]) =>
    stringify(
      part.map((r) => ({ Id: r.Id, "Site name": r["Site name"], Website: r.Website, Phone: r.Phone, Address: r.Address, Zip: r.Zip, City: "Chicago" })),
      { header: true },
    );
  const mine = rows.filter((r) => mineSources.has(r.Source!));
  const partner = rows.filter((r) => !mineSources.has(r.Source!));
  write("chicago-mine.csv", toCsv(mine));
  write("chicago-partner.csv", toCsv(partner));

  it("prints a matrix whose companies are real overlaps (checked against the dataset's true ids)", async () => {
    const { code, stdout, stderr } = await runCli(
      ["map", "--mine", "chicago-mine.csv", "--partner", "chicago-partner.csv", "--map", "name=Site name", "--records"],
      dir,
    );
    expect(stderr).toBe("");
    expect(code).toBe(0);
    const total = Number(stdout.match(/^Overlap: ([\d,]+) companies/)![1]!.replace(/,/g, ""));
    // No status column: every company is a prospect on both sides, so the whole overlap sits in one cell.
    expect(stdout).toContain(`Prospects                 0              0  ${total.toLocaleString("en-US").padStart(9)}`);
    expect(stdout).toContain(`(${total.toLocaleString("en-US")}): co-selling, co-marketing`);

    const listed = stdout.slice(stdout.indexOf("Overlapping companies:")).split("\n").slice(2).filter((line) => line.trim() !== "");
    expect(listed).toHaveLength(total);
    const ids = (cell: string) => [...cell.matchAll(/(?:^| \| )(\d+) /g)].map((m) => m[1]!);
    const correct = listed.filter((line) => {
      const [, mineCell, , partnerCell] = line.split(/ {2,}/);
      const mineTrue = new Set(ids(mineCell!).map((id) => trueId.get(id)));
      return ids(partnerCell!).some((id) => mineTrue.has(trueId.get(id)));
    });
    // A sanity floor on this dataset, not the engine's evaluation (that is `pnpm eval:match`).
    expect(total).toBeGreaterThan(200);
    expect(correct.length / total).toBeGreaterThan(0.95);
  });
});
