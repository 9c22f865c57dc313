import { readFileSync } from "node:fs";
import { parse } from "csv-parse/sync";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { matchAccounts } from "./match-accounts.ts";
import { createMatchIndex } from "./match-index.ts";
import type { MatchOverride, MatchRecord } from "./types.ts";

const pairsOf = (left: MatchRecord[], right: MatchRecord[], overrides: MatchOverride[] = []) =>
  matchAccounts(left, right, { overrides }).pairs.map((p) => `${p.leftId}-${p.rightId}-${p.relation}`);

describe("hard cases", () => {
  it("matches across legal forms and URL noise, with readable evidence", () => {
    const result = matchAccounts(
      [{ id: "l1", name: "Acme Inc.", website: "https://www.acme.com/about", country: "US" }],
      [{ id: "r1", name: "ACME Corporation", website: "acme.com", country: "United States" }],
    );
    expect(result.pairs).toEqual([
      expect.objectContaining({ leftId: "l1", rightId: "r1", relation: "same_account", evidence: expect.stringContaining("same domain acme.com") }),
    ]);
    expect(result.pairs[0]!.confidence).toBeGreaterThanOrEqual(0.9);
  });

  it("a subsidiary on a country domain is the same group, not the same account", () => {
    expect(
      pairsOf(
        [{ id: "l1", name: "Globex GmbH", website: "globex.de", country: "DE" }],
        [{ id: "r1", name: "Globex Inc", website: "globex.com", country: "US" }],
      ),
    ).toEqual(["l1-r1-same_group"]);
  });

  it("a parent_id link makes a same-group pair", () => {
    expect(
      pairsOf(
        [
          { id: "p", name: "Initech Holdings", website: "initech.com" },
          { id: "c", name: "Initrode Labs", website: "initrode.io", parentId: "p" },
        ],
        [{ id: "r1", name: "Initech", website: "initech.com" }],
      ),
    ).toEqual(["c-r1-same_group", "p-r1-same_account"]);
  });

  it("same first word, different company: no match", () => {
    expect(
      pairsOf(
        [{ id: "l1", name: "Delta Air Lines", website: "delta.com", country: "US", city: "Atlanta" }],
        [{ id: "r1", name: "Delta Faucet Company", website: "deltafaucet.com", country: "US", city: "Indianapolis" }],
      ),
    ).toEqual([]);
  });

  it("free-mail and shared platform domains are no evidence", () => {
    expect(
      pairsOf(
        [
          { id: "l1", name: "Bob's Plumbing", website: "bob@gmail.com" },
          { id: "l2", name: "Sunrise Bakery", website: "https://www.facebook.com/sunrisebakery" },
        ],
        [
          { id: "r1", name: "Ann's Flowers", website: "gmail.com" },
          { id: "r2", name: "Moonlight Cafe", website: "facebook.com/moonlightcafe" },
        ],
      ),
    ).toEqual([]);
  });

  it("a typo in the name with the same domain still matches", () => {
    expect(
      pairsOf([{ id: "l1", name: "Umbrella Corporation", website: "umbrella.io" }], [{ id: "r1", name: "Umbrela Corp", website: "umbrella.io" }]),
    ).toEqual(["l1-r1-same_account"]);
  });

  it("a missing website on one side matches on name, phone and country", () => {
    expect(
      pairsOf(
        [{ id: "l1", name: "Vandelay Industries", website: "vandelay.com", phone: "+1 212 555 0199", country: "US" }],
        [{ id: "r1", name: "Vandelay Industries LLC", phone: "(212) 555-0199", country: "USA" }],
      ),
    ).toEqual(["l1-r1-same_account"]);
  });

  it("duplicates inside one list make one company: both sides count one overlap", () => {
    const result = matchAccounts(
      [
        { id: "l1", name: "Acme Inc", website: "acme.com" },
        { id: "l2", name: "ACME Incorporated", website: "www.acme.com" },
      ],
      [{ id: "r1", name: "Acme", website: "acme.com" }],
    );
    expect(result.pairs.map((p) => p.leftId)).toEqual(["l1", "l2"]);
    expect(result.summary).toMatchObject({
      overlappingCompanies: 1,
      left: { records: 2, companies: 1, matchedRecords: 2 },
      right: { records: 1, companies: 1, matchedRecords: 1 },
    });
  });
});

describe("addresses, phones and coherent companies", () => {
  it("a shared street address and phone match names that only partly agree", () => {
    expect(
      pairsOf(
        [{ id: "l1", name: "Legacy Charter School (at Mason School)", street: "4217 W 18th St", phone: "534-1234" }],
        [{ id: "r1", name: "Mason", street: "4217 W. 18th Street", postalCode: "60623", phone: "(773) 534-1234" }],
      ),
    ).toEqual(["l1-r1-same_account"]);
  });

  it("one organisation at two sites stays two companies, even when a shared phone chains them", () => {
    const result = matchAccounts(
      [
        { id: "l1", name: "Mary Crane League - East", street: "2974 N Clybourn Ave", phone: "348-5528" },
        { id: "l2", name: "Mary Crane League - North", street: "2905 N Leavitt St", phone: "348-5528" },
      ],
      [
        { id: "r1", name: "Mary Crane League (East)", street: "2974 N. Clybourn", phone: "348-5528" },
        { id: "r2", name: "Mary Crane League (North)", street: "2905 N. Leavitt", phone: "975-3322" },
      ],
    );
    expect(result.pairs.filter((p) => p.relation === "same_account").map((p) => `${p.leftId}-${p.rightId}`)).toEqual(["l1-r1", "l2-r2"]);
    expect(result.summary).toMatchObject({ overlappingCompanies: 2, left: { companies: 2 }, right: { companies: 2 } });
  });

  it("a different word is not a typo", () => {
    expect(
      pairsOf(
        [{ id: "l1", name: "Vandelay Industries East", phone: "+1 212 555 0199", country: "US" }],
        [{ id: "r1", name: "Vandelay Industries West", phone: "+1 212 555 0199", country: "US" }],
      ),
    ).toEqual([]);
  });
});

describe("easonanalytica name cases", () => {
  const fixture = (name: string) => parse(readFileSync(new URL(`../normalize/fixtures/${name}`, import.meta.url)), { columns: true }) as Record<string, string>[];
  it("hard negatives never match, even in one country", () => {
    for (const row of fixture("negative_001.csv")) {
      const left = [{ id: "x", name: row.canonical_name_x!, country: row.country_code_x! }];
      const right = [{ id: "y", name: row.canonical_name_y!, country: row.country_code_y! }];
      expect(pairsOf(left, right), `${row.canonical_name_x} / ${row.canonical_name_y}`).toEqual([]);
    }
  });
  it("name variations with legal-form or spacing changes match given a shared domain", () => {
    // Tickers, initials and former/common names (AAPL, J&J, Google, Coke) need data beyond the name.
    const positives = fixture("positive_001.csv").filter((r) => !/ticker|common usage/.test(r.source!) && !/^[A-Z&.]{2,5}\b/.test(r.variation!));
    for (const row of positives) {
      const domain = `${row.canonical_name!.split(/\W/)[0]!.toLowerCase()}-hq.com`;
      const result = matchAccounts(
        [{ id: "x", name: row.canonical_name!, country: row.country_code!, website: domain }],
        [{ id: "y", name: row.variation!, country: row.country_code!, website: domain }],
      );
      expect(result.pairs.length, `${row.canonical_name} / ${row.variation}`).toBe(1);
    }
  });
});

describe("overrides and incremental updates", () => {
  const left = [{ id: "l1", name: "Acme Inc", website: "acme.com" }, { id: "l2", name: "Hooli", website: "hooli.xyz" }];
  const right = [{ id: "r1", name: "Acme", website: "acme.com" }, { id: "r2", name: "Pied Piper", website: "piedpiper.com" }];

  it("a rejected pair and a never rule beat the engine; a confirmed pair is accepted", () => {
    expect(pairsOf(left, right, [{ decision: "never", left: { id: "l1" }, right: { id: "r1" } }])).toEqual([]);
    expect(pairsOf(left, right, [{ decision: "never", left: { domain: "acme.com" }, right: {} }])).toEqual([]);
    expect(pairsOf(left, right, [{ decision: "always", left: { id: "l2" }, right: { id: "r2" } }])).toEqual([
      "l1-r1-same_account",
      "l2-r2-same_account",
    ]);
  });

  it("adds, changes and deletes accounts against a built index", () => {
    const index = createMatchIndex(left, right);
    expect(index.update({ right: { upsert: [{ id: "r3", name: "Hooli Inc.", website: "https://hooli.xyz" }] } }).added.map((p) => p.rightId)).toEqual(["r3"]);
    const changed = index.update({ left: { upsert: [{ id: "l1", name: "Acme Inc", website: "acme.org" }] } });
    expect(changed.removed.map((p) => `${p.leftId}-${p.rightId}`)).toContain("l1-r1");
    index.update({ right: { remove: ["r3"] } });
    // acme.org and acme.com: one brand on two domains, now the same group rather than the same account.
    expect(index.result().pairs.map((p) => `${p.leftId}-${p.rightId}-${p.relation}`)).toEqual(["l1-r1-same_group"]);
  });
});

describe("properties", () => {
  const word = fc.constantFrom("acme", "globex", "delta", "air", "faucet", "initech", "hooli", "umbrella", "labs");
  const record = (prefix: string) =>
    fc.record({
      name: fc.array(word, { minLength: 1, maxLength: 3 }).map((w) => w.join(" ")),
      website: fc.option(fc.constantFrom("acme.com", "globex.de", "globex.com", "delta.com", "gmail.com", "hooli.xyz"), { nil: undefined }),
      country: fc.option(fc.constantFrom("US", "DE", "GB"), { nil: undefined }),
      phone: fc.option(fc.constantFrom("+1 212 555 0199", "+49 30 1234567", "555 0199"), { nil: undefined }),
      street: fc.option(fc.constantFrom("1 Main St", "2 Main St", "9 Elm Ave"), { nil: undefined }),
    }).map((r) => ({ ...r, prefix }));
  const list = (prefix: string) =>
    fc.array(record(prefix), { maxLength: 8 }).map((rs) => rs.map(({ prefix: p, ...r }, i) => ({ id: `${p}${i}`, ...r }) as MatchRecord));
  const key = (p: { leftId: string; rightId: string; relation: string; confidence: number }) => `${p.leftId}|${p.rightId}|${p.relation}|${p.confidence}`;

  it("is symmetric and deterministic", () => {
    fc.assert(
      fc.property(list("a"), list("b"), (left, right) => {
        const forward = matchAccounts(left, right).pairs.map(key).sort();
        const again = matchAccounts(left, right).pairs.map(key).sort();
        const swapped = matchAccounts(right, left).pairs.map((p) => key({ ...p, leftId: p.rightId, rightId: p.leftId })).sort();
        expect(again).toEqual(forward);
        expect(swapped).toEqual(forward);
      }),
      { numRuns: 150 },
    );
  });

  it("an override always wins", () => {
    fc.assert(
      fc.property(list("a"), list("b"), fc.nat(), fc.nat(), fc.boolean(), (left, right, i, k, always) => {
        if (left.length === 0 || right.length === 0) return;
        const l = left[i % left.length]!.id;
        const r = right[k % right.length]!.id;
        const result = matchAccounts(left, right, { overrides: [{ decision: always ? "always" : "never", left: { id: l }, right: { id: r } }] });
        const has = result.pairs.some((p) => p.leftId === l && p.rightId === r && p.relation === "same_account");
        expect(has).toBe(always);
      }),
      { numRuns: 150 },
    );
  });
});

describe("incremental updates are exact", () => {
  const word = fc.constantFrom("acme", "globex", "delta", "air", "faucet", "initech", "hooli", "labs", "inc", "gmbh");
  const record = fc.record({
    name: fc.array(word, { minLength: 1, maxLength: 3 }).map((w) => w.join(" ")),
    website: fc.option(fc.constantFrom("acme.com", "globex.de", "globex.com", "delta.com", "gmail.com", "hooli.xyz"), { nil: undefined }),
    country: fc.option(fc.constantFrom("US", "DE"), { nil: undefined }),
    phone: fc.option(fc.constantFrom("+1 212 555 0199", "+49 30 1234567", "555 0199"), { nil: undefined }),
    street: fc.option(fc.constantFrom("1 Main St", "2 Main St", "9 Elm Ave"), { nil: undefined }),
    parentId: fc.option(fc.constantFrom("a0", "a1", "b0", "b1"), { nil: undefined }),
  });
  // Ids from a small pool so batches change and delete records that exist.
  const side = (prefix: string) =>
    fc.dictionary(fc.integer({ min: 0, max: 7 }).map((i) => `${prefix}${i}`), record, { maxKeys: 8 });
  const batch = fc.record({
    left: fc.record({ upsert: side("a"), remove: fc.array(fc.integer({ min: 0, max: 7 }).map((i) => `a${i}`), { maxLength: 3 }) }),
    right: fc.record({ upsert: side("b"), remove: fc.array(fc.integer({ min: 0, max: 7 }).map((i) => `b${i}`), { maxLength: 3 }) }),
  });
  const toRecords = (entries: Record<string, Omit<MatchRecord, "id">>) =>
    Object.entries(entries).map(([id, r]) => ({ id, ...r }) as MatchRecord);
  const key = (p: { leftId: string; rightId: string; relation: string; confidence: number; evidence: string }) =>
    `${p.leftId}|${p.rightId}|${p.relation}|${p.confidence}|${p.evidence}`;

  it("random add/change/delete batches give the same match set as a full recompute", () => {
    const overrides: MatchOverride[] = [
      { decision: "never", left: { id: "a1" }, right: { id: "b1" } },
      { decision: "always", left: { id: "a2" }, right: { domain: "hooli.xyz" } },
    ];
    fc.assert(
      fc.property(side("a"), side("b"), fc.array(batch, { minLength: 1, maxLength: 4 }), fc.boolean(), (l0, r0, batches, withOverrides) => {
        const options = { overrides: withOverrides ? overrides : [], maxBlockSize: 4 };
        const lists = [new Map(Object.entries(l0)), new Map(Object.entries(r0))];
        const index = createMatchIndex(toRecords(l0), toRecords(r0), options);
        for (const b of batches) {
          const removeLeft = b.left.remove.filter((id) => !(id in b.left.upsert));
          const removeRight = b.right.remove.filter((id) => !(id in b.right.upsert));
          index.update({
            left: { upsert: toRecords(b.left.upsert), remove: removeLeft },
            right: { upsert: toRecords(b.right.upsert), remove: removeRight },
          });
          for (const [list, change, removed] of [[lists[0]!, b.left.upsert, removeLeft], [lists[1]!, b.right.upsert, removeRight]] as const) {
            for (const id of removed) list.delete(id);
            for (const [id, r] of Object.entries(change)) list.set(id, r);
          }
        }
        const incremental = index.result();
        const full = matchAccounts(toRecords(Object.fromEntries(lists[0]!)), toRecords(Object.fromEntries(lists[1]!)), options);
        expect(incremental.pairs.map(key)).toEqual(full.pairs.map(key));
        expect(incremental.review.map(key).sort()).toEqual(full.review.map(key).sort());
        expect(incremental.summary).toEqual(full.summary);
      }),
      { numRuns: 200 },
    );
  });
});

describe("update batches", () => {
  it("rejects an id upserted twice in one batch and leaves the index as it was", () => {
    const index = createMatchIndex([{ id: "l1", name: "Acme", website: "acme.com" }], [{ id: "r1", name: "Acme Inc", website: "acme.com" }]);
    const before = index.result();
    expect(() => index.update({ left: { upsert: [{ id: "l2", name: "X" }, { id: "l2", name: "Y" }] } })).toThrow(/appears twice/);
    expect(index.result()).toEqual(before);
  });
});
