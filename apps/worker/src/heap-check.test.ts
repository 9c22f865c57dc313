import { Writable } from "node:stream";
import { createOrganization, openDatabase, upsertAccounts } from "@mutual/db";
import { describe, expect, it } from "vitest";
import { heapShortfall, warnIfHeapTooSmall } from "./heap-check.ts";
import { createLogger } from "./logger.ts";

const MB = 1024 * 1024;

describe("heap check", () => {
  it("asks for more heap only when the accounts would not fit the limit", () => {
    // The bench's 6.1M accounts fit the 12 GB it runs with, not Node's default of about 4 GB.
    expect(heapShortfall(6_100_000, 12_000 * MB)).toBeUndefined();
    expect(heapShortfall(6_100_000, 4_144 * MB)).toEqual({ neededMb: 8983, limitMb: 4144 });
    expect(heapShortfall(0, 300 * MB)).toBeUndefined();
  });

  it("warns at start with the accounts the database holds and the heap flag to use", async () => {
    const { db, close } = openDatabase({ file: ":memory:" });
    try {
      await createOrganization(db, { id: "acme", name: "Acme" });
      await upsertAccounts(db, "acme", "csv", Array.from({ length: 3 }, (_, i) => ({ id: `a${i}`, name: `Account ${i}` })));
      const lines: string[] = [];
      const destination = new Writable({
        write(chunk, _encoding, done) {
          lines.push(String(chunk));
          done();
        },
      });
      const logger = createLogger({ level: "info", destination });

      warnIfHeapTooSmall(db, logger, 1024 * MB);
      expect(lines).toEqual([]);

      warnIfHeapTooSmall(db, logger, 100 * MB);
      const warning = JSON.parse(lines[0]!) as Record<string, unknown>;
      expect(warning).toMatchObject({ level: 40, accounts: 3, heapLimitMb: 100, neededMb: 257 });
      expect(warning.msg).toContain("NODE_OPTIONS=--max-old-space-size=1024");
    } finally {
      close();
    }
  });
});
