import { generateLists } from "./synthetic-accounts.ts";
import * as score from "../src/matching/score.ts";
import { createMatchIndex } from "../src/matching/match-index.ts";
const { left, right } = generateLists(Number(process.argv[2] ?? 100000));
const s = performance.now(); const cpu0 = process.cpuUsage();
const idx = createMatchIndex(left, right) as any;
console.log("ms", performance.now() - s, "cpu", (process.cpuUsage(cpu0).user + process.cpuUsage(cpu0).system) / 1000);
let edges = 0, maxDeg = 0; for (const e of idx.edges) if (e) { edges += e.length; maxDeg = Math.max(maxDeg, e.length); }
console.log("edges", edges / 2, "maxDeg", maxDeg);
const sizes = new Map<string, number>();
for (const [k, m] of Object.entries(idx)) if (m instanceof Map && k.startsWith("by")) { let pairs = 0, big = 0; for (const p of (m as Map<string, any>).values()) { const n = typeof p === "number" ? 1 : Array.isArray(p) ? p.length : p.size; if (n <= 60) pairs += n * (n - 1) / 2; else big++; } console.log(k, (m as Map<string,any>).size, "pairs<=", pairs, "big", big); }
