import { constants } from "node:fs";
import { access, rename, rm, stat, writeFile } from "node:fs/promises";
import { dirname } from "node:path";
import { AppError } from "@mutual/core";

/**
 * Writes a whole file or nothing: to a temporary name beside the target, then renamed over it, so a failed
 * or interrupted run never leaves half a file. `shownPath` is the path as the user typed it, for the error.
 */
export async function writeFileAtomically(path: string, content: string, shownPath = path): Promise<void> {
  const temporary = `${path}.${process.pid}.tmp`;
  try {
    await writeFile(temporary, content);
    await rename(temporary, path);
  } catch (error) {
    await rm(temporary, { force: true });
    throw new AppError("invalid_input", `cannot write ${shownPath}: ${(error as Error).message}`, { cause: error });
  }
}

/**
 * Fails now, with the reason, when `path` could not be written later (its directory is missing or read-only, or
 * it is a directory): a command checks its output files before minutes of reading and matching.
 */
export async function checkWritable(path: string, shownPath = path): Promise<void> {
  const fail = (reason: string) => new AppError("invalid_input", `cannot write ${shownPath}: ${reason}`);
  const target = await stat(path).catch(() => undefined);
  if (target?.isDirectory()) throw fail("it is a directory");
  const directory = dirname(path);
  const parent = await stat(directory).catch(() => undefined);
  if (!parent?.isDirectory()) throw fail(`the directory ${dirname(shownPath)} does not exist`);
  try {
    // writeFileAtomically creates a file beside the target and renames it over: the directory must be writable.
    await access(directory, constants.W_OK);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? "access denied";
    throw new AppError("invalid_input", `cannot write ${shownPath}: the directory ${dirname(shownPath)} is not writable (${code})`, { cause: error });
  }
}
