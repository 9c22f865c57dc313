import { describe, expect, it } from "vitest";
import { defaultContext } from "./main.ts";

describe("defaultContext", () => {
  it("catches Ctrl-C only once a command reads `interrupted`, so the others end at once", () => {
    const before = { int: process.listeners("SIGINT"), term: process.listeners("SIGTERM") };
    const ctx = defaultContext();
    expect(process.listenerCount("SIGINT")).toBe(before.int.length);
    expect(process.listenerCount("SIGTERM")).toBe(before.term.length);

    const interrupted = ctx.interrupted;
    expect(ctx.interrupted).toBe(interrupted);
    const added = {
      int: process.listeners("SIGINT").filter((l) => !before.int.includes(l)),
      term: process.listeners("SIGTERM").filter((l) => !before.term.includes(l)),
    };
    expect(added.int).toHaveLength(1);
    expect(added.term).toHaveLength(1);
    for (const listener of added.int) process.removeListener("SIGINT", listener);
    for (const listener of added.term) process.removeListener("SIGTERM", listener);
  });
});
