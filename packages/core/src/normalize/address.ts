import { tokenizeText } from "./text.ts";

const DIRECTIONS = new Set(["n", "s", "e", "w", "ne", "nw", "se", "sw", "north", "south", "east", "west"]);

/**
 * Comparison key of a street address: house number and the first word of the street name
 * ("4754 N. Leavitt St" and "4754 North Leavitt Street" -> "4754 leavitt"); undefined without a number.
 */
export function normalizeStreetAddress(street: string | undefined): string | undefined {
  if (!street) return undefined;
  const tokens = tokenizeText(street);
  const number = tokens[0];
  if (!number || !/^\d+[a-z]?$/.test(number)) return undefined;
  const name = tokens.slice(1).find((t) => !DIRECTIONS.has(t));
  return name ? `${number} ${name}` : undefined;
}

/** Postal code folded for comparison: upper case, no spaces; US ZIP+4 reduced to the 5-digit ZIP. */
export function normalizePostalCode(postalCode: string | undefined): string | undefined {
  if (!postalCode) return undefined;
  const folded = postalCode.toUpperCase().replace(/[^0-9A-Z]/g, "");
  if (folded === "") return undefined;
  return /^\d{9}$/.test(folded) ? folded.slice(0, 5) : folded;
}
