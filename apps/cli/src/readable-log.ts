import { Writable } from "node:stream";

const LEVEL_NAMES: Record<number, string> = { 10: "trace", 20: "debug", 30: "info", 40: "warning", 50: "error", 60: "fatal" };

/**
 * A destination for pino that writes each entry as one plain line for a person at a terminal: the level,
 * the message and, for an error, its message (`warning: ...`, `error: job failed (dead): accounts.csv: ...`).
 * The JSON fields, stacks included, are left out; a user who wants them sets LOG_LEVEL and gets pino's JSON.
 */
export function createReadableLog(out: NodeJS.WritableStream): Writable {
  let pending = "";
  return new Writable({
    write(chunk: Buffer | string, _encoding, done) {
      const lines = (pending + chunk.toString()).split("\n");
      pending = lines.pop() ?? "";
      for (const line of lines) if (line.trim() !== "") out.write(`${readableLine(line)}\n`);
      done();
    },
  });
}

/** One pino JSON entry as `level: message[: error message]`; a line that is not such an entry as it is. */
export function readableLine(json: string): string {
  let entry: { level?: unknown; msg?: unknown; err?: { message?: unknown } };
  try {
    entry = JSON.parse(json) as typeof entry;
  } catch {
    return json;
  }
  const level = typeof entry.level === "number" ? (LEVEL_NAMES[entry.level] ?? `level ${entry.level}`) : "log";
  const message = typeof entry.msg === "string" ? entry.msg : "";
  const cause = typeof entry.err?.message === "string" && entry.err.message !== message ? entry.err.message : "";
  return `${level}: ${[message, cause].filter(Boolean).join(": ")}`;
}
