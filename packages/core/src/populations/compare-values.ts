import type { FieldValue } from "./fields.ts";

/** A value a filter can hold: one scalar of the condition's `value`. */
export type FilterScalar = string | number | boolean;

const DAY_MS = 86_400_000;
const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
const ISO_DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/;

/** A calendar date ("2026-11-20", read as a UTC day) or an instant, parsed from ISO 8601 text. */
export interface ParsedDate {
  time: number;
  dateOnly: boolean;
}

export function parseIsoDate(text: string): ParsedDate | undefined {
  const trimmed = text.trim();
  const dateOnly = ISO_DATE.test(trimmed);
  if (!dateOnly && !ISO_DATE_TIME.test(trimmed)) return undefined;
  const time = Date.parse(trimmed);
  return Number.isFinite(time) ? { time, dateOnly } : undefined;
}

export function dayNumber(time: number): number {
  return Math.floor(time / DAY_MS);
}

function parseNumber(text: string): number | undefined {
  const trimmed = text.trim();
  if (trimmed === "") return undefined;
  const n = Number(trimmed);
  return Number.isFinite(n) ? n : undefined;
}

function parseBoolean(text: string): boolean | undefined {
  const lowered = text.trim().toLowerCase();
  return lowered === "true" ? true : lowered === "false" ? false : undefined;
}

function sign(n: number): number {
  return n < 0 ? -1 : n > 0 ? 1 : 0;
}

/**
 * Orders a field value against a filter value: negative, zero or positive, or undefined when they
 * cannot be compared (missing field, "abc" against a number). The filter value decides the type:
 * a number compares numerically (numeric text such as a custom "250" counts), a boolean as a
 * boolean ("true"/"false" text counts), text as a date when both sides are ISO dates, otherwise as
 * case-insensitive, trimmed text. A calendar date on either side compares by UTC day, so
 * `closeDate equals 2026-01-01` holds for "2026-01-01T15:00:00Z".
 */
export function compareFieldValue(field: FieldValue, filter: FilterScalar): number | undefined {
  if (field === undefined) return undefined;
  if (typeof filter === "number") {
    const n = typeof field === "number" ? field : typeof field === "string" ? parseNumber(field) : undefined;
    return n === undefined ? undefined : sign(n - filter);
  }
  if (typeof filter === "boolean") {
    const b = typeof field === "boolean" ? field : typeof field === "string" ? parseBoolean(field) : undefined;
    return b === undefined ? undefined : Number(b) - Number(filter);
  }
  if (typeof field === "number") {
    const n = parseNumber(filter);
    return n === undefined ? undefined : sign(field - n);
  }
  if (typeof field === "boolean") {
    const b = parseBoolean(filter);
    return b === undefined ? undefined : Number(field) - Number(b);
  }
  const fieldDate = parseIsoDate(field);
  const filterDate = fieldDate ? parseIsoDate(filter) : undefined;
  if (fieldDate && filterDate) {
    if (fieldDate.dateOnly || filterDate.dateOnly) return sign(dayNumber(fieldDate.time) - dayNumber(filterDate.time));
    return sign(fieldDate.time - filterDate.time);
  }
  const a = field.trim().toLowerCase();
  const b = filter.trim().toLowerCase();
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * Whether a date field lies in the last `days` days up to `now` (future dates do not). A calendar
 * date counts by UTC day (today and the `days` days before it); an instant by elapsed time.
 */
export function isWithinLastDays(field: FieldValue, days: number, now: Date): boolean {
  if (typeof field !== "string") return false;
  const date = parseIsoDate(field);
  if (!date) return false;
  const nowTime = now.getTime();
  if (date.dateOnly) {
    const day = dayNumber(date.time);
    const today = dayNumber(nowTime);
    return day <= today && day >= today - days;
  }
  return date.time <= nowTime && date.time >= nowTime - days * DAY_MS;
}

/** Missing, or text that is only whitespace. */
export function isEmptyValue(field: FieldValue): boolean {
  return field === undefined || (typeof field === "string" && field.trim() === "");
}
