import { Session } from "node:inspector/promises";
import { writeFileSync } from "node:fs";
import { generateLists } from "./synthetic-accounts.ts";
import { createMatchIndex } from "../src/matching/match-index.ts";
const n = Number(process.argv[2] ?? 100000);
const { left, right } = generateLists(n);
const index = createMatchIndex(left, right);
const session = new Session(); session.connect();
await session.post("Profiler.enable"); await session.post("Profiler.start");
for (let round = 0; round < 5; round++) {
  const changed = left.slice(round * 1000, round * 1000 + 1000).map((r, i) => ({ ...r, name: i % 2 ? `${r.name} Group` : r.name }));
  const s = performance.now();
  const c = index.update({ left: { upsert: changed } });
  console.log("update ms", (performance.now() - s).toFixed(0), c.added.length, c.removed.length);
}
const { profile } = await session.post("Profiler.stop");
writeFileSync("/tmp/prof/update.cpuprofile", JSON.stringify(profile));
