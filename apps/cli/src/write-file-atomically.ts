import { rename, rm, writeFile } from "node:fs/promises";
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
