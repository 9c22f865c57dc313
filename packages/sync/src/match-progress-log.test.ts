import { Writable } from "node:stream";
import { describe, expect, it } from "vitest";
import { pino } from "pino";
import { createMatchProgressLog } from "./match-progress-log.ts";

function capture() {
  const lines: Record<string, unknown>[] = [];
  const destination = new Writable({
    write(chunk, _encoding, done) {
      lines.push(JSON.parse(String(chunk)) as Record<string, unknown>);
      done();
    },
  });
  return { lines, logger: pino({ level: "info" }, destination) };
}

describe("match progress log", () => {
  it("says nothing for quick steps, then a line every 10 s inside a long step and one when it ends", () => {
    const { lines, logger } = capture();
    let clock = 0;
    const report = createMatchProgressLog(logger, () => clock);

    // A small list: every step over within a second.
    report({ step: "normalize", of: "org:small", done: 0, total: 10 });
    clock += 500;
    report({ step: "normalize", of: "org:small", done: 10, total: 10 });
    expect(lines).toEqual([]);

    // A million records: reports every few hundred ms for 25 s.
    report({ step: "normalize", of: "org:big", done: 0, total: 1_000_000 });
    for (let done = 16_384; done < 1_000_000; done += 16_384) {
      clock += 400;
      report({ step: "normalize", of: "org:big", done, total: 1_000_000 });
    }
    clock += 400;
    report({ step: "normalize", of: "org:big", done: 1_000_000, total: 1_000_000 });
    expect(lines.map((line) => line.msg)).toEqual([
      expect.stringMatching(/^matching: normalize org:big \d+\/1000000$/),
      expect.stringMatching(/^matching: normalize org:big \d+\/1000000$/),
      "matching: normalize org:big done",
    ]);
    expect(lines[2]).toMatchObject({ level: 30, step: "normalize", of: "org:big", done: 1_000_000, total: 1_000_000, ms: 24_800 });

    // The next step starts its own clock.
    report({ step: "index", of: "org:big", done: 0, total: 1_000_000 });
    clock += 1_000;
    report({ step: "index", of: "org:big", done: 1_000_000, total: 1_000_000 });
    expect(lines).toHaveLength(3);
  });
});
