import { AppError } from "../errors.ts";

const MS_PER_DAY = 86_400_000;

/**
 * UTC calendar day number of a date ("2026-03-01") or ISO timestamp; windows in attribution are
 * whole days so that "90 days before" means the same thing whatever the time of day.
 */
export function toDayNumber(text: string): number {
  const ms = Date.parse(text);
  if (Number.isNaN(ms)) throw new AppError("invalid_input", `not a date: '${text}'`);
  return Math.floor(ms / MS_PER_DAY);
}

export function dayNumberOf(date: Date): number {
  return Math.floor(date.getTime() / MS_PER_DAY);
}

/** "YYYY-MM-DD" of a day number. */
export function formatDay(day: number): string {
  return new Date(day * MS_PER_DAY).toISOString().slice(0, 10);
}

/** Day number `months` calendar months before `date` (day of month clamped: Mar 31 - 1 month = Feb 28/29). */
export function subtractMonths(date: Date, months: number): number {
  const year = date.getUTCFullYear();
  const month = date.getUTCMonth() - months;
  const lastDay = new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
  const day = Math.min(date.getUTCDate(), lastDay);
  return dayNumberOf(new Date(Date.UTC(year, month, day)));
}
