import type { Account, MatchRecord } from "@mutual/core";

// Address columns are not canonical account fields; when a file has them they are extra match evidence.
const STREET_HEADERS = ["street", "address", "Billing Street", "Street", "Address"];
const POSTAL_HEADERS = ["postal_code", "zip", "Billing Zip/Postal Code", "Postal Code", "Zip"];

/**
 * The matcher's view of an account read from CSV, with street and postal code when the file has them. Only
 * the fields the matcher reads, always all of them (undefined when empty): the parsed account can then be
 * dropped, and every record has one shape.
 */
export function toMatchRecord(account: Account): MatchRecord {
  const custom = account.custom ?? {};
  return {
    id: account.id,
    name: account.name,
    website: account.website,
    country: account.country,
    state: account.state,
    city: account.city,
    phone: account.phone,
    parentId: account.parentId,
    street: STREET_HEADERS.map((h) => custom[h]).find(Boolean),
    postalCode: POSTAL_HEADERS.map((h) => custom[h]).find(Boolean),
  };
}
