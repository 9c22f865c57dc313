import type { AccountStatus } from "@mutual/core";

/** A cell that could not be read as its field's type; the message is shown to the user. */
export class CellError extends Error {}

const CUSTOMER = /customer|client|evangelist|closedwon/;
const OPPORTUNITY = /opportunit|pipeline|negotiat|evaluat|sql|salesqualified/;
const PROSPECT = /prospect|lead|subscriber|mql|marketingqualified|target|partner|reseller|other/;

/**
 * Account status from a canonical value or a CRM picklist ("Customer - Direct", HubSpot lifecycle stages).
 * Unknown values fail rather than guess: a wrong status puts a company in the wrong matrix cell.
 */
export function parseStatus(raw: string): AccountStatus {
  const value = raw.toLowerCase().replace(/[^a-z]+/g, "");
  if (CUSTOMER.test(value)) return "customer";
  if (OPPORTUNITY.test(value)) return "opportunity";
  if (PROSPECT.test(value)) return "prospect";
  throw new CellError(`unknown status '${raw}' (expected customer, opportunity or prospect)`);
}

const PLAIN_NUMBER = /^[+-]?(\d+(\.\d*)?|\.\d+)$/;
const THOUSANDS = /^[+-]?\d{1,3}(,\d{3})+(\.\d*)?$/;

/** A number, allowing a currency symbol/code prefix and comma thousands separators ("$1,250.00"). */
export function parseNumber(raw: string): number {
  const text = raw.replace(/^[A-Z]{3}\s+|^[$€£¥]\s*/u, "").replace(/\s+/g, "");
  if (PLAIN_NUMBER.test(text)) return Number(text);
  if (THOUSANDS.test(text)) return Number(text.replaceAll(",", ""));
  throw new CellError(`'${raw}' is not a number`);
}

const TRUE = new Set(["true", "yes", "y", "1", "t", "x"]);
const FALSE = new Set(["false", "no", "n", "0", "f"]);

export function parseBoolean(raw: string): boolean {
  const value = raw.trim().toLowerCase();
  if (TRUE.has(value)) return true;
  if (FALSE.has(value)) return false;
  throw new CellError(`'${raw}' is not a boolean (expected true/false, yes/no or 1/0)`);
}

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
const ISO_DATETIME_NO_ZONE = /^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?$/;
const ISO_DATETIME_ZONED = /^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/;

/**
 * A date as YYYY-MM-DD or an ISO 8601 timestamp (a timestamp without a zone is read as UTC).
 * Locale formats like 3/4/2024 are refused: month and day order cannot be known.
 */
export function parseDate(raw: string): string {
  const text = raw.trim();
  if (ISO_DATE.test(text)) {
    if (Number.isNaN(Date.parse(`${text}T00:00:00Z`)) || new Date(`${text}T00:00:00Z`).toISOString().slice(0, 10) !== text) {
      throw new CellError(`'${raw}' is not a valid date`);
    }
    return text;
  }
  if (ISO_DATETIME_NO_ZONE.test(text) || ISO_DATETIME_ZONED.test(text)) {
    const normalized = text.replace(" ", "T");
    const time = Date.parse(ISO_DATETIME_ZONED.test(text) ? normalized : `${normalized}Z`);
    if (!Number.isNaN(time)) return new Date(time).toISOString();
  }
  throw new CellError(`'${raw}' is not a date (expected YYYY-MM-DD or an ISO 8601 timestamp)`);
}

/** Closed/won from a stage name when the file has no is_closed/is_won columns (HubSpot "closedwon"). */
export function inferClosedWon(stage: string): { isClosed: boolean; isWon: boolean } {
  const value = stage.toLowerCase().replace(/[^a-z]+/g, "");
  if (value.includes("closedwon") || value === "won") return { isClosed: true, isWon: true };
  if (value.includes("closedlost") || value === "lost" || value.startsWith("closed")) {
    return { isClosed: true, isWon: false };
  }
  return { isClosed: false, isWon: false };
}
