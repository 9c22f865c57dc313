import { describe, expect, it } from "vitest";
import type { PartnershipStatus } from "../model/partnership.ts";
import { canChangePartnershipStatus, decidePartnershipAction, type PartnershipAction } from "./partnership-transitions.ts";

const base = { id: "p1", inviterOrgId: "a", inviteeOrgId: "b" };

describe("canChangePartnershipStatus", () => {
  it.each<[PartnershipStatus, PartnershipStatus, boolean]>([
    ["invited", "active", true],
    ["invited", "ended", true],
    ["invited", "paused", false],
    ["active", "paused", true],
    ["active", "ended", true],
    ["active", "invited", false],
    ["paused", "active", true],
    ["paused", "ended", true],
    ["ended", "active", false],
    ["ended", "ended", false],
  ])("%s -> %s is %s", (from, to, allowed) => {
    expect(canChangePartnershipStatus(from, to)).toBe(allowed);
  });
});

describe("decidePartnershipAction", () => {
  it.each<[PartnershipStatus, string, PartnershipAction, PartnershipStatus]>([
    ["invited", "b", "accept", "active"],
    ["invited", "a", "end", "ended"],
    ["invited", "b", "end", "ended"],
    ["active", "a", "pause", "paused"],
    ["active", "b", "pause", "paused"],
    ["paused", "b", "resume", "active"],
    ["paused", "a", "end", "ended"],
  ])("from %s, org %s may %s (-> %s)", (status, actor, action, target) => {
    expect(decidePartnershipAction({ ...base, status }, actor, action)).toBe(target);
  });

  it.each<[PartnershipStatus, string, PartnershipAction, string]>([
    ["invited", "a", "accept", "forbidden"],
    ["invited", "c", "end", "forbidden"],
    ["active", "b", "accept", "conflict"],
    ["invited", "a", "pause", "conflict"],
    ["active", "a", "resume", "conflict"],
    ["ended", "a", "resume", "conflict"],
    ["ended", "b", "end", "conflict"],
  ])("from %s, org %s may not %s (%s)", (status, actor, action, code) => {
    expect(() => decidePartnershipAction({ ...base, status }, actor, action)).toThrow(expect.objectContaining({ code }));
  });
});
