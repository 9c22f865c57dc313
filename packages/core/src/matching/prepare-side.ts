import { AppError } from "../errors.ts";
import { extractFeatures, type RecordFeatures } from "./features.ts";
import type { MatchOptions, MatchRecord } from "./types.ts";

/**
 * One account list normalized once, to be matched against many others (an org against each of its partners):
 * pass it to createMatchIndex or matchAccounts in place of the records, on either side, as often as needed.
 * Opaque: only the matcher reads it.
 */
export interface PreparedMatchSide {
  readonly records: readonly MatchRecord[];
  readonly defaultPhoneCountry: string | undefined;
}

/** Options that shape normalization; an index must be created with the same ones. */
export type PrepareOptions = Pick<MatchOptions, "defaultPhoneCountry">;

class PreparedSide implements PreparedMatchSide {
  /** Features per side the list is used on (side is part of a record's features); made on first use. */
  private readonly bySide: [RecordFeatures[] | undefined, RecordFeatures[] | undefined] = [undefined, undefined];

  constructor(
    readonly records: readonly MatchRecord[],
    readonly defaultPhoneCountry: string | undefined,
    features: RecordFeatures[],
  ) {
    this.bySide[features[0]?.side ?? 0] = features;
  }

  featuresFor(side: 0 | 1): RecordFeatures[] {
    let features = this.bySide[side];
    if (features === undefined) {
      // The other side's copies share every normalized value; only `side` differs.
      const source = this.bySide[side === 0 ? 1 : 0] ?? [];
      features = source.map((f) => withSide(f, side));
      this.bySide[side] = features;
    }
    return features;
  }
}

/** Normalizes an account list once for repeated matching (see PreparedMatchSide). */
export function prepareMatchSide(records: readonly MatchRecord[], options: PrepareOptions = {}): PreparedMatchSide {
  const features = records.map((record) => extractFeatures(record, 0, options.defaultPhoneCountry));
  return new PreparedSide(records, options.defaultPhoneCountry, features);
}

/** Whether a list argument is a prepared side rather than records. */
export function isPreparedSide(list: readonly MatchRecord[] | PreparedMatchSide): list is PreparedMatchSide {
  return list instanceof PreparedSide;
}

/**
 * The features of a list for one side of an index: computed now for records, reused for a prepared side
 * (which must have been prepared with the index's normalization options).
 */
export function featuresOf(list: readonly MatchRecord[] | PreparedMatchSide, side: 0 | 1, defaultPhoneCountry: string | undefined): RecordFeatures[] {
  if (!(list instanceof PreparedSide)) return (list as readonly MatchRecord[]).map((record) => extractFeatures(record, side, defaultPhoneCountry));
  if (list.defaultPhoneCountry !== defaultPhoneCountry) {
    throw new AppError("invalid_input", "match: a prepared side must be prepared with the same defaultPhoneCountry as the match");
  }
  return list.featuresFor(side);
}

/** A copy of a record's features for the other side, with the same shape (same fields in the same order). */
function withSide(f: RecordFeatures, side: 0 | 1): RecordFeatures {
  return {
    side,
    id: f.id,
    record: f.record,
    nameKey: f.nameKey,
    tokens: f.tokens,
    aliases: f.aliases,
    legalForms: f.legalForms,
    domain: f.domain,
    stem: f.stem,
    phoneE164: f.phoneE164,
    phoneLocal: f.phoneLocal,
    country: f.country,
    city: f.city,
    street: f.street,
    postalCode: f.postalCode,
    parentId: f.parentId,
    parentDomain: f.parentDomain,
  };
}
