import { parseArgs, type ParseArgsConfig } from "node:util";
import { AppError } from "@mutual/core";

type Options = NonNullable<ParseArgsConfig["options"]>;

/** util.parseArgs with its errors turned into one clear input error naming the command. */
export function parseCommandArgs<O extends Options>(command: string, args: string[], options: O) {
  try {
    return parseArgs({ args, options, allowPositionals: false, strict: true });
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new AppError("invalid_input", `${reason}. Run 'mutual help ${command}' for usage.`, {
      cause: error,
    });
  }
}

/** Fails with a usage hint when a required option is missing. */
export function requireOption(command: string, name: string, value: string | undefined): string {
  if (value === undefined || value === "") {
    throw new AppError("invalid_input", `missing --${name}. Run 'mutual help ${command}' for usage.`);
  }
  return value;
}

/**
 * Parses repeated `key=value` pairs (`--map name="Account Name"` or `--weights a=1,b=2`) into a
 * record, rejecting malformed pairs with the option named.
 */
export function parseKeyValues(command: string, option: string, values: readonly string[]): Record<string, string> {
  const result: Record<string, string> = {};
  for (const raw of values) {
    // "a=1,b=2" holds two pairs; "name=Name, Legal" is one pair whose value has a comma.
    const parts = raw.split(",");
    for (const pair of parts.every((part) => part.includes("=")) ? parts : [raw]) {
      const eq = pair.indexOf("=");
      if (eq <= 0) {
        throw new AppError("invalid_input", `--${option} expects key=value, got '${pair}'`);
      }
      result[pair.slice(0, eq).trim()] = pair.slice(eq + 1).trim();
    }
  }
  return result;
}
