import { pino } from "pino";
import type { Logger } from "pino";

export type { Logger };

/** The worker's root logger (JSON lines on stderr); modules take `logger.child({ module })`. */
export function createLogger(options: { level: string; destination?: NodeJS.WritableStream }): Logger {
  return pino({ level: options.level, base: { app: "worker" } }, (options.destination ?? process.stderr) as pino.DestinationStream);
}
