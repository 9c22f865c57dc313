import { AppError } from "../errors.ts";
import { copyFeatures, extractFeatures, type RecordFeatures } from "./features.ts";
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
  constructor(
    readonly records: readonly MatchRecord[],
    readonly defaultPhoneCountry: string | undefined,
    /** Normalized once; every use takes copies (a list's features carry its list number and parent links). */
    readonly features: readonly RecordFeatures[],
  ) {}
}

/** Normalizes an account list once for repeated matching (see PreparedMatchSide). */
export function prepareMatchSide(records: readonly MatchRecord[], options: PrepareOptions = {}): PreparedMatchSide {
  const features = records.map((record) => extractFeatures(record, -1, options.defaultPhoneCountry));
  return new PreparedSide(records, options.defaultPhoneCountry, features);
}

/** Whether a list argument is a prepared side rather than records. */
export function isPreparedSide(list: readonly MatchRecord[] | PreparedMatchSide): list is PreparedMatchSide {
  return list instanceof PreparedSide;
}

/**
 * The features of a list for one account list of a match space: computed now for records, copied for a
 * prepared side (which must have been prepared with the space's normalization options). `report` is told
 * the number of records done before each one.
 */
export function featuresOf(
  list: readonly MatchRecord[] | PreparedMatchSide,
  listNo: number,
  defaultPhoneCountry: string | undefined,
  report: (done: number) => void = () => {},
): RecordFeatures[] {
  if (!(list instanceof PreparedSide)) {
    return (list as readonly MatchRecord[]).map((record, done) => {
      report(done);
      return extractFeatures(record, listNo, defaultPhoneCountry);
    });
  }
  if (list.defaultPhoneCountry !== defaultPhoneCountry) {
    throw new AppError("invalid_input", "match: a prepared side must be prepared with the same defaultPhoneCountry as the match");
  }
  return list.features.map((f, done) => {
    report(done);
    return copyFeatures(f, listNo);
  });
}
