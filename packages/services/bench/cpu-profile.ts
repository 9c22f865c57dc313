import { writeFileSync } from "node:fs";
import { Session } from "node:inspector/promises";

/**
 * Runs `fn`; when MUTUAL_BENCH_CPU_PROFILE=FILE is set, writes a CPU profile of just that call there (open it
 * in Chrome DevTools). For benchmarks that measure one step after a long setup.
 */
export async function withCpuProfile<T>(fn: () => Promise<T>): Promise<T> {
  const file = process.env.MUTUAL_BENCH_CPU_PROFILE;
  if (!file) return fn();
  const session = new Session();
  session.connect();
  await session.post("Profiler.enable");
  await session.post("Profiler.start");
  try {
    return await fn();
  } finally {
    const { profile } = await session.post("Profiler.stop");
    writeFileSync(file, JSON.stringify(profile));
    session.disconnect();
  }
}
