import { AppError } from "../errors.ts";
import { FilterConditionSchema, type FilterOperator, type PopulationFilter } from "../model/population.ts";
import { parseIsoDate, type FilterScalar } from "./compare-values.ts";
import { fieldKindOf, type FieldKind } from "./fields.ts";

/** One problem in a filter, with the JSON path of the bad node ("$.and[1].or[0].value"). */
export interface FilterIssue {
  path: string;
  message: string;
}

export type FilterValidation = { ok: true; filter: PopulationFilter } | { ok: false; issues: FilterIssue[] };

/** Deeper trees are a mistake or an attack, not a population. */
const MAX_DEPTH = 16;
const CONDITION_KEYS = new Set(["field", "op", "value"]);

/** Operators each known field kind supports; custom fields (no kind) support all of them. */
const OPERATORS_BY_KIND: Record<FieldKind, ReadonlySet<FilterOperator>> = {
  text: new Set(["equals", "not_equals", "in", "contains", "greater", "less", "between", "empty", "not_empty"]),
  number: new Set(["equals", "not_equals", "in", "greater", "less", "between", "empty", "not_empty"]),
  boolean: new Set(["equals", "not_equals", "in", "empty", "not_empty"]),
  date: new Set(["equals", "not_equals", "in", "greater", "less", "between", "empty", "not_empty", "within_last_days"]),
};

/**
 * Checks a filter as it arrives from an editor or the API: structure (zod), unknown keys, the value
 * shape each operator needs, and that values suit known fields. Every problem is reported with its path.
 */
export function validatePopulationFilter(input: unknown): FilterValidation {
  const issues: FilterIssue[] = [];
  checkNode(input, "$", 1, issues);
  return issues.length === 0 ? { ok: true, filter: input as PopulationFilter } : { ok: false, issues };
}

/** Like `validatePopulationFilter`, but throws an `invalid_input` AppError listing each problem. */
export function parsePopulationFilter(input: unknown): PopulationFilter {
  const result = validatePopulationFilter(input);
  if (result.ok) return result.filter;
  throw new AppError("invalid_input", "invalid population filter", {
    details: result.issues.map((issue) => `${issue.path}: ${issue.message}`),
  });
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function checkNode(node: unknown, path: string, depth: number, issues: FilterIssue[]): void {
  if (depth > MAX_DEPTH) {
    issues.push({ path, message: `filters may nest at most ${MAX_DEPTH} levels` });
    return;
  }
  if (!isPlainObject(node)) {
    issues.push({ path, message: "expected a condition {field, op, value} or a group {and: [...]} / {or: [...]}" });
    return;
  }
  const group = "and" in node ? "and" : "or" in node ? "or" : undefined;
  if (group) {
    if (Object.keys(node).length !== 1) {
      issues.push({ path, message: `a group has exactly one key ("and" or "or")` });
      return;
    }
    const children = node[group];
    if (!Array.isArray(children) || children.length === 0) {
      issues.push({ path: `${path}.${group}`, message: "expected a non-empty array of filters" });
      return;
    }
    children.forEach((child, i) => checkNode(child, `${path}.${group}[${i}]`, depth + 1, issues));
    return;
  }
  checkCondition(node, path, issues);
}

function checkCondition(node: Record<string, unknown>, path: string, issues: FilterIssue[]): void {
  for (const key of Object.keys(node)) {
    if (!CONDITION_KEYS.has(key)) issues.push({ path: `${path}.${key}`, message: `unknown key "${key}"` });
  }
  const parsed = FilterConditionSchema.safeParse(node);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const suffix = issue.path.map((part) => (typeof part === "number" ? `[${part}]` : `.${String(part)}`)).join("");
      issues.push({ path: `${path}${suffix}`, message: issue.message });
    }
    return;
  }
  const { field, op, value } = parsed.data;
  const dot = field.indexOf(".");
  const entity = field.slice(0, dot) as "account" | "opportunity";
  const name = field.slice(dot + 1);
  const kind = fieldKindOf(entity, name);
  if (entity === "opportunity" && !kind) {
    issues.push({ path: `${path}.field`, message: `unknown opportunity field "${name}"` });
    return;
  }
  if (kind && !OPERATORS_BY_KIND[kind].has(op)) {
    issues.push({ path: `${path}.op`, message: `"${op}" does not apply to ${kind} field ${field}` });
    return;
  }
  const problem = checkValueShape(op, value) ?? (kind ? checkValueKind(kind, op, value) : undefined);
  if (problem) issues.push({ path: `${path}.value`, message: problem });
}

type ConditionValue = FilterScalar | FilterScalar[] | undefined;

function checkValueShape(op: FilterOperator, value: ConditionValue): string | undefined {
  switch (op) {
    case "empty":
    case "not_empty":
      return value === undefined ? undefined : `"${op}" takes no value`;
    case "in":
      return Array.isArray(value) && value.length > 0 ? undefined : `"in" needs a non-empty array of values`;
    case "between":
      if (!Array.isArray(value) || value.length !== 2) return `"between" needs [low, high]`;
      return typeof value[0] === typeof value[1] && typeof value[0] !== "boolean"
        ? undefined
        : `"between" bounds must both be numbers or both be text/dates`;
    case "within_last_days":
      return typeof value === "number" && Number.isInteger(value) && value >= 0
        ? undefined
        : `"within_last_days" needs a whole number of days >= 0`;
    case "contains":
      return (typeof value === "string" && value !== "") || typeof value === "number"
        ? undefined
        : `"contains" needs non-empty text`;
    default:
      return value === undefined || Array.isArray(value) ? `"${op}" needs a single value` : undefined;
  }
}

/** Values must be readable as the known field's kind, or the condition could never hold. */
function checkValueKind(kind: FieldKind, op: FilterOperator, value: ConditionValue): string | undefined {
  if (value === undefined || op === "within_last_days" || op === "contains") return undefined;
  const values = Array.isArray(value) ? value : [value];
  for (const v of values) {
    if (kind === "number" && !(typeof v === "number" || (typeof v === "string" && v.trim() !== "" && Number.isFinite(Number(v))))) {
      return `expected a number, got ${JSON.stringify(v)}`;
    }
    if (kind === "boolean" && !(typeof v === "boolean" || v === "true" || v === "false")) {
      return `expected true or false, got ${JSON.stringify(v)}`;
    }
    if (kind === "date" && !(typeof v === "string" && parseIsoDate(v))) {
      return `expected an ISO date (YYYY-MM-DD or a timestamp), got ${JSON.stringify(v)}`;
    }
    if (kind === "text" && typeof v === "boolean") return `expected text, got ${String(v)}`;
  }
  return undefined;
}
