/**
 * How many records carry a value, both lists together: the term-frequency side of the model. Scores use
 * counts only through step functions (frequencyLevel, carriers > SHARED_CARRIERS), so an incremental update
 * knows exactly which keys changed a score: those whose step changed.
 */
export interface Frequencies {
  /** Records whose name key or alias is this key. */
  name(key: string): number;
  /** Records whose name carries this token. */
  token(token: string): number;
  /** Distinct company names carrying this domain, the larger of the two sides. */
  domain(domain: string): number;
  /** Distinct company names carrying this phone number (local digits), the larger side. */
  phone(local: string): number;
  /** Distinct company names at this street address, the larger side. */
  street(key: string): number;
}

/** More distinct companies than this carrying one domain, phone or address make it weak evidence. */
export const SHARED_CARRIERS = 4;

/** Powers-of-two bucket of a count: 1 -> 1, 2-3 -> 2, 4-7 -> 3, ... (0 for 0). */
export function frequencyLevel(count: number): number {
  return 32 - Math.clz32(count);
}

/**
 * The level of a name key's count as the score reads it: from 256 records on an exact name weighs its least,
 * so higher levels are one. Capped so that a common name passing another power of two re-scores nothing.
 */
export function nameLevel(count: number): number {
  return Math.min(frequencyLevel(count), 9);
}

/**
 * The level of a name token's count as the score reads it: from 65,536 records on a token weighs its least
 * (1), so higher levels are one. Capped so that a token as common as "company" passing another power of two
 * does not re-score every record carrying it.
 */
export function tokenLevel(count: number): number {
  return Math.min(frequencyLevel(count), 17);
}
