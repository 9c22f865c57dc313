import { z } from "zod";
import { AppError } from "../errors.ts";

export const SplitMethodSchema = z.enum(["equal", "weighted", "first", "last"]);
export type SplitMethod = z.infer<typeof SplitMethodSchema>;

/**
 * Largest-remainder (Hamilton) apportionment: integer parts proportional to `weights` that sum
 * exactly to `total`. Leftover units go to the largest fractional parts, ties to the earlier index.
 * All-zero weights split equally.
 */
export function distributeLargestRemainder(total: number, weights: readonly number[]): number[] {
  if (!Number.isSafeInteger(total) || total < 0) {
    throw new AppError("invalid_input", `amount to split must be a non-negative integer of minor units, got ${total}`);
  }
  if (weights.length === 0) return [];
  if (weights.some((w) => !Number.isFinite(w) || w < 0)) {
    throw new AppError("invalid_input", "split weights must be finite and non-negative");
  }
  const sum = weights.reduce((a, b) => a + b, 0);
  const effective = sum > 0 ? weights : weights.map(() => 1);
  const weightSum = sum > 0 ? sum : weights.length;
  // total * (w / sum) never exceeds total, so nothing overflows past 2^53.
  const quotas = effective.map((w) => total * (w / weightSum));
  const parts = quotas.map((q) => Math.floor(q));
  let leftover = total - parts.reduce((a, b) => a + b, 0);
  const order = quotas
    .map((q, index) => ({ index, fraction: q - Math.floor(q) }))
    .sort((a, b) => b.fraction - a.fraction || a.index - b.index);
  // Leftover units go to the largest fractions. Near 2^53 a quota can round up past its exact
  // value, so the floors may overshoot: then units come back from the smallest fractions.
  for (let i = 0; leftover > 0; i = (i + 1) % order.length, leftover -= 1) parts[order[i]!.index]! += 1;
  for (let i = order.length - 1; leftover < 0; i = (i - 1 + order.length) % order.length) {
    const index = order[i]!.index;
    if (parts[index]! > 0) {
      parts[index]! -= 1;
      leftover += 1;
    }
  }
  return parts;
}

export interface SplitCandidate {
  partnerId: string;
  /** Day number of the partner's first touch on the deal (for first/last touch). */
  touchDay: number;
  /** Co-sell score, for `weighted` and to break touch ties; 0 when unknown. */
  weight: number;
}

export interface SplitShare {
  partnerId: string;
  minor: number;
}

function compareTouch(a: SplitCandidate, b: SplitCandidate, direction: 1 | -1): number {
  return (
    direction * (a.touchDay - b.touchDay) ||
    b.weight - a.weight ||
    (a.partnerId < b.partnerId ? -1 : a.partnerId > b.partnerId ? 1 : 0)
  );
}

/**
 * Splits an amount between the partners credited on one deal; the shares always sum to the amount.
 * first/last touch give everything to one partner (touch ties: higher co-sell score, then id); in
 * equal/weighted splits an indivisible leftover cent goes to the earliest touch.
 */
export function splitCredit(
  amountMinor: number,
  candidates: readonly SplitCandidate[],
  method: SplitMethod,
): { shares: SplitShare[]; evidence: string } {
  const sorted = [...candidates].sort((a, b) => compareTouch(a, b, 1));
  if (sorted.length === 0) return { shares: [], evidence: "no partner credited" };
  if (method === "first" || method === "last") {
    const winner = [...sorted].sort((a, b) => compareTouch(a, b, method === "first" ? 1 : -1))[0]!;
    return {
      shares: sorted.map((c) => ({ partnerId: c.partnerId, minor: c === winner ? amountMinor : 0 })),
      evidence: `${method}-touch split: all credit to ${winner.partnerId}`,
    };
  }
  const useWeights = method === "weighted" && sorted.some((c) => c.weight > 0);
  const parts = distributeLargestRemainder(
    amountMinor,
    sorted.map((c) => (useWeights ? c.weight : 1)),
  );
  const evidence =
    method === "weighted" && !useWeights
      ? `weighted split fell back to equal: no co-sell score above 0 among ${sorted.length} partners`
      : `${method} split between ${sorted.length} partner${sorted.length === 1 ? "" : "s"}`;
  return { shares: sorted.map((c, i) => ({ partnerId: c.partnerId, minor: parts[i]! })), evidence };
}
