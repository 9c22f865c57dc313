import { open } from "node:fs/promises";
import { AppError } from "@mutual/core";

const SNIFF_BYTES = 64 * 1024;
const CANDIDATE_DELIMITERS = [",", ";", "\t"] as const;

export interface SourceFileInfo {
  size: number;
  delimiter: string;
}

function describeFsError(file: string, error: unknown): AppError {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  const reason =
    code === "ENOENT"
      ? "no such file"
      : code === "EACCES" || code === "EPERM"
        ? "permission denied"
        : code === "EISDIR"
          ? "is a directory, not a file"
          : (error as Error | undefined)?.message ?? "unknown error";
  return new AppError("invalid_input", `cannot read ${file}: ${reason}`, { cause: error });
}

/**
 * Checks the file can be read, is not empty and is UTF-8, and picks the delimiter from the header line:
 * the candidate that occurs most often outside quotes.
 */
export async function inspectSourceFile(file: string): Promise<SourceFileInfo> {
  let handle;
  try {
    handle = await open(file, "r");
  } catch (error) {
    throw describeFsError(file, error);
  }
  try {
    const stat = await handle.stat();
    if (!stat.isFile()) throw new AppError("invalid_input", `cannot read ${file}: not a regular file`);
    const buffer = Buffer.alloc(Math.min(SNIFF_BYTES, stat.size));
    const { bytesRead } = await handle.read(buffer, 0, buffer.length, 0);
    const head = buffer.subarray(0, bytesRead);
    if ((head[0] === 0xff && head[1] === 0xfe) || (head[0] === 0xfe && head[1] === 0xff)) {
      throw new AppError("invalid_input", `${file}: the file is UTF-16; save it as UTF-8 (with or without BOM)`);
    }
    const text = head.toString("utf8").replace(/^\uFEFF/, "");
    if (text.trim() === "") {
      throw new AppError("invalid_input", `${file}: the file is empty (expected a header row, then one row per record)`);
    }
    return { size: stat.size, delimiter: sniffDelimiter(text) };
  } catch (error) {
    if (error instanceof AppError) throw error;
    throw describeFsError(file, error);
  } finally {
    await handle.close();
  }
}

/** Most frequent delimiter on the first line, ignoring quoted text; comma when none appears. */
export function sniffDelimiter(text: string): string {
  const counts = new Map<string, number>();
  let quoted = false;
  for (const char of text) {
    if (char === '"') quoted = !quoted;
    else if (!quoted && (char === "\n" || char === "\r")) break;
    else if (!quoted && (CANDIDATE_DELIMITERS as readonly string[]).includes(char)) {
      counts.set(char, (counts.get(char) ?? 0) + 1);
    }
  }
  let best = ",";
  let bestCount = 0;
  for (const delimiter of CANDIDATE_DELIMITERS) {
    const count = counts.get(delimiter) ?? 0;
    if (count > bestCount) {
      best = delimiter;
      bestCount = count;
    }
  }
  return best;
}
