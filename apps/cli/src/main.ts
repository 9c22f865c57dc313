import { isAppError } from "@mutual/core";
import { COMMANDS } from "./commands/index.ts";
import type { Command, CommandContext } from "./commands/types.ts";

function printHelp(out: NodeJS.WritableStream, command?: Command): void {
  if (command) {
    out.write(`${command.summary}\n\nUsage: mutual ${command.usage}\n`);
    return;
  }
  out.write("Usage: mutual <command> [options]\n\nCommands:\n");
  for (const c of COMMANDS) out.write(`  ${c.name.padEnd(10)} ${c.summary}\n`);
  out.write("\nRun 'mutual help <command>' for a command's options.\n");
}

/** The process's context. Ctrl-C is caught only for a command that reads `interrupted` (see there). */
export function defaultContext(): CommandContext {
  let interrupted: Promise<void> | undefined;
  return {
    // pnpm runs scripts from the repo root; INIT_CWD is where the user typed the command.
    cwd: process.env.INIT_CWD ?? process.cwd(),
    stdout: process.stdout,
    stderr: process.stderr,
    interactive: Boolean(process.stderr.isTTY),
    // Signal handlers are installed on first read, by the commands that stop cleanly on them (sync --watch,
    // emulate). Any other command ends at once on Ctrl-C, even inside a long synchronous match, where a handler
    // would only run after it: files are written whole or not at all either way.
    get interrupted() {
      interrupted ??= new Promise<void>((resolve) => {
        process.once("SIGINT", () => resolve());
        process.once("SIGTERM", () => resolve());
      });
      return interrupted;
    },
  };
}

/** Runs one command line and returns the exit code; errors become one line each, never a stack trace. */
export async function main(argv: string[], ctx: CommandContext = defaultContext()): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === "help" || name === "--help" || name === "-h") {
    const topic = name === "help" ? COMMANDS.find((c) => c.name === rest[0]) : undefined;
    printHelp(ctx.stdout, topic);
    return 0;
  }
  const command = COMMANDS.find((c) => c.name === name);
  if (!command) {
    ctx.stderr.write(`mutual: unknown command '${name}'. Run 'mutual help' for the list.\n`);
    return 2;
  }
  if (rest.includes("--help") || rest.includes("-h")) {
    printHelp(ctx.stdout, command);
    return 0;
  }
  try {
    return await command.run(rest, ctx);
  } catch (error) {
    if (isAppError(error)) {
      ctx.stderr.write(`mutual ${name}: ${error.message}\n`);
      for (const line of error.details) ctx.stderr.write(`  ${line}\n`);
      return error.code === "invalid_input" || error.code === "invalid_data" ? 2 : 1;
    }
    const message = error instanceof Error ? error.message : String(error);
    ctx.stderr.write(`mutual ${name}: unexpected error: ${message}\n`);
    if (process.env.MUTUAL_DEBUG && error instanceof Error && error.stack) ctx.stderr.write(`${error.stack}\n`);
    return 1;
  }
}
