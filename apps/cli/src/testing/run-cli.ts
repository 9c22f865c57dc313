import { Writable } from "node:stream";
import { main } from "../main.ts";

class Capture extends Writable {
  text = "";
  override _write(chunk: Buffer, _encoding: BufferEncoding, callback: () => void): void {
    this.text += chunk.toString();
    callback();
  }
}

/** Runs `mutual <argv>` in-process with captured output, as a user in `cwd` would. */
export async function runCli(argv: string[], cwd: string): Promise<{ code: number; stdout: string; stderr: string }> {
  const stdout = new Capture();
  const stderr = new Capture();
  const code = await main(argv, { cwd, stdout, stderr, interactive: false, interrupted: new Promise(() => {}) });
  return { code, stdout: stdout.text, stderr: stderr.text };
}
