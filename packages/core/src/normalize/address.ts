import { tokenizeText } from "./text.ts";

const DIRECTIONS = new Set(["n", "s", "e", "w", "ne", "nw", "se", "sw", "north", "south", "east", "west"]);
/** Street types and unit words: the street name ends before them ("Van Buren Street Suite 2"). */
const NAME_END = new Set([
  "st", "street", "ave", "av", "avenue", "blvd", "boulevard", "rd", "road", "dr", "drive", "ct", "court", "pl", "place",
  "ln", "lane", "pkwy", "parkway", "way", "ter", "terrace", "hwy", "highway", "sq", "square", "cir", "circle",
  "suite", "ste", "floor", "fl", "unit", "apt", "room", "rm", "bldg", "building",
]);
const ORDINAL_RE = /^(\d+)(?:st|nd|rd|th)$/;

/**
 * Comparison key of a street address: house number and the street name closed up, without directions,
 * street type, unit or ordinal suffix ("4754 N. Leavitt St", "4754 North Leavitt Street Suite 2" ->
 * "4754 leavitt"; "1900 W Van Buren St" and "1900 W. VanBuren" -> "1900 vanburen"; "532 W 95th St" ->
 * "532 95"). Undefined without a number or a name.
 */
export function normalizeStreetAddress(street: string | undefined): string | undefined {
  if (!street) return undefined;
  const tokens = tokenizeText(street);
  const number = tokens[0];
  if (!number || !/^\d+[a-z]?$/.test(number)) return undefined;
  let i = 1;
  // Skip a range's second number ("3450-54 W 79th") and leading directions.
  while (i < tokens.length && (DIRECTIONS.has(tokens[i]!) || (i === 1 && /^\d+$/.test(tokens[i]!) && tokens.length > 2))) i++;
  let name = "";
  for (; i < tokens.length; i++) {
    const token = tokens[i]!;
    // The first word is always part of the name ("Court Street", "Dr Martin Luther King Dr").
    if (name !== "" && NAME_END.has(token)) break;
    name += ORDINAL_RE.exec(token)?.[1] ?? token;
  }
  return name ? `${number} ${name}` : undefined;
}

/** Postal code folded for comparison: upper case, no spaces; US ZIP+4 reduced to the 5-digit ZIP. */
export function normalizePostalCode(postalCode: string | undefined): string | undefined {
  if (!postalCode) return undefined;
  const folded = postalCode.toUpperCase().replace(/[^0-9A-Z]/g, "");
  if (folded === "") return undefined;
  return /^\d{9}$/.test(folded) ? folded.slice(0, 5) : folded;
}
