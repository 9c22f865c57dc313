import { listDomainEvents, openDatabase, publishedOverlaps, upsertAccounts, upsertSharingRule } from "@mutual/db";
import type { Account } from "@mutual/core";
import type { Database } from "@mutual/db";
import { createManualClock } from "@mutual/jobs";
import { createOverlapMatchSpace } from "@mutual/services";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { T0, seedPartnership } from "../testing/sync-fixture.ts";
import { updateOverlapsAndPublish } from "./update-overlaps.ts";

const NAMES = ["Initech", "Hooli", "Massive Dynamic", "Pied Piper", "Stark Industries", "Wayne Enterprises"];
const company = (i: number, extra: Partial<Account> = {}): Account => {
  const name = NAMES[i]!;
  return { id: `a-${i}`, name, website: `https://www.${name.toLowerCase().replace(/ /g, "")}.com`, status: "prospect", ...extra };
};

describe("updateOverlapsAndPublish", () => {
  let database: Database;
  beforeEach(() => {
    database = openDatabase({ file: ":memory:" });
  });
  afterEach(() => database.close());

  const eventsAfter = async (seq: number) =>
    (await listDomainEvents(database.db, { afterSeq: seq })).map((event) => `${event.orgId}:${event.type}:${(event.payload.mineAccount as { sourceId?: string } | undefined)?.sourceId ?? ""}`).sort();

  it("announces an incremental recompute's diff (created, removed, population changed) for both orgs, once", async () => {
    const { db } = database;
    const acme = Array.from({ length: 6 }, (_, i) => company(i));
    await seedPartnership(db, { overlapWith: acme.slice(0, 5).map((a) => ({ name: a.name, website: a.website! })), extra: 3 });
    await upsertAccounts(db, "acme", "salesforce", acme, { now: T0 });
    const clock = createManualClock(T0);
    const matchSpace = createOverlapMatchSpace();

    const full = await updateOverlapsAndPublish({ db, clock, matchSpace }, { orgId: "acme", since: null });
    expect(full).toMatchObject({ mode: "full", overlapsCreated: 10, overlapsRemoved: 0, overlapsPopulationChanged: 0 });
    const afterFull = (await listDomainEvents(db, { limit: 100_000 })).at(-1)!.seq;
    const snapshotSize = db.select().from(publishedOverlaps).all().length;
    expect(snapshotSize).toBe(10);

    // a-0 becomes a customer, a-1 stops matching, a-5 (unmatched) is untouched.
    clock.advance(60_000);
    const since = clock.now();
    clock.advance(1_000);
    await upsertAccounts(db, "acme", "salesforce", [company(0, { status: "customer" }), company(1, { name: "Umbrella Corporation", website: "https://www.umbrella-corp.com" })], { now: clock.now() });
    const incremental = await updateOverlapsAndPublish({ db, clock, matchSpace }, { orgId: "acme", since });
    expect(incremental).toMatchObject({ mode: "incremental", changedAccounts: 2, overlapsCreated: 0, overlapsRemoved: 2, overlapsPopulationChanged: 2 });
    expect(await eventsAfter(afterFull)).toEqual([
      "acme:overlap.population_changed:a-0",
      "acme:overlap.removed:",
      "globex:overlap.population_changed:g-0",
      "globex:overlap.removed:",
    ]);
    expect(db.select().from(publishedOverlaps).all()).toHaveLength(8);

    // The same window again (a retried run): the overlaps already say so, nothing is announced twice.
    const again = await updateOverlapsAndPublish({ db, clock, matchSpace }, { orgId: "acme", since });
    expect(again).toMatchObject({ mode: "incremental", overlapsCreated: 0, overlapsRemoved: 0, overlapsPopulationChanged: 0 });
    expect(await eventsAfter(afterFull)).toHaveLength(4);
  });

  it("re-announces a partnership's view when the other side changes its sharing, with no account changed", async () => {
    const { db } = database;
    const acme = Array.from({ length: 6 }, (_, i) => company(i));
    const { populationsByOrg } = await seedPartnership(db, { overlapWith: acme.slice(0, 5).map((a) => ({ name: a.name, website: a.website! })), extra: 3 });
    await upsertAccounts(db, "acme", "salesforce", acme, { now: T0 });
    const clock = createManualClock(T0);
    const matchSpace = createOverlapMatchSpace();
    await updateOverlapsAndPublish({ db, clock, matchSpace }, { orgId: "acme", since: null });
    const afterFull = (await listDomainEvents(db, { limit: 100_000 })).at(-1)!.seq;

    // Globex stops sharing records with acme (counts only, for acme alone): acme's view loses its 5 overlaps.
    clock.advance(60_000);
    const since = clock.now();
    clock.advance(1_000);
    for (const populationId of populationsByOrg.get("globex")!) {
      await upsertSharingRule(db, { populationId, partnerOrgId: "acme", level: "counts" }, { now: clock.now() });
    }
    const lowered = await updateOverlapsAndPublish({ db, clock, matchSpace }, { orgId: "acme", since });
    expect(lowered).toMatchObject({ mode: "none", sharingViewsReannounced: 1, overlapsCreated: 0, overlapsRemoved: 5 });
    expect(await eventsAfter(afterFull)).toEqual(Array.from({ length: 5 }, () => "acme:overlap.removed:"));
    // Globex's own view is untouched: its snapshot still holds its 5 overlaps.
    expect(db.select().from(publishedOverlaps).all().map((row) => row.orgId)).toEqual(Array.from({ length: 5 }, () => "globex"));

    // The same window again (a retried run): nothing is announced twice.
    const again = await updateOverlapsAndPublish({ db, clock, matchSpace }, { orgId: "acme", since });
    expect(again).toMatchObject({ sharingViewsReannounced: 1, overlapsCreated: 0, overlapsRemoved: 0 });

    // Shared again, seen from globex's pass (the partner's side of the partnership): acme's view comes back.
    clock.advance(60_000);
    const later = clock.now();
    clock.advance(1_000);
    for (const populationId of populationsByOrg.get("globex")!) {
      await upsertSharingRule(db, { populationId, partnerOrgId: "acme", level: "overlaps" }, { now: clock.now() });
    }
    const raised = await updateOverlapsAndPublish({ db, clock, matchSpace }, { orgId: "globex", since: later });
    expect(raised).toMatchObject({ mode: "none", sharingViewsReannounced: 1, overlapsCreated: 5, overlapsRemoved: 0 });
    expect(db.select().from(publishedOverlaps).all()).toHaveLength(10);

    // Nothing changed since: no view is reconciled.
    clock.advance(60_000);
    const quiet = await updateOverlapsAndPublish({ db, clock, matchSpace }, { orgId: "acme", since: clock.now() });
    expect(quiet).toMatchObject({ mode: "none", sharingViewsReannounced: 0, overlapsCreated: 0, overlapsRemoved: 0 });
  });
});
