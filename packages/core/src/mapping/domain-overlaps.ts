import type { Account } from "../model/account.ts";
import { registrableDomain } from "../normalize/domain.ts";

/** A company both sides have, found by exact registrable domain, with every record of each side. */
export interface DomainOverlap<T extends Pick<Account, "website"> = Account> {
  domain: string;
  mine: T[];
  partner: T[];
}

/**
 * Exact registrable-domain matching: one overlapping company per domain present on both sides,
 * whatever the number of records per side, so both sides count the same companies.
 */
export function findDomainOverlaps<T extends Pick<Account, "website">>(
  mine: Iterable<T>,
  partner: Iterable<T>,
): DomainOverlap<T>[] {
  const mineByDomain = groupByDomain(mine);
  const overlaps = new Map<string, DomainOverlap<T>>();
  for (const account of partner) {
    const domain = registrableDomain(account.website);
    if (!domain) continue;
    const mineRecords = mineByDomain.get(domain);
    if (!mineRecords) continue;
    let overlap = overlaps.get(domain);
    if (!overlap) {
      overlap = { domain, mine: mineRecords, partner: [] };
      overlaps.set(domain, overlap);
    }
    overlap.partner.push(account);
  }
  return [...overlaps.values()].sort((a, b) => (a.domain < b.domain ? -1 : a.domain > b.domain ? 1 : 0));
}

function groupByDomain<T extends Pick<Account, "website">>(accounts: Iterable<T>): Map<string, T[]> {
  const byDomain = new Map<string, T[]>();
  for (const account of accounts) {
    const domain = registrableDomain(account.website);
    if (!domain) continue;
    const group = byDomain.get(domain);
    if (group) group.push(account);
    else byDomain.set(domain, [account]);
  }
  return byDomain;
}
