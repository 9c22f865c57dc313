import { Writable } from "node:stream";
import { pino } from "pino";
import { describe, expect, it } from "vitest";
import { createReadableLog, readableLine } from "./readable-log.ts";

describe("readable log", () => {
  it("writes each pino entry as one line: level, message and the error's message, without fields or stack", () => {
    let text = "";
    const out = new Writable({
      write(chunk, _encoding, done) {
        text += String(chunk);
        done();
      },
    });
    const logger = pino({ level: "warn", base: { app: "cli" } }, createReadableLog(out));
    logger.warn({ mode: "development" }, "no encryption key");
    logger.info("not shown below the level");
    logger.error({ err: new Error("accounts.csv: cannot read the account columns"), jobId: "j1" }, "job failed (dead)");
    expect(text).toBe("warning: no encryption key\nerror: job failed (dead): accounts.csv: cannot read the account columns\n");
  });

  it("passes a line that is not a pino entry through as it is", () => {
    expect(readableLine("plain text")).toBe("plain text");
    expect(readableLine(JSON.stringify({ level: 60, msg: "boom", err: { message: "boom" } }))).toBe("fatal: boom");
  });
});
