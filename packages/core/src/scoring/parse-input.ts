import type { z } from "zod";
import { AppError } from "../errors.ts";

/**
 * Parses input with a schema, turning zod issues into one AppError("invalid_input") line per problem.
 * `labels` renames top-level fields for the reader (e.g. minIcp -> "--min-icp" in the CLI).
 */
export function parseInput<S extends z.ZodType>(
  schema: S,
  input: unknown,
  what: string,
  labels: Readonly<Record<string, string>> = {},
): z.output<S> {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  const details = result.error.issues.map((issue) => {
    const [head, ...rest] = issue.path.map(String);
    if (head === undefined) return `${what}: ${issue.message}`;
    const label = labels[head];
    if (label !== undefined) return `${[label, ...rest].join(".")}: ${issue.message}`;
    return `${what}.${[head, ...rest].join(".")}: ${issue.message}`;
  });
  throw new AppError("invalid_input", `invalid ${what}`, { details });
}
