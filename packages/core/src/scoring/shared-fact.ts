import { z } from "zod";

/**
 * Why a fact about a partner's account is not known: the partner does not share it (sharing level
 * or field allowlist), shares counts only, or shares the record but the field is empty.
 */
export const UnknownReasonSchema = z.enum(["not_shared", "counts_only", "missing_value"]);
export type UnknownReason = z.infer<typeof UnknownReasonSchema>;

/** A fact the partner shares, or an explicit "unknown" with its reason (never a silent default). */
export type SharedFact<T> = { known: true; value: T } | { known: false; reason: UnknownReason; detail?: string };

/** zod schema of a SharedFact over a value schema. */
export function sharedFactSchema<S extends z.ZodType>(value: S) {
  return z.discriminatedUnion("known", [
    z.object({ known: z.literal(true), value }),
    z.object({ known: z.literal(false), reason: UnknownReasonSchema, detail: z.string().optional() }),
  ]);
}

export function knownFact<T>(value: T): SharedFact<T> {
  return { known: true, value };
}

export function unknownFact<T>(reason: UnknownReason, detail?: string): SharedFact<T> {
  return detail === undefined ? { known: false, reason } : { known: false, reason, detail };
}

const REASON_TEXT: Record<UnknownReason, string> = {
  not_shared: "not shared by the partner",
  counts_only: "partner shares counts only",
  missing_value: "partner's record has no value",
};

/** "partner open opportunities: not shared by the partner (no opportunity list)". */
export function describeUnknown(label: string, fact: { reason: UnknownReason; detail?: string }): string {
  return `${label}: ${REASON_TEXT[fact.reason]}${fact.detail ? ` (${fact.detail})` : ""}`;
}
