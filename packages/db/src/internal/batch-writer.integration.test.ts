import { asc } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { openDatabase } from "../database.ts";
import { organizations } from "../schema/organizations.ts";
import { createBatchWriter } from "./batch-writer.ts";

type OrgRow = { id: string; name: string; currency: string; createdAt: string };
const KEYS = ["id", "name", "currency", "createdAt"] as const;
const row = (i: number): OrgRow => ({ id: `org-${String(i).padStart(5, "0")}`, name: `Org ${i}`, currency: "EUR", createdAt: "2026-11-21T00:00:00.000Z" });

describe("createBatchWriter", () => {
  it("writes every row in order, the rest in power-of-two parts, and reuses the connection's statements", () => {
    const handle = openDatabase({ file: ":memory:" });
    try {
      const { db } = handle;
      const preparedSizes: number[] = [];
      const write = (from: number, count: number) =>
        db.transaction((tx) => {
          const writer = createBatchWriter<OrgRow>(tx, "test.organizations.insert", KEYS, (placeholderRows) => {
            preparedSizes.push(placeholderRows.length);
            return tx.insert(organizations).values(placeholderRows).prepare();
          });
          for (let i = from; i < from + count; i++) writer.add(row(i));
          writer.flush();
        });

      write(0, 1_082);
      expect(preparedSizes).toEqual([500, 64, 16, 2]);
      // Another transaction with the same sizes prepares nothing new; a new size only its own part.
      write(1_082, 582);
      write(1_664, 1);
      expect(preparedSizes).toEqual([500, 64, 16, 2, 1]);

      const stored = db.select().from(organizations).orderBy(asc(organizations.id)).all();
      expect(stored).toEqual(Array.from({ length: 1_665 }, (_, i) => row(i)));
    } finally {
      handle.close();
    }
  });

  it("keeps statements per connection: another database prepares its own", () => {
    const sizes: number[] = [];
    for (let n = 0; n < 2; n++) {
      const handle = openDatabase({ file: ":memory:" });
      try {
        const { db } = handle;
        const writer = createBatchWriter<OrgRow>(db, "test.organizations.insert", KEYS, (placeholderRows) => {
          sizes.push(placeholderRows.length);
          return db.insert(organizations).values(placeholderRows).prepare();
        });
        writer.add(row(n));
        writer.flush();
        expect(db.select().from(organizations).all()).toEqual([row(n)]);
      } finally {
        handle.close();
      }
    }
    expect(sizes).toEqual([1, 1]);
  });
});
