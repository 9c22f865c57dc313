import type { z } from "zod";
import { AppError } from "../errors.ts";

/** Parses input with a schema, turning zod issues into one AppError("invalid_input") line per problem. */
export function parseInput<S extends z.ZodType>(schema: S, input: unknown, what: string): z.output<S> {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  const details = result.error.issues.map((issue) => {
    const path = issue.path.length > 0 ? issue.path.join(".") : "(root)";
    return `${what}.${path}: ${issue.message}`;
  });
  throw new AppError("invalid_input", `invalid ${what}`, { details });
}
