import { randomFillSync } from "node:crypto";
import { v7 } from "uuid";

const POOL_BYTES = 16 * 1024;
let pool = new Uint8Array(0);
let next = POOL_BYTES;

/**
 * A time-ordered id (UUIDv7): ids made together share their leading bytes, so rows inserted together land
 * at the end of an id index instead of on random pages of it. The random bytes come from a pooled buffer:
 * `uuid` asks webcrypto for 16 bytes per id by default (3 µs an id, 18 s for the 6M rows of a 1M-account
 * org's first sync). Ids made in one millisecond are not ordered among themselves; nothing reads order
 * from them.
 */
export function timeOrderedId(): string {
  if (next + 16 > pool.length) {
    pool = randomFillSync(new Uint8Array(POOL_BYTES));
    next = 0;
  }
  const random = pool.subarray(next, next + 16);
  next += 16;
  return v7({ random });
}
