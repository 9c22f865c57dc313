import { matchRecordOf, type Account, type MatchRecord } from "@mutual/core";

// Address columns are not canonical account fields; when a file has them they are extra match evidence.
const STREET_HEADERS = ["street", "address", "Billing Street", "Street", "Address"];
const POSTAL_HEADERS = ["postal_code", "zip", "Billing Zip/Postal Code", "Postal Code", "Zip"];

/** The matcher's view of an account read from CSV, with street and postal code when the file has them. */
export function toMatchRecord(account: Account): MatchRecord {
  const custom = account.custom ?? {};
  const record = matchRecordOf(account);
  record.street = STREET_HEADERS.map((h) => custom[h]).find(Boolean);
  record.postalCode = POSTAL_HEADERS.map((h) => custom[h]).find(Boolean);
  return record;
}
