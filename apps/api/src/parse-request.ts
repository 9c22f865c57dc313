import { AppError } from "@mutual/core";
import type { Context } from "hono";
import type { z } from "zod";

/** Validates request input with a zod schema; failures are AppError("invalid_input"), one line per issue. */
export function parseRequest<S extends z.ZodType>(schema: S, value: unknown, what: string): z.output<S> {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const details = result.error.issues.map((issue) => `${issue.path.length > 0 ? `${issue.path.join(".")}: ` : ""}${issue.message}`);
  throw new AppError("invalid_input", `invalid ${what}`, { details });
}

/** The JSON body validated with `schema`; a body that is not JSON is invalid_input too. */
export async function parseJsonBody<S extends z.ZodType>(c: Context, schema: S): Promise<z.output<S>> {
  let body: unknown;
  try {
    body = await c.req.json();
  } catch (error) {
    throw new AppError("invalid_input", "request body is not valid JSON", { cause: error });
  }
  return parseRequest(schema, body, "request body");
}

/** The query string validated with `schema` (values are strings: coerce numbers in the schema). */
export function parseQuery<S extends z.ZodType>(c: Context, schema: S): z.output<S> {
  return parseRequest(schema, c.req.query(), "query string");
}
