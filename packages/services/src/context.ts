import type { Db } from "@mutual/db";
import type { OverlapMatchSpace } from "./overlaps/overlap-match-space.ts";

/** What every service takes first: the database, an injectable clock, and optional caches. */
export interface ServiceContext {
  db: Db;
  /** Defaults to the system clock; tests and replays pass their own. */
  now?: () => Date;
  /**
   * Account lists and overlap scopes kept between overlap recomputes (the sync worker holds one), so a
   * recompute for a few changed accounts re-matches only those instead of whole lists. Omit to always
   * recompute in full.
   */
  matchSpace?: OverlapMatchSpace;
}

export function readClock(ctx: ServiceContext): Date {
  return ctx.now ? ctx.now() : new Date();
}
