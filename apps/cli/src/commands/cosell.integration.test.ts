import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parse } from "csv-parse/sync";
import { afterAll, describe, expect, it } from "vitest";
import { runCli } from "../testing/run-cli.ts";

const dir = mkdtempSync(join(tmpdir(), "mutual-cosell-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const write = (name: string, content: string) => writeFileSync(join(dir, name), content);

write(
  "mine.csv",
  "id,name,website,icp_score\n" +
    "m1,Acme,acme.com,95\n" +
    "m2,Globex,globex.com,90\n" +
    "m3,Initech,initech.com,75\n" +
    "m4,Umbrella,umbrella.com,72\n" +
    "m5,Hooli,hooli.com,50\n" +
    "m6,Stark,stark.com,\n" +
    "m7,Wayne,wayne.com,80\n",
);
write(
  "partner.csv",
  "id,name,website,status,tier\n" +
    "p1,ACME Corp,acme.com,customer,Platinum\n" +
    "p2,Globex,globex.com,prospect,\n" +
    "p3,Initech,initech.com,customer,Gold\n" +
    "p4,Umbrella,umbrella.com,,Silver\n" +
    "p5,Hooli,hooli.com,customer,Gold\n",
);
write(
  "opps.csv",
  "id,account_id,name,stage,amount,currency,created_at,close_date,is_closed,is_won\n" +
    "o1,p1,Deal 1,Open,1000,USD,2026-01-01,2026-12-01,false,false\n" +
    "o2,p1,Deal 2,Open,1000,USD,2026-01-01,2026-12-01,false,false\n" +
    "o3,p3,Deal 3,Won,1000,USD,2026-01-01,2026-03-01,true,true\n" +
    "o4,p4,Deal 4,Open,1000,USD,2026-01-01,2026-12-01,false,false\n",
);

const HEADER = "account_id,name,icp_score,partner_customer,partner_open_opps,partner_tier,tier_score,cosell_score,quadrant";

describe("mutual cosell", () => {
  it("writes one row per shortlisted account with the contract header", async () => {
    const { code, stdout, stderr } = await runCli(
      ["cosell", "--mine", "mine.csv", "--partner", "partner.csv", "--partner-opps", "opps.csv"],
      dir,
    );
    expect(code).toBe(0);
    expect(stdout).toBe(
      [
        HEADER,
        "m1,Acme,95,true,2,Platinum,3,1.85,cosell_first",
        "m2,Globex,90,false,0,,,0.00,direct_outreach",
        "m3,Initech,75,true,0,Gold,2,0.75,deprioritize",
        "m4,Umbrella,72,,1,Silver,1,0.65,deprioritize",
        "m7,Wayne,80,false,0,,0,0.00,deprioritize",
        "",
      ].join("\n"),
    );
    // Why scores are partial is said, not a bare "Unknown".
    expect(stderr).toBe(
      "Shortlisted 5 of 7 accounts (ICP >= 70; 1 below, 1 without an ICP score); quadrant thresholds: ICP 83.5, co-sell 0.93; matched with the account matching engine\n" +
        "  1 account: co-sell score partial, partner tier: partner's record has no value (no tier in the partner's file)\n" +
        "  1 account: co-sell score partial, partner customer: partner's record has no value (no status in the partner's file)\n",
    );
  });

  it("leaves unshared opportunities unknown and says why", async () => {
    const { code, stdout, stderr } = await runCli(["cosell", "--mine", "mine.csv", "--partner", "partner.csv"], dir);
    expect(code).toBe(0);
    const rows = parse(stdout, { columns: true }) as Record<string, string>[];
    expect(rows.map((r) => [r.account_id, r.partner_open_opps, r.cosell_score])).toEqual([
      ["m1", "", "0.95"],
      ["m2", "", "0.00"],
      ["m3", "", "0.75"],
      ["m4", "", "0.20"],
      ["m7", "", "0.00"],
    ]);
    expect(rows.map((r) => r.quadrant)).toEqual(["cosell_first", "direct_outreach", "partner_opens_door", "deprioritize", "deprioritize"]);
    expect(stderr.split("\n").slice(1)).toEqual([
      "  5 accounts: co-sell score partial, partner open opportunities: not shared by the partner (no --partner-opps file)",
      "  1 account: co-sell score partial, partner tier: partner's record has no value (no tier in the partner's file)",
      "  1 account: co-sell score partial, partner customer: partner's record has no value (no status in the partner's file)",
      "",
    ]);
  });

  it("applies weights, tiers and the minimum ICP, writing to --out", async () => {
    const { code, stdout, stderr } = await runCli(
      [
        "cosell", "--mine", "mine.csv", "--partner", "partner.csv", "--partner-opps", "opps.csv",
        "--weights", "customer=1,opps=0,tier=0.5", "--tiers", "Platinum=10,Gold=4", "--min-icp", "80", "--out", "out.csv",
      ],
      dir,
    );
    expect(code).toBe(0);
    expect(stdout).toBe("");
    expect(stderr).toContain("Wrote 3 rows to out.csv");
    expect(readFileSync(join(dir, "out.csv"), "utf8")).toBe(
      [HEADER, "m1,Acme,95,true,2,Platinum,10,6.00,cosell_first", "m2,Globex,90,false,0,,,0.00,direct_outreach", "m7,Wayne,80,false,0,,0,0.00,deprioritize", ""].join("\n"),
    );
  });

  it.each([
    { args: ["--weights", "customer=1,foo=2"], line: "mutual cosell: --weights: unknown weight 'foo' (expected customer, opps, tier)" },
    { args: ["--weights", "customer=x"], line: "mutual cosell: --weights: 'customer' expects a number, got 'x'" },
    { args: ["--min-icp", "120"], line: "mutual cosell: invalid co-sell options\n  --min-icp: Too big: expected number to be <=100" },
    { args: ["--tiers", "Gold=-1"], line: "mutual cosell: invalid co-sell options\n  --tiers.Gold: Too small: expected number to be >=0" },
  ])("rejects bad options with one line per problem: $args", async ({ args, line }) => {
    const { code, stderr } = await runCli(["cosell", "--mine", "mine.csv", "--partner", "partner.csv", ...args, "--out", "bad.csv"], dir);
    expect(code).toBe(2);
    expect(stderr).toBe(`${line}\n`);
    expect(existsSync(join(dir, "bad.csv"))).toBe(false);
  });

  it("rejects a bad file without writing the output", async () => {
    write("broken.csv", "id,website\n1,acme.com\n");
    const { code, stderr } = await runCli(["cosell", "--mine", "broken.csv", "--partner", "partner.csv", "--out", "never.csv"], dir);
    expect(code).toBe(2);
    expect(stderr).toContain("missing required column 'name'");
    expect(stderr).not.toContain("    at ");
    expect(existsSync(join(dir, "never.csv"))).toBe(false);
  });

  it("checks --out before reading the lists", async () => {
    const { code, stderr } = await runCli(["cosell", "--mine", "nope.csv", "--partner", "partner.csv", "--out", "no-dir/out.csv"], dir);
    expect(code).toBe(2);
    expect(stderr).toBe("mutual cosell: cannot write no-dir/out.csv: the directory no-dir does not exist\n");
  });

  it("requires --mine and --partner", async () => {
    const { code, stderr } = await runCli(["cosell", "--mine", "mine.csv"], dir);
    expect(code).toBe(2);
    expect(stderr).toBe("mutual cosell: missing --partner. Run 'mutual help cosell' for usage.\n");
  });
});
