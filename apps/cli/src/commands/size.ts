import { AppError, parseInput, SizingInputSchema, sizePartnerOpportunity } from "@mutual/core";
import { parseCommandArgs, requireOption } from "../args.ts";
import type { Command } from "./types.ts";

const USAGE = `size --overlaps N --intro-to-demo R --demo-to-deal R --deal-size X

  --overlaps N         overlapping accounts with the prospective partner
  --intro-to-demo R    share of introductions that become a demo (0.25 or 25%)
  --demo-to-deal R     share of demos that become a deal (0.2 or 20%)
  --deal-size X        average deal size`;

/** "0.25" or "25%" -> 0.25. */
function parseRate(option: string, text: string): number {
  const percent = text.trim().endsWith("%");
  const value = Number(percent ? text.trim().slice(0, -1) : text);
  if (text.trim() === "" || !Number.isFinite(value)) {
    throw new AppError("invalid_input", `--${option} expects a rate like 0.25 or 25%, got '${text}'`);
  }
  return percent ? value / 100 : value;
}

function parseCount(option: string, text: string): number {
  const value = Number(text.replaceAll(",", "").replaceAll("_", ""));
  if (text.trim() === "" || !Number.isFinite(value)) throw new AppError("invalid_input", `--${option} expects a number, got '${text}'`);
  return value;
}

const formatNumber = (n: number) => n.toLocaleString("en-US", { maximumFractionDigits: 2 });
const formatPercent = (r: number) => `${formatNumber(r * 100)}%`;

export const sizeCommand: Command = {
  name: "size",
  summary: "Size the pipeline a prospective partner could bring, from overlap counts alone.",
  usage: USAGE,
  async run(args, ctx) {
    const { values } = parseCommandArgs("size", args, {
      overlaps: { type: "string" },
      "intro-to-demo": { type: "string" },
      "demo-to-deal": { type: "string" },
      "deal-size": { type: "string" },
    });
    const input = parseInput(SizingInputSchema, {
      overlaps: parseCount("overlaps", requireOption("size", "overlaps", values.overlaps)),
      introToDemo: parseRate("intro-to-demo", requireOption("size", "intro-to-demo", values["intro-to-demo"])),
      demoToDeal: parseRate("demo-to-deal", requireOption("size", "demo-to-deal", values["demo-to-deal"])),
      dealSize: parseCount("deal-size", requireOption("size", "deal-size", values["deal-size"])),
    }, "size options", {
      overlaps: "--overlaps",
      introToDemo: "--intro-to-demo",
      demoToDeal: "--demo-to-deal",
      dealSize: "--deal-size",
    });
    const sizing = sizePartnerOpportunity(input);
    const lines = [
      ["Overlaps", formatNumber(input.overlaps)],
      ["Intro -> demo", formatPercent(input.introToDemo)],
      ["Demo -> deal", formatPercent(input.demoToDeal)],
      ["Deal size", formatNumber(input.dealSize)],
      ["Demos", formatNumber(sizing.demos)],
      ["Deals", formatNumber(sizing.deals)],
      ["Pipeline", formatNumber(sizing.pipeline)],
    ];
    for (const [label, value] of lines) ctx.stdout.write(`${`${label}:`.padEnd(15)}${value}\n`);
    return 0;
  },
};
