import { AppError } from "@mutual/core";
import type { z } from "zod";

/** Validates a service input with its zod schema; failures are AppError("invalid_input"), one line per issue. */
export function parseServiceInput<S extends z.ZodType>(schema: S, input: unknown, what: string): z.output<S> {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  const details = result.error.issues.map((issue) => `${issue.path.length > 0 ? `${issue.path.join(".")}: ` : ""}${issue.message}`);
  throw new AppError("invalid_input", `invalid ${what}: ${details.join("; ")}`, { details });
}
