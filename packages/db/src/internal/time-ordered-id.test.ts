import { describe, expect, it } from "vitest";
import { timeOrderedId } from "./time-ordered-id.ts";

describe("timeOrderedId", () => {
  it("makes distinct version-7 UUIDs whose time prefix follows the clock", async () => {
    const first = Array.from({ length: 5_000 }, () => timeOrderedId());
    await new Promise((resolve) => setTimeout(resolve, 5));
    const later = timeOrderedId();
    expect(new Set([...first, later]).size).toBe(5_001);
    for (const id of [...first, later]) expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    // The first 12 hex digits are the milliseconds: an id made later sorts after every earlier one.
    const prefix = (id: string) => id.replaceAll("-", "").slice(0, 12);
    expect(first.every((id) => prefix(id) < prefix(later))).toBe(true);
    expect(Math.abs(parseInt(prefix(later), 16) - Date.now())).toBeLessThan(60_000);
  });
});
