import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { KeyTable } from "./key-table.ts";

type Operation =
  | { kind: "set" | "add"; key: string; value: number }
  | { kind: "delete" | "increment"; key: string }
  | { kind: "reserve"; extra: number };

// Few distinct keys, so operations hit the same keys often; some share a hash bucket by chance.
const keyArbitrary = fc.oneof(fc.constantFrom("", "a", "b", "acme.com", "acme", "é", "a\u0000b"), fc.string({ maxLength: 4 }));
const operationArbitrary: fc.Arbitrary<Operation> = fc.oneof(
  fc.record({ kind: fc.constant("set" as const), key: keyArbitrary, value: fc.integer() }),
  fc.record({ kind: fc.constant("delete" as const), key: keyArbitrary }),
  fc.record({ kind: fc.constant("add" as const), key: keyArbitrary, value: fc.integer() }),
  fc.record({ kind: fc.constant("increment" as const), key: keyArbitrary }),
  fc.record({ kind: fc.constant("reserve" as const), extra: fc.nat({ max: 100 }) }),
);

const increment = (value: number | undefined, by: number) => (value ?? 0) + by;

describe("KeyTable", () => {
  it("holds what a Map holds after any sequence of sets, adds, upserts, reserves and deletes", () => {
    fc.assert(
      fc.property(fc.array(operationArbitrary, { maxLength: 300 }), (operations) => {
        const table = new KeyTable<number>();
        const map = new Map<string, number>();
        for (const operation of operations) {
          switch (operation.kind) {
            case "set":
              table.set(operation.key, operation.value);
              map.set(operation.key, operation.value);
              break;
            case "add": {
              const absent = !map.has(operation.key);
              expect(table.add(operation.key, operation.value)).toBe(absent);
              if (absent) map.set(operation.key, operation.value);
              break;
            }
            case "increment":
              table.upsert(operation.key, increment, 1);
              map.set(operation.key, increment(map.get(operation.key), 1));
              break;
            case "reserve":
              table.reserve(operation.extra);
              break;
            case "delete":
              expect(table.delete(operation.key)).toBe(map.delete(operation.key));
          }
          expect(table.size).toBe(map.size);
        }
        for (const [key, value] of map) {
          expect(table.get(key)).toBe(value);
          expect(table.has(key)).toBe(true);
        }
        const sorted = (entries: Iterable<[string, number]>) => [...entries].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
        expect(sorted(table)).toEqual(sorted(map));
        expect([...table.keys()].sort()).toEqual([...map.keys()].sort());
        expect([...table.values()].sort()).toEqual([...map.values()].sort());
      }),
      { numRuns: 300 },
    );
  });

  it("iterates in insertion order through growth and keeps a deleted key's place when it is set again", () => {
    const table = new KeyTable<number>();
    const keys = Array.from({ length: 5000 }, (_, i) => `key-${(i * 7919) % 5000}`);
    keys.forEach((key, i) => table.set(key, i));
    expect([...table.keys()]).toEqual(keys);
    table.delete(keys[10]!);
    expect(table.get(keys[10]!)).toBeUndefined();
    expect(table.size).toBe(4999);
    table.set(keys[10]!, -1);
    expect([...table.keys()]).toEqual(keys);
    expect(table.get(keys[10]!)).toBe(-1);
  });

  it("drops deleted keys once most of the table is deleted, and still finds the rest", () => {
    const table = new KeyTable<number>();
    for (let i = 0; i < 10_000; i++) table.set(`k${i}`, i);
    for (let i = 0; i < 9_000; i++) table.delete(`k${i}`);
    expect(table.size).toBe(1000);
    expect([...table.keys()]).toEqual(Array.from({ length: 1000 }, (_, i) => `k${9000 + i}`));
    for (let i = 9000; i < 10_000; i++) expect(table.get(`k${i}`)).toBe(i);
    expect(table.get("k5")).toBeUndefined();
    table.set("k5", 5);
    expect(table.get("k5")).toBe(5);
    expect(table.size).toBe(1001);
  });

  it("keeps its keys and order when room is reserved, and fills the reserved room without growing", () => {
    const table = new KeyTable<number>();
    for (let i = 0; i < 100; i++) table.set(`k${i}`, i);
    table.reserve(10_000);
    for (let i = 100; i < 10_100; i++) table.upsert(`k${i}`, increment, i);
    expect([...table.keys()]).toEqual(Array.from({ length: 10_100 }, (_, i) => `k${i}`));
    for (let i = 0; i < 10_100; i++) expect(table.get(`k${i}`)).toBe(i);
  });

  it("refuses undefined values, which mark deleted keys", () => {
    expect(() => new KeyTable<number | undefined>().set("a", undefined)).toThrow(TypeError);
    expect(() => new KeyTable<number | undefined>().add("a", undefined)).toThrow(TypeError);
    expect(() => new KeyTable<number | undefined>().upsert("a", () => undefined, 0)).toThrow(TypeError);
  });
});
