import { AppError } from "@mutual/core";
import type { z } from "zod";

const MAX_DETAILS = 20;

function describeIssues(error: z.ZodError, prefix: string): string[] {
  return error.issues.map((issue) => {
    const path = issue.path.length > 0 ? `${issue.path.join(".")}: ` : "";
    return `${prefix}${path}${issue.message}`;
  });
}

/** Parses one input with a zod schema; failures become AppError("invalid_input") with one line per issue. */
export function parseInput<S extends z.ZodType>(schema: S, input: unknown, what: string): z.output<S> {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  const details = describeIssues(result.error, "");
  throw new AppError("invalid_input", `invalid ${what}: ${details.join("; ")}`, { details });
}

/** Parses a list; all-or-nothing, reporting the first problems with their index (and id when known). */
export function parseInputList<S extends z.ZodType>(schema: S, inputs: readonly unknown[], what: string): z.output<S>[] {
  const parsed: z.output<S>[] = [];
  const details: string[] = [];
  let failed = 0;
  inputs.forEach((input, index) => {
    const result = schema.safeParse(input);
    if (result.success) {
      parsed.push(result.data);
      return;
    }
    failed += 1;
    if (details.length >= MAX_DETAILS) return;
    const id = typeof input === "object" && input !== null && "id" in input ? ` (id ${String(input.id)})` : "";
    details.push(...describeIssues(result.error, `${what}[${index}]${id}: `));
  });
  if (failed > 0) {
    throw new AppError("invalid_input", `${failed} invalid ${what} record(s)`, { details: details.slice(0, MAX_DETAILS) });
  }
  return parsed;
}
