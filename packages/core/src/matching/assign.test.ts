import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { decideAnyComponent, decideComponent, type ComponentView, type MatchEdge } from "./assign.ts";
import { extractFeatures } from "./features.ts";
import { scorePair } from "./score.ts";

const left = extractFeatures({ id: "l1", name: "Acme Inc", website: "acme.com", country: "US" }, 0);
const right = extractFeatures({ id: "r1", name: "Acme Corporation", website: "acme.co.uk", country: "GB" }, 1);

/** Two records, one on each side, joined by one edge: the component most bulk matches are made of. */
function lonePairView(edge: Omit<MatchEdge, "other">, vetoed: boolean, accept: number, review: number, leftIdx: number): ComponentView {
  const rightIdx = 1 - leftIdx;
  const records = leftIdx === 0 ? [left, right] : [right, left];
  return {
    records,
    accept,
    review,
    sideOf: (idx) => (idx === leftIdx ? 0 : 1),
    edgesOf: (idx) => [{ ...edge, other: idx === leftIdx ? rightIdx : leftIdx }],
    isVetoed: () => vetoed,
    isVetoedPair: () => vetoed,
    score: (a, b) => scorePair(records[a]!, records[b]!, { name: () => 1, token: () => 1, domain: () => 1, phone: () => 1, street: () => 1 }),
  };
}

describe("decideComponent", () => {
  it("decides a lone left/right pair exactly as the general path does (accepted, same group, review, vetoed, forced)", () => {
    fc.assert(
      fc.property(
        fc.record({
          // Around the thresholds: 8 is confidence 0.5 exactly, 11-12 straddle 0.9.
          account: fc.integer({ min: -2, max: 16 }),
          group: fc.integer({ min: -2, max: 16 }),
          evidence: fc.integer({ min: 0, max: (1 << 26) - 1 }),
          forced: fc.boolean(),
        }),
        fc.boolean(),
        fc.constantFrom([0.9, 0.5], [0.8, 0.8], [0.99, 0.2]),
        fc.constantFrom(0, 1),
        fc.boolean(),
        (edge, vetoed, [accept, review], leftIdx, reversed) => {
          const view = lonePairView(edge, vetoed, accept!, review!, leftIdx);
          const members = reversed ? [1, 0] : [0, 1];
          expect(decideComponent(view, members)).toEqual(decideAnyComponent(view, members));
        },
      ),
      { numRuns: 2000 },
    );
  });
});
