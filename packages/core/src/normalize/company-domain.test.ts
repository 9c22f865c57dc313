import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { brandStem, companyDomain, parseCompanyDomain, plainHost } from "./company-domain.ts";
import { registrableDomain } from "./domain.ts";

const PSL_CASE_RE = /^checkPublicSuffix\((null|'[^']*'), (null|'[^']*')\);/;
const pslCases = readFileSync(new URL("./fixtures/test_psl.txt", import.meta.url), "utf8")
  .split("\n")
  .map((line) => PSL_CASE_RE.exec(line.trim()))
  .filter((m): m is RegExpExecArray => m !== null)
  .map((m) => [m[1] === "null" ? undefined : m[1]!.slice(1, -1), m[2] === "null" ? undefined : m[2]!.slice(1, -1)] as const);

describe("registrable domain (publicsuffix test_psl cases)", () => {
  it("has the cases", () => expect(pslCases.length).toBeGreaterThan(60));
  it.each(pslCases)("%s -> %s", (input, expected) => {
    // Deliberate: a domain under a TLD the list does not know ("example.example") is no company's website.
    const unlistedTld = input?.toLowerCase().endsWith(".example") ?? false;
    // Also deliberate (existing registrableDomain behaviour): tldts reads ".example.com" as example.com, as a user means it.
    const leadingDot = input === ".example.com";
    expect(registrableDomain(input)).toBe(unlistedTld ? undefined : leadingDot ? "example.com" : expected);
  });
});

describe("companyDomain", () => {
  it.each([
    ["https://www.Acme.com:8080/about?x=1", "acme.com"],
    ["jane@acme.co.uk", "acme.co.uk"],
    ["shop.myshopify.com", "shop.myshopify.com"],
    ["jane@gmail.com", undefined],
    ["https://www.linkedin.com/company/acme", undefined],
    ["bit.ly/acme", undefined],
    ["sites.google.com/view/acme", undefined],
    ["google.com", "google.com"],
    ["No", undefined],
  ])("%s -> %s", (input, expected) => {
    expect(companyDomain(input)).toBe(expected);
    expect(parseCompanyDomain(input).domain).toBe(expected);
  });

  it("brand stems group country domains but not private-suffix hosts", () => {
    expect(brandStem("acme.co.uk")).toBe("acme");
    expect(brandStem("acme.com")).toBe("acme");
    expect(brandStem("acme.myshopify.com")).toBeUndefined();
  });
});

describe("plainHost", () => {
  it("captures what the plain-URL regular expression captures", () => {
    const pattern = /^(?:[a-z][a-z0-9+.-]*:\/\/)?([a-z0-9.-]+)(?::\d+)?(?:[/?#]|$)/;
    const piece = fc.constantFrom("a", "z", "0", "9", ".", "-", "+", ":", "/", "//", "://", "?", "#", "@", " ", "A", "_", "http", "www.", "acme.com", ":8080");
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 8 }).map((parts) => parts.join("")), (text) => {
        expect(plainHost(text)).toBe(pattern.exec(text)?.[1]);
      }),
      { numRuns: 10_000 },
    );
  });
});
