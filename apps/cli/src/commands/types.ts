/** What a command needs from the outside world; injected so tests run commands in-process. */
export interface CommandContext {
  /** Directory relative paths are resolved against (the user's, not pnpm's). */
  cwd: string;
  stdout: NodeJS.WritableStream;
  stderr: NodeJS.WritableStream;
  /** True when progress may be drawn (stderr is a terminal). */
  interactive: boolean;
  /**
   * Resolves when the user interrupts (Ctrl-C). A command that reads it stops cleanly on it; a command that
   * never reads it ends at once on Ctrl-C (the process default).
   */
  interrupted: Promise<void>;
}

export interface Command {
  name: string;
  summary: string;
  usage: string;
  /** Returns the process exit code. */
  run(args: string[], ctx: CommandContext): Promise<number>;
}
