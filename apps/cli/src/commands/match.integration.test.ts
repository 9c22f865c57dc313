import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { runCli } from "../testing/run-cli.ts";

const dir = mkdtempSync(join(tmpdir(), "mutual-match-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
writeFileSync(join(dir, "a.csv"), "id,name,website,country\nl1,Acme Inc.,https://www.acme.com,US\nl2,ACME Incorporated,acme.com,USA\nl3,Globex GmbH,globex.de,DE\n");
writeFileSync(join(dir, "b.csv"), "id,name,website,country\nr1,Acme Corporation,acme.com,United States\nr2,Globex Inc,globex.com,US\n");

describe("mutual match", () => {
  it("writes accepted pairs as CSV with the overlap summary", async () => {
    const { code, stdout, stderr } = await runCli(["match", "--left", "a.csv", "--right", "b.csv", "--out", "out.csv"], dir);
    expect(stderr).toBe("");
    expect(code).toBe(0);
    expect(stdout).toContain("Overlapping companies: 1");
    const lines = readFileSync(join(dir, "out.csv"), "utf8").trim().split("\n");
    expect(lines[0]).toBe("left_id,right_id,relation,confidence,evidence");
    expect(lines.slice(1).map((l) => l.split(",").slice(0, 3).join(","))).toEqual([
      "l1,r1,same_account",
      "l2,r1,same_account",
      "l3,r2,same_group",
    ]);
  });

  it("explains accepted pairs and writes the review band to --review", async () => {
    writeFileSync(join(dir, "c.csv"), "id,name,phone,country\nl9,Vandelay Industries East,+1 212 555 0199,US\nl3,Globex GmbH,,DE\n");
    writeFileSync(join(dir, "d.csv"), "id,name,phone,country\nr9,Vandelay Industries West,+1 212 555 0199,US\nr3,Globex GmbH,+49 30 1234567,DE\n");
    const { code, stdout, stderr } = await runCli(["match", "--left", "c.csv", "--right", "d.csv", "--explain", "--review", "review.csv"], dir);
    expect(code).toBe(0);
    expect(stdout.trim().split("\n")).toEqual(["left_id,right_id,relation,confidence,evidence"]);
    expect(stderr).toContain("Overlapping companies: 0");
    const review = readFileSync(join(dir, "review.csv"), "utf8").trim().split("\n");
    expect(review[0]).toBe("left_id,right_id,relation,confidence,evidence");
    // Same name alone (no domain, phone or address to back it) is also only worth a look.
    expect(review.slice(1)).toEqual([
      expect.stringMatching(/^l3,r3,same_account,0\.\d{3},same name$/),
      expect.stringMatching(/^l9,r9,same_account,0\.\d{3},names partly agree; same phone \+12125550199$/),
    ]);
  });

  it("--explain prints each accepted pair's reason", async () => {
    const { code, stderr } = await runCli(["match", "--left", "a.csv", "--right", "b.csv", "--explain"], dir);
    expect(code).toBe(0);
    expect(stderr).toContain("l1 ~ r1 same_account");
    expect(stderr).toContain("same domain acme.com");
  });

  it("checks --out and --review before reading anything", async () => {
    const { code, stderr } = await runCli(["match", "--left", "nope.csv", "--right", "b.csv", "--review", "missing/review.csv"], dir);
    expect(code).toBe(2);
    expect(stderr).toBe("mutual match: cannot write missing/review.csv: the directory missing does not exist\n");
  });

  it("fails with one clear line on a missing file", async () => {
    const { code, stderr } = await runCli(["match", "--left", "nope.csv", "--right", "b.csv"], dir);
    expect(code).toBe(2);
    expect(stderr).toMatch(/^mutual match: .*nope\.csv/);
  });
});
