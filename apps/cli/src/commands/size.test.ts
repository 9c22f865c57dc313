import { describe, expect, it } from "vitest";
import { runCli } from "../testing/run-cli.ts";

describe("mutual size", () => {
  it("prints demos, deals (whole, rounded down) and pipeline", async () => {
    const { code, stdout, stderr } = await runCli(
      ["size", "--overlaps", "125", "--intro-to-demo", "25%", "--demo-to-deal", "0.2", "--deal-size", "24999.5"],
      process.cwd(),
    );
    expect(stderr).toBe("");
    expect(code).toBe(0);
    expect(stdout).toBe(
      [
        "Overlaps:      125",
        "Intro -> demo: 25%",
        "Demo -> deal:  20%",
        "Deal size:     24,999.5",
        "Demos:         31",
        "Deals:         6",
        "Pipeline:      149,997",
        "",
      ].join("\n"),
    );
  });

  it.each([
    { args: ["--overlaps", "10", "--intro-to-demo", "125%", "--demo-to-deal", "0.2", "--deal-size", "1"], err: "mutual size: invalid size options\n  --intro-to-demo: Too big: expected number to be <=1\n" },
    { args: ["--overlaps=-3", "--intro-to-demo", "0.1", "--demo-to-deal", "0.2", "--deal-size", "1"], err: "mutual size: invalid size options\n  --overlaps: Too small: expected number to be >=0\n" },
    { args: ["--overlaps", "10", "--intro-to-demo", "abc", "--demo-to-deal", "0.2", "--deal-size", "1"], err: "mutual size: --intro-to-demo expects a rate like 0.25 or 25%, got 'abc'\n" },
    { args: ["--overlaps", "10", "--intro-to-demo", "0.1", "--demo-to-deal", "0.2"], err: "mutual size: missing --deal-size. Run 'mutual help size' for usage.\n" },
  ])("rejects bad input: $args", async ({ args, err }) => {
    const { code, stderr, stdout } = await runCli(["size", ...args], process.cwd());
    expect(code).toBe(2);
    expect(stdout).toBe("");
    expect(stderr).toBe(err);
  });
});
