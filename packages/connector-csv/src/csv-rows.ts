import { createReadStream } from "node:fs";
import Papa from "papaparse";
import { AppError } from "@mutual/core";

export interface CsvRow {
  cells: string[];
  /** 1-based line where the row starts (quoted newlines make a row span several lines). */
  line: number;
}

interface ChunkBatch {
  rows: string[][];
  errors: Papa.ParseError[];
  /** File bytes read when the chunk was parsed. */
  bytesRead: number;
}

/** A row (in practice: an unclosed quote swallowing the file) may not grow past this; memory stays bounded. */
export const DEFAULT_MAX_ROW_BYTES = 16 * 1024 * 1024;

/**
 * Streams the rows of a UTF-8 CSV file with their line numbers, chunk by chunk (papaparse, paused while the
 * consumer works, so memory stays bounded). Blank lines are skipped; a BOM is dropped. Quoting errors throw
 * an AppError naming the line: after a broken quote nothing that follows can be trusted.
 */
export async function* readCsvRows(
  file: string,
  delimiter: string,
  onBytes?: (bytesRead: number) => void,
  maxRowBytes: number = DEFAULT_MAX_ROW_BYTES,
): AsyncGenerator<CsvRow> {
  const stream = createReadStream(file, { encoding: "utf8", highWaterMark: 256 * 1024 });
  const batches: ChunkBatch[] = [];
  let finished = false;
  let failure: unknown;
  let wake: (() => void) | undefined;
  let parser: Papa.Parser | undefined;
  const notify = () => {
    wake?.();
    wake = undefined;
  };

  Papa.parse<string[]>(stream as unknown as File, {
    delimiter,
    skipEmptyLines: false,
    chunk: (results, chunkParser) => {
      parser = chunkParser;
      chunkParser.pause();
      batches.push({ rows: results.data, errors: results.errors, bytesRead: stream.bytesRead });
      notify();
    },
    complete: () => {
      finished = true;
      notify();
    },
    error: (error: Error) => {
      failure = error;
      finished = true;
      notify();
    },
  });

  let line = 1;
  let first = true;
  let bytesAtLastRow = 0;
  try {
    while (true) {
      const batch = batches.shift();
      if (!batch) {
        if (failure) throw failure;
        if (finished) return;
        await new Promise<void>((resolve) => (wake = resolve));
        continue;
      }
      onBytes?.(batch.bytesRead);
      if (batch.rows.length > 0) bytesAtLastRow = batch.bytesRead;
      else if (batch.bytesRead - bytesAtLastRow > maxRowBytes) throw runawayRowError(file, line, maxRowBytes);
      const quoteErrors = new Map<number, Papa.ParseError>();
      for (const error of batch.errors) {
        if (error.type === "Quotes" && !quoteErrors.has(error.row ?? 0)) quoteErrors.set(error.row ?? 0, error);
      }

      for (let i = 0; i < batch.rows.length; i++) {
        const cells = batch.rows[i]!;
        const start = line;
        line += 1 + countNewlines(cells);
        const quoteError = quoteErrors.get(i);
        if (quoteError) throw quotingError(file, start, quoteError);
        if (first && cells.length > 0) cells[0] = cells[0]!.replace(/^\uFEFF/, "");
        first = false;
        if (cells.length === 1 && cells[0]!.trim() === "") continue;
        yield { cells, line: start };
      }
      parser?.resume();
    }
  } finally {
    if (!finished) {
      parser?.abort();
      stream.destroy();
    }
  }
}

function countNewlines(cells: readonly string[]): number {
  let count = 0;
  for (const cell of cells) {
    if (!cell.includes("\n")) continue;
    for (let i = cell.indexOf("\n"); i !== -1; i = cell.indexOf("\n", i + 1)) count += 1;
  }
  return count;
}

function runawayRowError(file: string, line: number, maxRowBytes: number): AppError {
  const size = maxRowBytes >= 1024 * 1024 ? `${Math.round(maxRowBytes / 1024 / 1024)} MiB` : `${Math.round(maxRowBytes / 1024)} KiB`;
  return new AppError("invalid_data", `${file}: cannot parse the file; nothing imported`, {
    details: [`${file}: line ${line}: a row runs on for more than ${size} (a quoted field is probably never closed)`],
  });
}

function quotingError(file: string, line: number, error: Papa.ParseError): AppError {
  const reason =
    error.code === "MissingQuotes"
      ? "a quoted field is never closed (unbalanced double quote)"
      : 'a double quote inside a quoted field must be doubled ("")';
  return new AppError("invalid_data", `${file}: cannot parse the file; nothing imported`, {
    details: [`${file}: line ${line}: ${reason}`],
  });
}
