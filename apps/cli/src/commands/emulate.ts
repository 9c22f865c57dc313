import { AppError } from "@mutual/core";
import { generateHubSpotSeed, startHubSpotEmulator, startSalesforceEmulator } from "@mutual/emulators";
import { parseCommandArgs, requireOption } from "../args.ts";
import type { Command, CommandContext } from "./types.ts";

export interface EmulateOptions {
  port: number;
  accounts: number;
  opportunities: number | undefined;
  seed: number;
}

/** A running emulator: the one JSON line to print (how to connect) and how to stop it. */
export interface RunningEmulator {
  connection: Record<string, string>;
  close(): Promise<void>;
}

/** One entry per CRM; add a provider by adding a starter here. */
export const EMULATORS: Record<string, (options: EmulateOptions) => Promise<RunningEmulator>> = {
  salesforce: async (options) => {
    const emulator = await startSalesforceEmulator({
      port: options.port,
      accounts: options.accounts,
      opportunities: options.opportunities,
      seed: options.seed,
    });
    const { clientId, clientSecret, username, password } = emulator.credentials;
    return { connection: { loginUrl: emulator.url, clientId, clientSecret, username, password }, close: () => emulator.close() };
  },
  // HubSpot: --companies/--deals are the HubSpot names of --accounts/--opportunities.
  hubspot: async (options) => {
    const seed = generateHubSpotSeed({ companies: options.accounts, deals: options.opportunities, seed: options.seed });
    const emulator = await startHubSpotEmulator({ port: options.port, seed });
    return { connection: { basePath: emulator.basePath, accessToken: emulator.accessToken }, close: () => emulator.close() };
  },
};

function parseCount(name: string, value: string | undefined, fallback: number | undefined): number | undefined {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0) throw new AppError("invalid_input", `--${name} expects a non-negative integer, got '${value}'`);
  return n;
}

export const emulateCommand: Command = {
  name: "emulate",
  summary: "Run a CRM API emulator on 127.0.0.1 with a seeded, realistic org.",
  usage: `emulate <${Object.keys(EMULATORS).join("|")}> --port P [--accounts N] [--opportunities N] [--seed S]`,
  async run(args: string[], ctx: CommandContext): Promise<number> {
    const [provider, ...rest] = args;
    const start = provider ? EMULATORS[provider] : undefined;
    if (!start) {
      throw new AppError("invalid_input", `expected one of ${Object.keys(EMULATORS).join(", ")}, got '${provider ?? ""}'. Run 'mutual help emulate' for usage.`);
    }
    const { values } = parseCommandArgs("emulate", rest, {
      port: { type: "string" },
      accounts: { type: "string" },
      opportunities: { type: "string" },
      seed: { type: "string" },
      companies: { type: "string" },
      deals: { type: "string" },
    });
    const port = parseCount("port", requireOption("emulate", "port", values.port), 0) as number;
    if (port > 65535) throw new AppError("invalid_input", `--port must be at most 65535, got ${port}`);
    let running: RunningEmulator;
    try {
      running = await start({
        port,
        accounts: parseCount("accounts", values.accounts ?? values.companies, 1000) as number,
        opportunities: parseCount("opportunities", values.opportunities ?? values.deals, undefined),
        seed: parseCount("seed", values.seed, 1) as number,
      });
    } catch (error) {
      if ((error as { code?: string }).code === "EADDRINUSE") throw new AppError("invalid_input", `port ${port} is already in use`, { cause: error });
      throw error;
    }
    ctx.stdout.write(`${JSON.stringify(running.connection)}\n`);
    await ctx.interrupted;
    await running.close();
    return 0;
  },
};
