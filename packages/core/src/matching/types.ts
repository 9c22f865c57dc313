import type { Account } from "../model/account.ts";

/**
 * What the matcher reads of an account. A core `Account` is one; `street` and `postalCode` are optional
 * extra evidence for sources that carry an address (CRM billing street, directory listings).
 */
export type MatchRecord = Pick<Account, "id" | "name" | "website" | "country" | "state" | "city" | "phone" | "parentId"> & {
  street?: string;
  postalCode?: string;
};

export type MatchSide = "left" | "right";
export type MatchPairRelation = "same_account" | "same_group";

/** Selects records by id, company domain or normalized name; every given field must agree. */
export interface RecordSelector {
  id?: string;
  domain?: string;
  name?: string;
}

/**
 * A correction that wins over the engine on every recompute: `always` forces the selected pairs to match
 * (a confirmed pair is `{ left: { id }, right: { id } }`), `never` forbids them (a rejected pair, or a
 * "never match this domain" rule with one side's selector left empty: `{}` selects every record).
 */
export interface MatchOverride {
  decision: "always" | "never";
  left: RecordSelector;
  right: RecordSelector;
}

export interface MatchOptions {
  /** Minimum confidence of an accepted pair (default 0.9). */
  acceptConfidence?: number;
  /** Minimum confidence of a pair sent to review (default 0.5). */
  reviewConfidence?: number;
  overrides?: readonly MatchOverride[];
  /** Blocks with more records than this (both sides together) generate no candidates (default 60). */
  maxBlockSize?: number;
  /** ISO alpha-2 country for reading national phone numbers without a country code. */
  defaultPhoneCountry?: string;
  /**
   * Told where a bulk match is (a million records a side take tens of seconds): at each step's start, about
   * every 16,000 items and at its end. Incremental updates do not report. It must not throw: a match space
   * interrupted mid-step is left half-built.
   */
  onProgress?: (progress: MatchProgress) => void;
}

/**
 * A step of a bulk match. normalize, index and duplicates run once per list as it is added; candidates,
 * compare and decide once per pair of lists matched against each other (a scope).
 */
export interface MatchProgress {
  step: "normalize" | "index" | "duplicates" | "candidates" | "compare" | "decide";
  /** The list's key, or the scope's from candidates on (matchAccounts: lists "left" and "right", scope "match"). */
  of: string;
  /**
   * Items done out of total: records of the list; for candidates, keys of the smaller list looked up in the
   * other; for compare, records with candidate pairs; for decide, groups of linked records.
   */
  done: number;
  total: number;
}

export interface MatchPair {
  leftId: string;
  rightId: string;
  relation: MatchPairRelation;
  /** Probability-like confidence in [0, 1]; 1 for pairs confirmed by an override. */
  confidence: number;
  /** Short human-readable reason ("same domain acme.com; names agree after legal form"). */
  evidence: string;
}

export interface MatchSideSummary {
  records: number;
  /** Records after clustering duplicates inside the list. */
  companies: number;
  /** Records of this side in an overlapping company. */
  matchedRecords: number;
}

export interface MatchSummary {
  /** Companies matched one to one as the same account: the same number for both sides. */
  overlappingCompanies: number;
  left: MatchSideSummary;
  right: MatchSideSummary;
}

export interface MatchResult {
  /** Accepted pairs, every record of a matched company on each side, sorted by left then right id. */
  pairs: MatchPair[];
  /** Pairs below the accept confidence but worth a person's look. */
  review: MatchPair[];
  summary: MatchSummary;
}

/** What changed in the match set after an incremental update. */
export interface MatchChanges {
  added: MatchPair[];
  removed: MatchPair[];
}
