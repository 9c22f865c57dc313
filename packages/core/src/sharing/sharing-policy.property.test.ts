import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { Account } from "../model/account.ts";
import type { PartnershipStatus } from "../model/partnership.ts";
import type { SharingLevel, SharingRule } from "../model/sharing.ts";
import { applySharingPolicy, listDisclosures, type SharingData } from "./apply-sharing-policy.ts";
import { countSharedOverlaps, type OverlapCompanyRecords } from "./count-shared-overlaps.ts";
import { decideVisibility, type DataOwner, type ViewPermission, type VisibilityInput } from "./decide-visibility.ts";

/**
 * Random orgs, populations, sharing settings and data. Every value is a unique marker ("N#3#" is
 * account 3's name) so a leak shows up as a marker anywhere in the serialized view.
 */
const POPULATIONS = ["p0", "p1", "p2", "p3"];
const FIELDS = ["id", "name", "website", "country", "icpScore", "Industry", "secret"];
const LEVELS: SharingLevel[] = ["hidden", "counts", "overlaps", "full"];
const ORGS = ["owner", "viewer", "other"];

const markers = (n: number) => ({
  id: `acct#${n}#`,
  name: `N#${n}#`,
  website: `w${n}x.example.com`,
  country: `C#${n}#`,
  Industry: `I#${n}#`,
  secret: `S#${n}#`,
});
const popName = (id: string) => `PopName#${id}#`;

const accountArb = (n: number) =>
  fc.record({
    populationIds: fc.subarray(POPULATIONS),
    hasCountry: fc.boolean(),
    icp: fc.option(fc.integer({ min: 0, max: 100 }), { nil: undefined }),
  }).map(({ populationIds, hasCountry, icp }) => {
    const m = markers(n);
    const account: Account = {
      id: m.id,
      name: m.name,
      website: m.website,
      ...(hasCountry ? { country: m.country } : {}),
      ...(icp !== undefined ? { icpScore: icp } : {}),
      custom: { Industry: m.Industry, secret: m.secret },
    };
    return { account, populationIds };
  });

const ruleArb = (populationId: string, partnerOrgId?: string) =>
  fc.record({ level: fc.constantFrom(...LEVELS), fieldAllowlist: fc.subarray(FIELDS) }).map(
    (rule): SharingRule => ({ populationId, ...rule, ...(partnerOrgId ? { partnerOrgId } : {}) }),
  );

/** At most one default and one override per partner and population (the store keeps them unique). */
const rulesArb = fc
  .tuple(...POPULATIONS.map((p) => fc.tuple(fc.option(ruleArb(p)), fc.option(ruleArb(p, "viewer")), fc.option(ruleArb(p, "other")))))
  .map((perPopulation) => perPopulation.flat().filter((rule): rule is SharingRule => rule !== null));

const statusArb = fc.oneof(fc.constant<PartnershipStatus>("active"), fc.constantFrom<PartnershipStatus>("invited", "paused", "ended"));

const scenarioArb = fc
  .integer({ min: 0, max: 12 })
  .chain((count) =>
    fc.record({
      accounts: fc.tuple(...Array.from({ length: count }, (_, n) => accountArb(n))),
      rules: rulesArb,
      viewerOrgId: fc.constantFrom("viewer", "viewer", "other", "owner"),
      offline: fc.boolean(),
      // mostly the owner-viewer partnership, active half of the time; sometimes none or another pair
      partnership: fc.oneof(
        { weight: 6, arbitrary: fc.record({ inviterOrgId: fc.constant("owner"), inviteeOrgId: fc.constant("viewer"), status: statusArb }) },
        { weight: 2, arbitrary: fc.record({ inviterOrgId: fc.constantFrom(...ORGS), inviteeOrgId: fc.constantFrom(...ORGS), status: statusArb }) },
        { weight: 1, arbitrary: fc.constant(undefined) },
      ),
      // each account is in at most one overlapping company; groups of owner records share viewer ids
      overlapGroup: fc.array(fc.option(fc.integer({ min: 0, max: 4 }), { nil: undefined }), { minLength: count, maxLength: count }),
    }),
  );

type Scenario = typeof scenarioArb extends fc.Arbitrary<infer T> ? T : never;

function build(s: Scenario): { input: VisibilityInput; data: SharingData } {
  const dataOwner: DataOwner = s.offline ? { kind: "offline_partner", ownerOrgId: "owner", partnerId: "offline-1" } : { kind: "org", orgId: "owner" };
  const groups = new Map<number, string[]>();
  s.accounts.forEach(({ account }, i) => {
    const group = s.overlapGroup[i];
    if (group !== undefined) groups.set(group, [...(groups.get(group) ?? []), account.id]);
  });
  const data: SharingData = {
    ownerOrgId: "owner",
    populations: POPULATIONS.map((id) => ({ id, name: popName(id) })),
    accounts: s.accounts,
    overlaps: {
      viewerOrgId: s.viewerOrgId,
      companies: [...groups].map(([group, ownerAccountIds]) => ({ ownerAccountIds, viewerAccountIds: [`v#${group}#`] })),
    },
  };
  const input: VisibilityInput = {
    viewerOrgId: s.viewerOrgId,
    dataOwner,
    sharingRules: s.rules,
    ...(s.partnership ? { partnership: s.partnership } : {}),
  };
  return { input, data };
}

/** The owner's settings, read independently of the implementation. */
function allowedLevel(s: Scenario, populationId: string): { level: SharingLevel; fields: string[] } {
  const override = s.rules.find((r) => r.populationId === populationId && r.partnerOrgId === s.viewerOrgId);
  const fallback = s.rules.find((r) => r.populationId === populationId && r.partnerOrgId === undefined);
  const rule = override ?? fallback;
  return rule ? { level: rule.level, fields: rule.fieldAllowlist } : { level: "hidden", fields: [] };
}

function partnershipIsActiveBetweenOwnerAndViewer(s: Scenario): boolean {
  const p = s.partnership;
  if (!p || p.status !== "active") return false;
  return (p.inviterOrgId === "owner" && p.inviteeOrgId === s.viewerOrgId) || (p.inviteeOrgId === "owner" && p.inviterOrgId === s.viewerOrgId);
}

function isOverlapping(data: SharingData, accountId: string): boolean {
  return data.overlaps?.companies.some((c) => c.ownerAccountIds.includes(accountId)) ?? false;
}

/** Populations through which the settings allow showing this record. */
function lettingThrough(s: Scenario, data: SharingData, entry: SharingData["accounts"][number]): string[] {
  const overlapping = isOverlapping(data, entry.account.id);
  return [...new Set(entry.populationIds)].filter((p) => {
    const { level } = allowedLevel(s, p);
    return level === "full" || (level === "overlaps" && overlapping);
  });
}

const runs = { numRuns: 300 };

describe("sharing policy properties", () => {
  it("a partner never receives a record, field, population or count the owner's settings do not allow", () => {
    fc.assert(
      fc.property(scenarioArb, (s) => {
        fc.pre(s.viewerOrgId !== "owner");
        const { input, data } = build(s);
        const view = applySharingPolicy(decideVisibility(input), data);
        const json = JSON.stringify(view);
        const reachable = !s.offline && partnershipIsActiveBetweenOwnerAndViewer(s);

        // populations: present only when not hidden, at exactly the owner's level, with true counts
        for (const population of POPULATIONS) {
          const { level } = allowedLevel(s, population);
          const shown = view.populations.find((p) => p.populationId === population);
          if (!reachable || level === "hidden") {
            expect(shown).toBeUndefined();
            expect(json).not.toContain(popName(population));
            continue;
          }
          expect(shown?.level).toBe(level);
          const members = data.accounts.filter((a) => a.populationIds.includes(population));
          expect(shown?.overlapRecords).toBe(new Set(members.filter((a) => isOverlapping(data, a.account.id)).map((a) => a.account.id)).size);
          expect(shown?.totalRecords).toBe(level === "full" ? members.length : undefined);
          const memberIds = new Set(members.map((a) => a.account.id));
          const companies = data.overlaps?.companies.filter((c) => c.ownerAccountIds.some((id) => memberIds.has(id))) ?? [];
          expect(shown?.overlapCompanies).toBe(companies.length);
        }

        // records: exactly those some population lets through, with only that population's fields
        const expected = reachable ? data.accounts.filter((entry) => lettingThrough(s, data, entry).length > 0) : [];
        expect(view.records).toHaveLength(expected.length);
        expected.forEach((entry, i) => {
          const record = view.records[i]!;
          const through = lettingThrough(s, data, entry);
          expect(record.populationIds).toEqual(through);
          const allowedFields = new Set(through.flatMap((p) => allowedLevel(s, p).fields));
          for (const field of Object.keys(record.fields)) expect(allowedFields).toContain(field);
        });

        // no value of an account leaks anywhere unless a population letting that account through allows the field
        data.accounts.forEach((entry, n) => {
          const through = reachable ? lettingThrough(s, data, entry) : [];
          const allowedFields = new Set(through.flatMap((p) => allowedLevel(s, p).fields));
          for (const [field, marker] of Object.entries(markers(n))) {
            if (!allowedFields.has(field)) expect(json).not.toContain(marker);
          }
        });
      }),
      runs,
    );
  });

  it("`counts` reveals counts only", () => {
    const countsOnly = scenarioArb.map((s) => ({ ...s, rules: s.rules.map((r) => (r.level === "hidden" ? r : { ...r, level: "counts" as const })) }));
    fc.assert(
      fc.property(countsOnly, (s) => {
        fc.pre(s.viewerOrgId !== "owner");
        const { input, data } = build(s);
        const view = applySharingPolicy(decideVisibility(input), data);
        expect(view.records).toEqual([]);
        expect(listDisclosures(decideVisibility(input), data)).toEqual([]);
        for (const population of view.populations) {
          expect(Object.keys(population).sort()).toEqual(["level", "name", "overlapCompanies", "overlapRecords", "populationId"]);
        }
        const json = JSON.stringify(view);
        data.accounts.forEach((_entry, n) => {
          for (const marker of Object.values(markers(n))) expect(json).not.toContain(marker);
        });
      }),
      runs,
    );
  });

  it("pausing or ending a partnership (or never accepting it) removes all access at once", () => {
    fc.assert(
      fc.property(scenarioArb, fc.constantFrom<PartnershipStatus>("invited", "paused", "ended"), (s, status) => {
        const viewerOrgId = s.viewerOrgId === "owner" ? "viewer" : s.viewerOrgId;
        const active = { ...s, viewerOrgId, offline: false, partnership: { inviterOrgId: "owner", inviteeOrgId: viewerOrgId, status: "active" as const } };
        const stopped = { ...active, partnership: { ...active.partnership, status } };
        const before = build(active);
        const after = build(stopped);
        expect(decideVisibility(before.input).access).toBe("partner");
        const permission = decideVisibility(after.input);
        expect(permission).toMatchObject({ access: "none", grants: [] });
        expect(applySharingPolicy(permission, after.data)).toMatchObject({ populations: [], records: [] });
        expect(countSharedOverlaps({ orgA: "owner", orgB: viewerOrgId, companies: [], permission, viewerPopulationIds: POPULATIONS })).toEqual([]);
      }),
      runs,
    );
  });

  it("an offline partner's data is only ever visible to the org that uploaded it", () => {
    fc.assert(
      fc.property(scenarioArb, (s) => {
        const { input, data } = build({ ...s, offline: true });
        const permission = decideVisibility(input);
        const view = applySharingPolicy(permission, data);
        if (s.viewerOrgId === "owner") {
          expect(permission.access).toBe("owner");
          expect(view.records).toHaveLength(data.accounts.length);
        } else {
          expect(permission.access).toBe("none");
          expect(view).toMatchObject({ populations: [], records: [] });
        }
      }),
      runs,
    );
  });
});

const sideRecordsArb = (prefix: string, populations: string[]) =>
  fc.array(fc.record({ accountId: fc.constantFrom(`${prefix}1`, `${prefix}2`, `${prefix}3`), populationIds: fc.subarray(populations) }), { minLength: 1, maxLength: 3 });
const A_POPS = ["a-cust", "a-opps", "a-pros"];
const B_POPS = ["b-cust", "b-opps", "b-pros"];

describe("symmetric overlap counts", () => {
  it("both sides see the same company count wherever both share, record counts swapped", () => {
    const grantsArb = (populations: string[]) => fc.subarray(populations);
    fc.assert(
      fc.property(
        fc.array(fc.record({ a: sideRecordsArb("a", A_POPS), b: sideRecordsArb("b", B_POPS) }), { maxLength: 8 }),
        grantsArb(A_POPS),
        grantsArb(B_POPS),
        (companies: OverlapCompanyRecords[], aShares, bShares) => {
          const permission = (viewer: string, owner: string, shared: string[]): ViewPermission => ({
            ownerOrgId: owner,
            viewerOrgId: viewer,
            access: "partner",
            reason: "shared",
            grants: shared.map((populationId) => ({ populationId, level: "counts", fields: [] })),
          });
          const aView = countSharedOverlaps({ orgA: "A", orgB: "B", companies, permission: permission("A", "B", bShares), viewerPopulationIds: A_POPS });
          const bView = countSharedOverlaps({ orgA: "A", orgB: "B", companies, permission: permission("B", "A", aShares), viewerPopulationIds: B_POPS });
          // a column exists only for what the other side shares
          expect(new Set(aView.map((c) => c.otherPopulationId))).toEqual(new Set(bShares));
          expect(new Set(bView.map((c) => c.otherPopulationId))).toEqual(new Set(aShares));
          for (const x of aShares) {
            for (const y of bShares) {
              const fromA = aView.find((c) => c.ownPopulationId === x && c.otherPopulationId === y)!;
              const fromB = bView.find((c) => c.ownPopulationId === y && c.otherPopulationId === x)!;
              expect(fromA.companies).toBe(fromB.companies);
              expect(fromA.ownRecords).toBe(fromB.otherRecords);
              expect(fromA.otherRecords).toBe(fromB.ownRecords);
              const truth = companies.filter((c) => c.a.some((r) => r.populationIds.includes(x)) && c.b.some((r) => r.populationIds.includes(y))).length;
              expect(fromA.companies).toBe(truth);
            }
          }
        },
      ),
      runs,
    );
  });
});
