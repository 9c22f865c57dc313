import type { z } from "zod";
import type { CanonicalField, ColumnPlan } from "./headers.ts";
import type { CellProblem } from "./read-records.ts";
import { CellError } from "./values.ts";

/** Reads typed cells of one row, collecting a problem per bad cell instead of stopping at the first. */
export class RowReader {
  readonly problems: CellProblem[] = [];

  constructor(
    private readonly cells: readonly string[],
    private readonly plan: ColumnPlan,
  ) {}

  text(field: CanonicalField): string | undefined {
    const index = this.plan.fields.get(field);
    if (index === undefined) return undefined;
    const value = this.cells[index]?.trim();
    return value === "" ? undefined : value;
  }

  typed<T>(field: CanonicalField, parse: (raw: string) => T): T | undefined {
    const raw = this.text(field);
    if (raw === undefined) return undefined;
    try {
      return parse(raw);
    } catch (error) {
      if (!(error instanceof CellError)) throw error;
      this.problems.push({ column: this.plan.fields.get(field)!, reason: error.message });
      return undefined;
    }
  }

  /** Non-empty cells of columns with no canonical meaning. */
  custom(): Record<string, string> | undefined {
    let custom: Record<string, string> | undefined;
    for (const [index, header] of this.plan.extra) {
      const value = this.cells[index]?.trim();
      if (value) (custom ??= {})[header] = value;
    }
    return custom;
  }

  /** Validates the assembled record; schema issues point at the column of the field they concern. */
  validate<S extends z.ZodType>(schema: S, candidate: unknown, fieldOf: (key: string) => CanonicalField | undefined) {
    if (this.problems.length > 0) return { problems: this.problems };
    const result = schema.safeParse(candidate);
    if (result.success) return { value: result.data as z.infer<S> };
    for (const issue of result.error.issues) {
      const key = String(issue.path[0] ?? "");
      const field = fieldOf(key);
      const column = field === undefined ? undefined : this.plan.fields.get(field);
      const reason = describeIssue(field ?? key, issue.message, column === undefined);
      this.problems.push(column === undefined ? { reason } : { column, reason });
    }
    return { problems: this.problems };
  }
}

/** The column is named beside the reason already, so the field is only repeated when it has no column. */
function describeIssue(field: string, message: string, missingColumn: boolean): string {
  if (/^Invalid input: expected \w+, received undefined$/.test(message)) {
    return `${field} ${missingColumn ? "is required" : "is empty"}`;
  }
  const reason = message.charAt(0).toLowerCase() + message.slice(1);
  return missingColumn ? `${field}: ${reason}` : reason;
}

/** camelCase model key -> canonical snake_case header. */
export function toCanonicalField(key: string): CanonicalField | undefined {
  return (key.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`) as CanonicalField) || undefined;
}
