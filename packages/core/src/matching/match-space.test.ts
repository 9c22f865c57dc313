import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { AppError } from "../errors.ts";
import { matchAccounts } from "./match-accounts.ts";
import { createMatchIndex } from "./match-index.ts";
import { createMatchSpace } from "./match-space.ts";
import type { MatchOverride, MatchPair, MatchProgress, MatchRecord, MatchResult } from "./types.ts";

const word = fc.constantFrom("acme", "globex", "delta", "air", "faucet", "initech", "hooli", "labs", "inc", "gmbh");
const record = fc.record({
  name: fc.array(word, { minLength: 1, maxLength: 3 }).map((w) => w.join(" ")),
  website: fc.option(fc.constantFrom("acme.com", "globex.de", "globex.com", "delta.com", "gmail.com", "hooli.xyz"), { nil: undefined }),
  country: fc.option(fc.constantFrom("US", "DE"), { nil: undefined }),
  phone: fc.option(fc.constantFrom("+1 212 555 0199", "+49 30 1234567", "555 0199"), { nil: undefined }),
  street: fc.option(fc.constantFrom("1 Main St", "2 Main St", "9 Elm Ave"), { nil: undefined }),
  parentId: fc.option(fc.constantFrom("x0", "x1"), { nil: undefined }),
});
// Ids from a small pool so updates change and delete records that exist.
const list = fc.dictionary(fc.integer({ min: 0, max: 7 }).map((i) => `x${i}`), record, { maxKeys: 8 });
const change = fc.record({ upsert: list, remove: fc.array(fc.integer({ min: 0, max: 7 }).map((i) => `x${i}`), { maxLength: 3 }) });
const toRecords = (entries: Record<string, Omit<MatchRecord, "id">>) => Object.entries(entries).map(([id, r]) => ({ id, ...r }) as MatchRecord);
const pairKey = (p: MatchPair) => `${p.leftId}|${p.rightId}|${p.relation}|${p.confidence}|${p.evidence}`;
const view = (result: MatchResult) => ({ pairs: result.pairs.map(pairKey), review: result.review.map(pairKey).sort(), summary: result.summary });

const overrides: MatchOverride[] = [
  { decision: "never", left: { id: "x1" }, right: { id: "x1" } },
  { decision: "always", left: { id: "x2" }, right: { domain: "hooli.xyz" } },
];
/** Scopes over lists 0..3: the org (0) against each partner, and two partners against each other. */
const SCOPES = [
  [0, 1],
  [2, 0],
  [0, 3],
  [1, 2],
] as const;

describe("match space", () => {
  it("every scope equals matching its two lists alone, after any updates of any lists", () => {
    fc.assert(
      fc.property(
        fc.array(list, { minLength: 4, maxLength: 4 }),
        fc.array(fc.array(fc.tuple(fc.integer({ min: 0, max: 3 }), change), { minLength: 1, maxLength: 3 }), { maxLength: 3 }),
        fc.boolean(),
        (initial, batches, withOverrides) => {
          const options = { maxBlockSize: 4 };
          const lists = initial.map((entries) => new Map<string, Omit<MatchRecord, "id">>(Object.entries(entries)));
          const space = createMatchSpace(options);
          lists.forEach((entries, i) => space.addList(`l${i}`, toRecords(Object.fromEntries(entries))));
          for (const [s, [l, r]] of SCOPES.entries()) space.setScope(`s${s}`, { left: `l${l}`, right: `l${r}`, overrides: withOverrides ? overrides : [] });
          for (const batch of batches) {
            const changes: Record<string, { upsert: MatchRecord[]; remove: string[] }> = {};
            for (const [i, { upsert, remove }] of batch) {
              // One change per list in a batch (the last one given).
              const removed = remove.filter((id) => !(id in upsert));
              changes[`l${i}`] = { upsert: toRecords(upsert), remove: removed };
            }
            const reported = space.update(changes);
            for (const [key, { upsert, remove }] of Object.entries(changes)) {
              const entries = lists[Number(key.slice(1))]!;
              for (const id of remove) entries.delete(id);
              for (const r of upsert) entries.set(r.id, r);
            }
            // Every scope of a changed list reports its changes, and only those scopes.
            const touched = SCOPES.flatMap(([l, r], s) => (`l${l}` in changes || `l${r}` in changes ? [`s${s}`] : []));
            expect([...reported.keys()].sort()).toEqual(touched.sort());
          }
          for (const [s, [l, r]] of SCOPES.entries()) {
            const alone = matchAccounts(toRecords(Object.fromEntries(lists[l]!)), toRecords(Object.fromEntries(lists[r]!)), {
              ...options,
              overrides: withOverrides ? overrides : [],
            });
            expect(view(space.result(`s${s}`))).toEqual(view(alone));
            expect(space.pairCount(`s${s}`)).toBe(alone.pairs.length);
          }
        },
      ),
      { numRuns: 150 },
    );
  });

  it("reports the pairs an update adds and removes, and finds pairs by either side's ids", () => {
    const space = createMatchSpace();
    space.addList("org", [
      { id: "o1", name: "Acme Inc", website: "acme.com" },
      { id: "o2", name: "Globex", website: "globex.com" },
    ]);
    space.addList("p1", [{ id: "a", name: "ACME", website: "https://acme.com" }]);
    space.addList("p2", [{ id: "b", name: "Globex Corp", website: "globex.com" }]);
    space.setScope("one", { left: "org", right: "p1" });
    space.setScope("two", { left: "p2", right: "org" });
    expect(space.pairsOf("one", "left", ["o1", "o2"]).map((p) => p.rightId)).toEqual(["a"]);
    expect(space.pairsOf("two", "right", ["o2"]).map((p) => p.leftId)).toEqual(["b"]);

    const changes = space.update({ org: { upsert: [{ id: "o1", name: "Initech", website: "initech.com" }], remove: ["o2"] } });
    expect(changes.get("one")).toEqual({ added: [], removed: [expect.objectContaining({ leftId: "o1", rightId: "a" })] });
    expect(changes.get("two")).toEqual({ added: [], removed: [expect.objectContaining({ leftId: "b", rightId: "o2" })] });
    expect(space.result("one").pairs).toEqual([]);
  });

  it("reuses the slots of records that left: a long-lived space grows with its records, not its changes", () => {
    const space = createMatchSpace();
    const org = new Map<string, MatchRecord>(Array.from({ length: 50 }, (_, i) => [`o${i}`, { id: `o${i}`, name: `Company ${i}`, website: `c${i}.com` }]));
    const partner = Array.from({ length: 20 }, (_, i) => ({ id: `p${i}`, name: `Company ${i} Inc`, website: `https://c${i}.com` }));
    space.addList("org", [...org.values()]);
    space.addList("p1", partner);
    space.addList("p2", [{ id: "x", name: "Company 3", website: "c3.com" }]);
    space.setScope("one", { left: "org", right: "p1" });
    space.setScope("two", { left: "p2", right: "org" });
    expect(space.slotCount()).toBe(71);
    space.removeList("p2");
    for (let round = 0; round < 30; round++) {
      const upsert = Array.from({ length: 10 }, (_, k) => {
        const i = (round * 7 + k * 5) % 50;
        const record = { id: `o${i}`, name: round % 2 === 0 ? `Renamed ${i}` : `Company ${i} Group`, website: round % 3 === 0 ? undefined : `c${i}.com` };
        org.set(record.id, record);
        return record;
      });
      space.update({ org: { upsert } });
    }
    // Each round 10 records leave and 10 enter: only the first round, which has no free slot but p2's, adds slots.
    expect(space.slotCount()).toBe(71 + 9);
    const alone = matchAccounts([...org.values()], partner);
    expect(view(space.result("one"))).toEqual(view(alone));
  });

  it("removing a list removes its scopes; unknown lists and scopes are errors", () => {
    const space = createMatchSpace();
    space.addList("org", [{ id: "o1", name: "Acme", website: "acme.com" }]);
    space.addList("p1", [{ id: "a", name: "Acme", website: "acme.com" }]);
    space.setScope("one", { left: "org", right: "p1" });
    expect(() => space.addList("org", [])).toThrow(AppError);
    expect(() => space.setScope("self", { left: "org", right: "org" })).toThrow(AppError);
    space.removeList("p1");
    expect(space.hasScope("one")).toBe(false);
    expect(() => space.result("one")).toThrow(AppError);
    expect(() => space.update({ p1: { remove: ["a"] } })).toThrow(AppError);
    space.addList("p1", [{ id: "a", name: "Acme Inc", website: "acme.com" }]);
    space.setScope("one", { left: "org", right: "p1" });
    expect(space.result("one").summary.overlappingCompanies).toBe(1);
  });

  it("reports each bulk step from 0 to its total, in order, and nothing for updates", () => {
    // Over 16,384 records a side, so every step reports between its start and its end.
    const size = 20_000;
    const left = Array.from({ length: size }, (_, i) => ({ id: `l${i}`, name: `Company ${i}`, website: `company${i}.com` }));
    const right = Array.from({ length: size }, (_, i) => ({ id: `r${i}`, name: `Company ${i} Inc`, website: `https://www.company${i}.com` }));
    const reports: MatchProgress[] = [];
    const index = createMatchIndex(left, right, { onProgress: (p) => reports.push(p) });

    const steps = [...new Set(reports.map((p) => `${p.step} ${p.of}`))];
    expect(steps).toEqual([
      "normalize left", "index left", "duplicates left",
      "normalize right", "index right", "duplicates right",
      "candidates match", "compare match", "decide match",
    ]);
    for (const step of steps) {
      const mine = reports.filter((p) => `${p.step} ${p.of}` === step);
      const total = mine[0]!.total;
      expect(mine.every((p) => p.total === total), step).toBe(true);
      expect(mine[0]!.done, step).toBe(0);
      expect(mine.at(-1)!.done, step).toBe(total);
      expect(mine.every((p, i) => i === 0 || p.done > mine[i - 1]!.done), step).toBe(true);
      expect(mine.some((p) => p.done > 0 && p.done < total), step).toBe(true);
    }
    expect(reports.find((p) => p.step === "normalize")!.total).toBe(size);
    expect(reports.find((p) => p.step === "compare")!.total).toBe(size);
    expect(index.result()).toEqual(matchAccounts(left, right));
    expect(index.result().pairs).toHaveLength(size);

    const before = reports.length;
    index.update({ left: { upsert: [{ id: "l1", name: "Other Name", website: "other.com" }] } });
    expect(reports).toHaveLength(before);
  });
});
