import { describe, expect, it } from "vitest";
import { registrableDomain } from "../normalize/domain.ts";
import { findDomainOverlaps } from "./domain-overlaps.ts";

describe("registrableDomain", () => {
  it.each([
    ["https://www.Acme.com/about?x=1", "acme.com"],
    ["acme.co.uk", "acme.co.uk"],
    ["http://shop.acme.co.uk:8080", "acme.co.uk"],
    ["ann@mail.acme.de", "acme.de"],
    ["store1.myshopify.com", "store1.myshopify.com"],
    ["Yes", undefined],
    ["192.168.0.1", undefined],
    ["co.uk", undefined],
    ["", undefined],
    [undefined, undefined],
  ])("%s -> %s", (input, expected) => {
    expect(registrableDomain(input)).toBe(expected);
  });
});

describe("findDomainOverlaps", () => {
  it("groups every record of a shared domain into one company, sorted by domain", () => {
    const mine = [
      { id: "m1", website: "acme.com" },
      { id: "m2", website: "www.acme.com/eu" },
      { id: "m3", website: "zeta.io" },
      { id: "m4" },
    ];
    const partner = [
      { id: "p1", website: "https://zeta.io" },
      { id: "p2", website: "acme.com" },
      { id: "p3", website: "other.org" },
    ];
    expect(findDomainOverlaps(mine, partner)).toEqual([
      { domain: "acme.com", mine: [mine[0], mine[1]], partner: [partner[1]] },
      { domain: "zeta.io", mine: [mine[2]], partner: [partner[0]] },
    ]);
  });
});
