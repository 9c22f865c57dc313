import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { AppError } from "../errors.ts";
import { matchAccounts } from "./match-accounts.ts";
import { createMatchIndex } from "./match-index.ts";
import { prepareMatchSide } from "./prepare-side.ts";
import type { MatchRecord, MatchResult } from "./types.ts";

const word = fc.constantFrom("acme", "globex", "delta", "air", "faucet", "initech", "hooli", "labs", "inc", "gmbh");
const record = fc.record({
  name: fc.array(word, { minLength: 1, maxLength: 3 }).map((w) => w.join(" ")),
  website: fc.option(fc.constantFrom("acme.com", "globex.de", "globex.com", "delta.com", "gmail.com", "hooli.xyz"), { nil: undefined }),
  country: fc.option(fc.constantFrom("US", "DE", "GB"), { nil: undefined }),
  phone: fc.option(fc.constantFrom("+1 212 555 0199", "030 1234567", "020 7946 0958", "555 0199"), { nil: undefined }),
  street: fc.option(fc.constantFrom("1 Main St", "2 Main St", "9 Elm Ave"), { nil: undefined }),
  parentId: fc.option(fc.constantFrom("x0", "x1"), { nil: undefined }),
});
const list = (prefix: string) =>
  fc.array(record, { maxLength: 8 }).map((rs) => rs.map((r, i) => ({ id: `${prefix}${i}`, ...r }) as MatchRecord));
const view = (result: MatchResult) => ({ pairs: result.pairs, review: result.review, summary: result.summary });

describe("prepareMatchSide", () => {
  it("one prepared list matched against many partners, on either side, equals matching the records", () => {
    fc.assert(
      fc.property(list("x"), fc.array(list("p"), { minLength: 1, maxLength: 3 }), fc.constantFrom(undefined, "US", "GB"), (own, partners, phoneCountry) => {
        const options = { defaultPhoneCountry: phoneCountry, maxBlockSize: 4 };
        const prepared = prepareMatchSide(own, { defaultPhoneCountry: phoneCountry });
        for (const partner of partners) {
          expect(view(matchAccounts(prepared, partner, options))).toEqual(view(matchAccounts(own, partner, options)));
          expect(view(matchAccounts(partner, prepared, options))).toEqual(view(matchAccounts(partner, own, options)));
        }
      }),
      { numRuns: 150 },
    );
  });

  it("an index built from a prepared side updates like one built from records, and leaves the side reusable", () => {
    fc.assert(
      fc.property(list("x"), list("p"), list("x"), (own, partner, changed) => {
        const prepared = prepareMatchSide(own);
        const fromPrepared = createMatchIndex(prepared, partner);
        const fromRecords = createMatchIndex(own, partner);
        expect(fromPrepared.update({ left: { upsert: changed } })).toEqual(fromRecords.update({ left: { upsert: changed } }));
        expect(view(fromPrepared.result())).toEqual(view(fromRecords.result()));
        expect(view(matchAccounts(prepared, partner))).toEqual(view(matchAccounts(own, partner)));
      }),
      { numRuns: 100 },
    );
  });

  it("refuses a side prepared with other normalization options", () => {
    const prepared = prepareMatchSide([{ id: "a", name: "Acme" }], { defaultPhoneCountry: "GB" });
    expect(() => matchAccounts(prepared, [], { defaultPhoneCountry: "US" })).toThrow(AppError);
  });
});
