const BASE62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
const SUFFIX = "ABCDEFGHIJKLMNOPQRSTUVWXYZ012345";

/** Key prefixes of the objects the emulator knows (as in real orgs). */
export const KEY_PREFIXES: Record<string, string> = {
  Account: "001",
  Opportunity: "006",
  User: "005",
  PermissionSet: "0PS",
  PermissionSetAssignment: "0Pa",
  FieldPermissions: "01k",
  CustomField: "00N",
  Organization: "00D",
  QueryLocator: "01g",
  Job: "750",
};

/** The 3-character case-safe suffix Salesforce appends to 15-character ids. */
function caseSafeSuffix(id15: string): string {
  let suffix = "";
  for (let chunk = 0; chunk < 3; chunk++) {
    let bits = 0;
    for (let i = 0; i < 5; i++) {
      const ch = id15.charCodeAt(chunk * 5 + i);
      if (ch >= 65 && ch <= 90) bits |= 1 << i;
    }
    suffix += SUFFIX[bits];
  }
  return suffix;
}

/**
 * An 18-character id; sequence numbers are zero-padded base62, so ids of one object sort in creation
 * order (what ORDER BY Id relies on).
 */
export function formatId(prefix: string, sequence: number): string {
  let body = "";
  let n = sequence;
  do {
    body = BASE62[n % 62] + body;
    n = Math.floor(n / 62);
  } while (n > 0);
  const id15 = `${prefix}${"0".repeat(12 - body.length)}${body}`.slice(0, 15);
  return id15 + caseSafeSuffix(id15);
}
