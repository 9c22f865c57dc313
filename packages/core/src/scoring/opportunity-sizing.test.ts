import { describe, expect, it } from "vitest";
import { isAppError } from "../errors.ts";
import { sizePartnerOpportunity } from "./opportunity-sizing.ts";

describe("sizePartnerOpportunity", () => {
  it.each([
    { overlaps: 120, introToDemo: 0.25, demoToDeal: 0.2, dealSize: 25_000, demos: 30, deals: 6, pipeline: 150_000 },
    { overlaps: 10, introToDemo: 0.5, demoToDeal: 0.3, dealSize: 1000, demos: 5, deals: 1, pipeline: 1000 }, // 1.5 -> 1
    { overlaps: 100, introToDemo: 0.29, demoToDeal: 1, dealSize: 10, demos: 29, deals: 29, pipeline: 290 }, // no 28.999
    { overlaps: 3, introToDemo: 0.1, demoToDeal: 0.9, dealSize: 500, demos: 0, deals: 0, pipeline: 0 },
    { overlaps: 0, introToDemo: 1, demoToDeal: 1, dealSize: 500, demos: 0, deals: 0, pipeline: 0 },
    { overlaps: 30, introToDemo: 1, demoToDeal: 0.1, dealSize: 0.1, demos: 30, deals: 3, pipeline: 0.3 },
  ])("$overlaps overlaps -> $deals deals, $pipeline pipeline", ({ demos, deals, pipeline, ...input }) => {
    expect(sizePartnerOpportunity(input)).toEqual({ demos, deals, pipeline });
  });

  it.each([
    { overlaps: -1, introToDemo: 0.1, demoToDeal: 0.1, dealSize: 1 },
    { overlaps: 1.5, introToDemo: 0.1, demoToDeal: 0.1, dealSize: 1 },
    { overlaps: 1, introToDemo: 1.1, demoToDeal: 0.1, dealSize: 1 },
    { overlaps: 1, introToDemo: 0.1, demoToDeal: -0.1, dealSize: 1 },
  ])("rejects %o", (input) => {
    let caught: unknown;
    try {
      sizePartnerOpportunity(input);
    } catch (error) {
      caught = error;
    }
    expect(isAppError(caught) && caught.code).toBe("invalid_input");
  });
});
