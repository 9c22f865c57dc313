import type { SharingLevel } from "@mutual/core";
import { openDatabase, listOverlaps, listAccounts } from "@mutual/db";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { ServiceContext } from "../context.ts";
import { NOW, seedOrg } from "../internal/test-setup.ts";
import { acceptInvitation } from "../partnerships/accept-invitation.ts";
import { endPartnership } from "../partnerships/end-partnership.ts";
import { inviteOrganization } from "../partnerships/invite-organization.ts";
import { pausePartnership } from "../partnerships/pause-partnership.ts";
import { setSharingRule } from "../sharing/set-sharing-rule.ts";
import { exportOverlapsCsv } from "./export-overlaps-csv.ts";
import { getOverlapCounts } from "./get-overlap-counts.ts";
import { getPartnerOverlapView } from "./get-partner-overlap-view.ts";
import { listDisclosures } from "./list-disclosures.ts";

const COMPANIES = ["Initech", "Hooli", "Massive Dynamic", "Pied Piper", "Stark Industries", "Wayne Enterprises"];
const FIELDS = ["id", "name", "website", "country", "tier", "city"] as const;
const KEYS = ["customers", "open_opportunities", "prospects"] as const;
const STATUS_KEY = { customer: "customers", opportunity: "open_opportunities", prospect: "prospects" } as const;

const accountArb = fc.record({
  company: fc.integer({ min: 0, max: COMPANIES.length - 1 }),
  status: fc.constantFrom("customer", "opportunity", "prospect" as const),
});
const ruleArb = fc.record({
  level: fc.constantFrom<SharingLevel>("hidden", "counts", "overlaps", "full"),
  fields: fc.subarray([...FIELDS]),
});
const scenarioArb = fc.record({
  owner: fc.array(accountArb, { minLength: 1, maxLength: 7 }),
  viewer: fc.uniqueArray(fc.integer({ min: 0, max: COMPANIES.length - 1 }), { minLength: 1, maxLength: 6 }),
  defaults: fc.tuple(fc.option(ruleArb), fc.option(ruleArb), fc.option(ruleArb)),
  overrides: fc.tuple(fc.option(ruleArb), fc.option(ruleArb), fc.option(ruleArb)),
  status: fc.constantFrom("invited", "active", "active", "paused", "ended"),
});

const slug = (name: string) => name.toLowerCase().replace(/[^a-z0-9]/g, "");

describe("sharing policy at the service level (property)", () => {
  it("never gives a viewer a record, field or count the owner's rules do not allow, through the view, counts or export", async () => {
    let runsWithRecords = 0;
    await fc.assert(
      fc.asyncProperty(scenarioArb, async (scenario) => {
        const handle = openDatabase({ file: ":memory:" });
        const ctx: ServiceContext = { db: handle.db, now: () => NOW };
        try {
          // Every owner value carries a secret marker, so any leak of a non-allowed field is visible in the output.
          const owner = await seedOrg(
            ctx,
            "Owner",
            scenario.owner.map((a, i) => ({
              id: `o${i}`,
              name: COMPANIES[a.company]!,
              website: `https://www.${slug(COMPANIES[a.company]!)}.com`,
              status: a.status,
              country: `secret-country-${i}`,
              tier: `secret-tier-${i}`,
              city: `secret-city-${i}`,
            })),
          );
          const viewer = await seedOrg(
            ctx,
            "Viewer",
            scenario.viewer.map((c) => ({ id: `v${c}`, name: COMPANIES[c]!, website: `https://www.${slug(COMPANIES[c]!)}.com` })),
          );
          const invitation = await inviteOrganization(ctx, { actorUserId: owner.adminId, inviteeOrgId: viewer.orgId });
          if (scenario.status !== "invited") await acceptInvitation(ctx, { actorUserId: viewer.adminId, partnershipId: invitation.id });
          // Overlaps as stored while active: the ground truth of "overlapping" (the matcher is not under test here).
          const overlapping = new Set(
            (await listOverlaps(ctx.db, { orgId: owner.orgId, partnershipId: invitation.id })).map((o) => o.mineAccountId),
          );
          if (scenario.status === "paused") await pausePartnership(ctx, { actorUserId: owner.adminId, partnershipId: invitation.id });
          if (scenario.status === "ended") await endPartnership(ctx, { actorUserId: viewer.adminId, partnershipId: invitation.id });

          const allowed = new Map<string, { level: SharingLevel; fields: string[] }>();
          for (const [i, key] of KEYS.entries()) {
            const populationId = owner.populations[key];
            const rule = scenario.defaults[i];
            const override = scenario.overrides[i];
            if (rule) await setSharingRule(ctx, { actorUserId: owner.adminId, populationId, level: rule.level, fieldAllowlist: rule.fields });
            if (override) {
              await setSharingRule(ctx, {
                actorUserId: owner.adminId,
                populationId,
                partnerOrgId: viewer.orgId,
                level: override.level,
                fieldAllowlist: override.fields,
              });
            }
            const effective = override ?? rule;
            if (scenario.status === "active" && effective && effective.level !== "hidden") {
              allowed.set(populationId, { level: effective.level, fields: effective.fields });
            }
          }

          const view = await getPartnerOverlapView(ctx, { viewer: { userId: viewer.adminId }, partner: { orgId: owner.orgId } });
          const csv = await exportOverlapsCsv(ctx, { viewer: { userId: viewer.adminId }, partner: { orgId: owner.orgId } });
          const counts = await getOverlapCounts(ctx, { viewer: { userId: viewer.adminId }, partnerOrgId: owner.orgId });
          if (view.records.length > 0) runsWithRecords += 1;

          // Counts: columns only for the owner's shared populations (none without an active partnership).
          expect(counts.columns.map((c) => c.populationId).sort()).toEqual([...allowed.keys()].sort());
          for (const cell of counts.cells) expect(allowed.has(cell.otherPopulationId)).toBe(true);

          // Populations: exactly the allowed ones; sizes only at `full`.
          expect(view.populations.map((p) => p.populationId).sort()).toEqual([...allowed.keys()].sort());
          for (const population of view.populations) {
            expect(population.level).toBe(allowed.get(population.populationId)!.level);
            expect(population.totalRecords !== undefined).toBe(population.level === "full");
          }

          // Records: each shown through populations that allow it, with only their fields; exactly as many as allowed.
          const rows = await listAccounts(ctx.db, owner.orgId);
          const expectedVisible = rows.filter((row) => {
            const grant = allowed.get(owner.populations[STATUS_KEY[row.status!]]);
            return grant !== undefined && (grant.level === "full" || (grant.level === "overlaps" && overlapping.has(row.id)));
          });
          expect(view.records).toHaveLength(expectedVisible.length);
          const visibleFields = new Set<string>();
          for (const record of view.records) {
            expect(record.populationIds.length).toBeGreaterThan(0);
            const fields = new Set<string>();
            for (const populationId of record.populationIds) {
              const grant = allowed.get(populationId);
              expect(grant).toBeDefined();
              expect(grant!.level === "full" || (grant!.level === "overlaps" && record.overlapping)).toBe(true);
              for (const field of grant!.fields) fields.add(field);
            }
            for (const field of Object.keys(record.fields)) {
              expect(fields.has(field)).toBe(true);
              visibleFields.add(field);
            }
          }
          // No value of a field that no visible record may show appears anywhere in what the viewer gets.
          const received = JSON.stringify(view) + csv;
          for (const field of ["country", "tier", "city"]) {
            if (!visibleFields.has(field)) expect(received).not.toContain(`secret-${field}`);
          }
          // The export holds exactly the view's records and columns.
          const lines = csv.trimEnd().split("\r\n");
          expect(lines).toHaveLength(view.records.length + 1);
          const header = lines[0]!.split(",").map((cell) => cell.replaceAll('"', ""));
          expect(header.slice(0, -3).every((field) => visibleFields.has(field))).toBe(true);

          // Every record shown was audited (view and export), nothing when nothing was shown.
          const events = await listDisclosures(ctx, { actorUserId: owner.adminId });
          const audited = events.reduce((sum, event) => sum + event.recordCount, 0);
          expect(audited).toBe(2 * view.records.length);
          if (allowed.size === 0) expect(events).toEqual([]);
          else expect(events.map((event) => event.channel).sort()).toEqual(["api", "api", "export"]);
        } finally {
          handle.close();
        }
      }),
      { numRuns: 40, seed: 20261120 },
    );
    // The property is not vacuous: some runs did show records.
    expect(runsWithRecords).toBeGreaterThan(0);
    // Each run opens a database and goes through the services: seconds on a loaded machine.
  }, 120_000);
});
