import { AppError } from "@mutual/core";
import { z } from "zod";

const MINUTE = 60_000;
const NAMED: Record<string, number> = { every_15_minutes: 15 * MINUTE, hourly: 60 * MINUTE, daily: 24 * 60 * MINUTE };

/** `every_15_minutes`, `hourly`, `daily`, or `every_<n>_minutes` (n from 1 to 10080). */
export const CadenceSchema = z.string().refine((text) => parseCadenceMs(text) !== undefined, {
  message: "expected every_15_minutes, hourly, daily or every_<n>_minutes",
});
export type Cadence = z.infer<typeof CadenceSchema>;

function parseCadenceMs(cadence: string): number | undefined {
  if (NAMED[cadence] !== undefined) return NAMED[cadence];
  const minutes = /^every_(\d{1,5})_minutes?$/.exec(cadence)?.[1];
  if (minutes === undefined) return undefined;
  const n = Number(minutes);
  return n >= 1 && n <= 7 * 24 * 60 ? n * MINUTE : undefined;
}

export function cadenceIntervalMs(cadence: string): number {
  const ms = parseCadenceMs(cadence);
  if (ms === undefined) throw new AppError("invalid_input", `unknown cadence '${cadence}': expected every_15_minutes, hourly, daily or every_<n>_minutes`);
  return ms;
}

/**
 * The first slot strictly after `after`. Slots are aligned to the epoch (UTC: hourly on the hour,
 * daily at midnight), so every worker computes the same slots and a slot is a stable idempotency key.
 * Missed slots are not replayed: a worker down for a day runs one catch-up sync, not 96.
 */
export function computeNextRun(cadence: string, after: Date): Date {
  const interval = cadenceIntervalMs(cadence);
  return new Date((Math.floor(after.getTime() / interval) + 1) * interval);
}
