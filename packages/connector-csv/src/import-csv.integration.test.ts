import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { rmSync } from "node:fs";
import { AppError, type Account } from "@mutual/core";
import { importAccountsCsv, loadAccountsCsv, loadAccountsCsvAs, loadOpportunitiesCsv } from "./index.ts";

const dir = mkdtempSync(join(tmpdir(), "mutual-csv-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function file(name: string, content: string | Buffer): string {
  const path = join(dir, name);
  writeFileSync(path, content);
  return path;
}

async function failure(promise: Promise<unknown>): Promise<AppError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof AppError) return error;
    throw error;
  }
  throw new Error("expected the import to fail");
}

describe("account import", () => {
  it("reads canonical headers with a BOM, quoted newlines and custom columns", async () => {
    const path = file(
      "canonical.csv",
      '\uFEFFid,name,website,status,icp_score,Industry\r\n' +
        'a1,"Acme, Inc.",https://www.acme.com/about,customer,85,Manufacturing\r\n' +
        'a2,"Globex\r\nCorporation",globex.com,,,\r\n',
    );
    const { accounts, report } = await loadAccountsCsv(path);
    expect(accounts).toEqual<Account[]>([
      { id: "a1", name: "Acme, Inc.", website: "https://www.acme.com/about", status: "customer", icpScore: 85, custom: { Industry: "Manufacturing" } },
      { id: "a2", name: "Globex\r\nCorporation", website: "globex.com" },
    ]);
    expect(report).toMatchObject({ rowsRead: 2, imported: 2, skipped: 0, problemCount: 0, delimiter: "," });
  });

  it("reads a semicolon file with CRM export headers", async () => {
    const path = file(
      "crm.csv",
      "Account ID;Account Name;Website;Billing Country;Type;Account Owner Email\n" +
        "001A;Initech;initech.com;US;Customer - Direct;peter@initech.com\n",
    );
    const { accounts } = await loadAccountsCsv(path);
    expect(accounts).toEqual([
      { id: "001A", name: "Initech", website: "initech.com", country: "US", status: "customer", ownerEmail: "peter@initech.com" },
    ]);
  });

  it("takes --map overrides", async () => {
    const path = file("site.csv", "Id,Site name,Website\n7,Little Stars,littlestars.org\n");
    const { accounts } = await loadAccountsCsv(path, { map: { name: "Site name" } });
    expect(accounts[0]).toMatchObject({ id: "7", name: "Little Stars" });
  });

  it("rejects the whole file and lists every bad row with line, column and reason", async () => {
    const path = file(
      "bad-rows.csv",
      "id,name,owner_email,icp_score\n" +
        "1,Good,ann@good.com,50\n" +
        "2,Bad Email,not-an-email,50\n" +
        '3,"Multi\nline",bob@x.com,150\n' +
        "4,Short\n" +
        ",No Id,,\n",
    );
    const seen: string[] = [];
    const error = await failure(importAccountsCsv(path, (account) => void seen.push(account.id)));
    expect(error.code).toBe("invalid_data");
    expect(error.message).toContain("4 of 5 rows are invalid; nothing imported");
    expect(error.details).toEqual([
      `${path}: line 3, column 3 (owner_email): invalid email address`,
      `${path}: line 4, column 4 (icp_score): too big: expected number to be <=100`,
      `${path}: line 6: has 2 fields but the header has 4 (check quoting and the delimiter ',')`,
      `${path}: line 7, column 1 (id): id is empty`,
    ]);
    // Rows after the first bad one never reach the sink; the caller's transaction drops the rest.
    expect(seen).toEqual(["1"]);
  });

  it("imports the valid rows with skipInvalid and says how many were skipped", async () => {
    const path = file("skip.csv", "id,name,status\n1,A,customer\n2,B,banana\n3,C,prospect\n");
    const { accounts, report } = await loadAccountsCsv(path, { skipInvalid: true });
    expect(accounts.map((a) => a.id)).toEqual(["1", "3"]);
    expect(report).toMatchObject({ rowsRead: 3, imported: 2, skipped: 1, problemCount: 1 });
    expect(report.problems[0]).toMatchObject({ line: 3, column: 3, header: "status" });
    expect(report.problems[0]!.reason).toContain("unknown status 'banana'");
  });

  it("reports a repeated id with the line of its first occurrence", async () => {
    const path = file("dupes.csv", "id,name\n1,A\n2,B\n1,C\n");
    const error = await failure(loadAccountsCsv(path));
    expect(error.details).toEqual([`${path}: line 4, column 1 (id): duplicate id '1' (first on line 2)`]);
  });

  it("keeps only what the caller takes of each account, with the same checks (loadAccountsCsvAs)", async () => {
    const path = file("keep.csv", "id,name,website,status\n1,A,a.com,customer\n2,B,b.com,banana\n1,C,c.com,prospect\n4,D,,\n");
    const { accounts, report } = await loadAccountsCsvAs(path, (a) => `${a.id}:${a.website ?? "-"}`, { skipInvalid: true });
    expect(accounts).toEqual(["1:a.com", "4:-"]);
    expect(report).toMatchObject({ rowsRead: 4, imported: 2, skipped: 2, problemCount: 2 });
    expect(report.problems.map((p) => p.line)).toEqual([3, 4]);
    expect(report.problems[1]!.reason).toBe("duplicate id '1' (first on line 2)");
  });

  it("lists a bounded number of problems and counts the rest", async () => {
    const rows = Array.from({ length: 30 }, (_, i) => `${i},,`).join("\n");
    const path = file("many.csv", `id,name,website\n${rows}\n`);
    const error = await failure(loadAccountsCsv(path, { maxListedProblems: 5 }));
    expect(error.details).toHaveLength(6);
    expect(error.details[5]).toBe("... and 25 more problems");
  });

  it("reports progress ending with the totals", async () => {
    const rows = Array.from({ length: 12_000 }, (_, i) => `${i},Company ${i},c${i}.com`).join("\n");
    const path = file("progress.csv", `id,name,website\n${rows}\n`);
    const progress: number[] = [];
    const { report } = await loadAccountsCsv(path, { onProgress: (p) => progress.push(p.rowsRead) });
    expect(report.imported).toBe(12_000);
    expect(progress).toEqual([5_000, 10_000, 12_000]);
  });
});

describe("malformed files", () => {
  it("names a missing file", async () => {
    const error = await failure(loadAccountsCsv(join(dir, "nope.csv")));
    expect(error.message).toBe(`cannot read ${join(dir, "nope.csv")}: no such file`);
  });

  it("names a directory", async () => {
    const error = await failure(loadAccountsCsv(dir));
    expect(error.message).toContain("not a regular file");
  });

  it.each([
    ["empty.csv", ""],
    ["blank.csv", "\uFEFF \n\n"],
  ])("rejects an empty file (%s)", async (name, content) => {
    const path = file(name, content);
    const error = await failure(loadAccountsCsv(path));
    expect(error.message).toBe(`${path}: the file is empty (expected a header row, then one row per record)`);
  });

  it("accepts a header-only file as zero rows", async () => {
    const { accounts, report } = await loadAccountsCsv(file("header.csv", "id,name\n"));
    expect(accounts).toEqual([]);
    expect(report.rowsRead).toBe(0);
  });

  it("names a missing required column", async () => {
    const path = file("no-name.csv", "id,website\n1,a.com\n");
    const error = await failure(loadAccountsCsv(path));
    expect(error.code).toBe("invalid_input");
    expect(error.details).toEqual([
      `${path}: line 1: missing required column 'name' (columns found: id, website; use --map name="Your Header")`,
    ]);
  });

  it("gives the line of broken quoting", async () => {
    const path = file("quote.csv", 'id,name\n1,A\n2,"B"x\n3,C\n');
    const error = await failure(loadAccountsCsv(path));
    expect(error.details).toEqual([`${path}: line 3: a double quote inside a quoted field must be doubled ("")`]);
  });

  it("gives the line of an unclosed quote", async () => {
    const path = file("unclosed.csv", 'id,name\n1,A\n2,"B\n3,C\n');
    const error = await failure(loadAccountsCsv(path));
    expect(error.details[0]).toContain("a quoted field is never closed");
  });

  it("stops at an unclosed quote that would swallow the file, naming the line where it starts", async () => {
    const rows = Array.from({ length: 20_000 }, (_, i) => `${i + 3},Company ${i}`).join("\n");
    const path = file("runaway.csv", `id,name\n1,A\n2,"broken\n${rows}\n`);
    const error = await failure(loadAccountsCsv(path, { maxRowBytes: 64 * 1024 }));
    expect(error.details).toEqual([`${path}: line 3: a row runs on for more than 64 KiB (a quoted field is probably never closed)`]);
  });

  it("refuses UTF-16 with a hint", async () => {
    const path = file("utf16.csv", Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from("id,name\n", "utf16le")]));
    const error = await failure(loadAccountsCsv(path));
    expect(error.message).toContain("save it as UTF-8");
  });
});

describe("opportunity import", () => {
  it("reads typed fields and infers closed/won from the stage when the columns are absent", async () => {
    const path = file(
      "opps.csv",
      "Opportunity ID,Account ID,Opportunity Name,Stage,Amount,Currency,Created Date,Close Date\n" +
        'o1,a1,Big deal,Closed Won,"$12,500.50",usd,2024-01-15,2024-03-31\n' +
        "o2,a1,Next deal,Negotiation,,EUR,2024-02-01T09:30:00Z,\n",
    );
    const { opportunities } = await loadOpportunitiesCsv(path);
    expect(opportunities).toEqual([
      { id: "o1", accountId: "a1", name: "Big deal", stage: "Closed Won", amount: 12500.5, currency: "USD", createdAt: "2024-01-15", closeDate: "2024-03-31", isClosed: true, isWon: true },
      { id: "o2", accountId: "a1", name: "Next deal", stage: "Negotiation", currency: "EUR", createdAt: "2024-02-01T09:30:00.000Z", isClosed: false, isWon: false },
    ]);
  });

  it("reads the lead source from a CRM export header (empty cells read as absent)", async () => {
    const path = file(
      "lead-source-opps.csv",
      "Opportunity ID,Account ID,Opportunity Name,Stage,Lead Source,Partner\n" +
        "o1,a1,Referred deal,Prospecting, Partner Referral ,Globex\n" +
        "o2,a1,Inbound deal,Prospecting,,\n",
    );
    const { opportunities } = await loadOpportunitiesCsv(path);
    expect(opportunities.map((o) => [o.id, o.leadSource, o.partnerId])).toEqual([
      ["o1", "Partner Referral", "Globex"],
      ["o2", undefined, undefined],
    ]);
  });

  it("reports bad dates, booleans and a won-but-open deal", async () => {
    const path = file(
      "bad-opps.csv",
      "id,account_id,name,stage,close_date,is_closed,is_won\n" +
        "o1,a1,X,Won,3/4/2024,false,true\n" +
        "o2,a1,Y,Open,2024-01-01,maybe,false\n" +
        "o3,a1,Z,Open,2024-01-01,false,true\n",
    );
    const error = await failure(loadOpportunitiesCsv(path));
    expect(error.details).toEqual([
      `${path}: line 2, column 5 (close_date): '3/4/2024' is not a date (expected YYYY-MM-DD or an ISO 8601 timestamp)`,
      `${path}: line 3, column 6 (is_closed): 'maybe' is not a boolean (expected true/false, yes/no or 1/0)`,
      `${path}: line 4, column 7 (is_won): an opportunity cannot be won while open (is_won without is_closed)`,
    ]);
  });
});
