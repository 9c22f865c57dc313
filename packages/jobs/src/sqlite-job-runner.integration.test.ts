import { AppError } from "@mutual/core";
import { openDatabase } from "@mutual/db";
import type { Database } from "@mutual/db";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createManualClock } from "./clock.ts";
import { createJobWorker } from "./job-worker.ts";
import type { JobRunner } from "./job-runner.ts";
import { createSqliteJobRunner } from "./sqlite-job-runner.ts";

const T0 = new Date("2026-11-20T10:00:00.000Z");
const silentLogger = { info: () => {}, warn: () => {}, error: () => {} };

describe("SQLite job runner", () => {
  let database: Database;
  let clock: ReturnType<typeof createManualClock>;
  let runner: JobRunner;

  beforeEach(() => {
    database = openDatabase({ file: ":memory:" });
    clock = createManualClock(T0);
    // random() = 0 gives the full exponential delay, so backoff is predictable.
    runner = createSqliteJobRunner({ db: database.db, clock, leaseMs: 30_000, maxAttempts: 3, backoff: { baseMs: 1_000, jitter: 0.5 }, random: () => 0 });
  });
  afterEach(() => database.close());

  it("enqueues idempotently by queue and key", async () => {
    const first = await runner.enqueue({ queue: "sync", payload: { connectionId: "c1" }, idempotencyKey: "k1" });
    const second = await runner.enqueue({ queue: "sync", payload: { connectionId: "other" }, idempotencyKey: "k1" });
    const otherQueue = await runner.enqueue({ queue: "mail", payload: {}, idempotencyKey: "k1" });
    const noKey = [await runner.enqueue({ queue: "sync", payload: 1 }), await runner.enqueue({ queue: "sync", payload: 2 })];
    expect(first.created).toBe(true);
    expect(second).toEqual({ job: first.job, created: false });
    expect(second.job.payload).toEqual({ connectionId: "c1" });
    expect(otherQueue.created).toBe(true);
    expect(noKey.every((r) => r.created)).toBe(true);
    expect(await runner.listJobs({ queue: "sync" })).toHaveLength(3);
  });

  it("leases only due jobs, one worker at a time", async () => {
    await runner.enqueue({ queue: "sync", payload: "later", runAt: new Date(T0.getTime() + 60_000) });
    const { job } = await runner.enqueue({ queue: "sync", payload: "now" });
    const [leased] = await runner.lease({ queues: ["sync"], workerId: "w1", limit: 5 });
    expect(leased).toMatchObject({ id: job.id, state: "running", attempts: 1 });
    expect(await runner.lease({ queues: ["sync"], workerId: "w2", limit: 5 })).toEqual([]);
    expect(await runner.complete(leased!)).toBe(true);
    clock.advance(60_000);
    const [later] = await runner.lease({ queues: ["sync"], workerId: "w2" });
    expect(later?.payload).toBe("later");
  });

  it("runs jobs sharing a concurrency key one at a time across workers, and from schedules too", async () => {
    const scheduled = await runner.upsertSchedule({ name: "sync:c1", queue: "sync", payload: { connectionId: "c1" }, concurrencyKey: "connection:c1", cadence: "every_15_minutes" });
    expect(scheduled.concurrencyKey).toBe("connection:c1");
    const manual = await runner.enqueue({ queue: "sync", payload: "manual c1", concurrencyKey: "connection:c1" });
    const other = await runner.enqueue({ queue: "sync", payload: "c2", concurrencyKey: "connection:c2" });
    clock.advance(15 * 60_000);
    const [fromSchedule] = await runner.enqueueDueSchedules();
    expect(fromSchedule).toMatchObject({ concurrencyKey: "connection:c1" });

    // Two workers, one pass each: one job per key, the other c1 job waits.
    const first = await runner.lease({ queues: ["sync"], workerId: "w1", limit: 5 });
    const second = await runner.lease({ queues: ["sync"], workerId: "w2", limit: 5 });
    expect(first.map((job) => job.id)).toEqual([manual.job.id, other.job.id]);
    expect(second).toEqual([]);

    // Finished: the key is free. A holder whose worker dies frees it when its lease expires, and
    // resumes before the waiting job.
    expect(await runner.complete(first[0]!)).toBe(true);
    const [next] = await runner.lease({ queues: ["sync"], workerId: "w2", limit: 5 });
    expect(next).toMatchObject({ id: fromSchedule!.id, concurrencyKey: "connection:c1" });
    const third = await runner.enqueue({ queue: "sync", payload: "manual c1 again", concurrencyKey: "connection:c1" });
    clock.advance(29_000);
    expect(await runner.lease({ queues: ["sync"], workerId: "w1", limit: 5 })).toEqual([]);
    clock.advance(2_000);
    const resumed = await runner.lease({ queues: ["sync"], workerId: "w1", limit: 5 });
    expect(resumed.map((job) => job.id).sort()).toEqual([fromSchedule!.id, other.job.id].sort());
    expect(resumed.find((job) => job.id === fromSchedule!.id)).toMatchObject({ attempts: 2 });
    expect((await runner.getJob(third.job.id)).state).toBe("queued");
  });

  it("re-delivers a job whose lease expired and fences the old holder", async () => {
    await runner.enqueue({ queue: "sync", payload: {} });
    const [first] = await runner.lease({ queues: ["sync"], workerId: "w1" });
    clock.advance(20_000);
    expect(await runner.heartbeat(first!)).toBe(true); // lease now ends at +50 s
    clock.advance(29_000);
    expect(await runner.lease({ queues: ["sync"], workerId: "w2" })).toEqual([]);
    clock.advance(2_000); // the worker died: no heartbeat
    const [second] = await runner.lease({ queues: ["sync"], workerId: "w2" });
    expect(second).toMatchObject({ id: first!.id, attempts: 2 });
    expect(second!.leaseToken).not.toBe(first!.leaseToken);
    // The first worker wakes up: its heartbeat, completion and failure are refused.
    expect(await runner.heartbeat(first!)).toBe(false);
    expect(await runner.complete(first!)).toBe(false);
    expect(await runner.fail(first!, new Error("late"))).toEqual({ state: "lease_lost" });
    expect(await runner.complete(second!, { ok: true })).toBe(true);
    expect((await runner.getJob(first!.id)).state).toBe("succeeded");
  });

  it("retries with exponential backoff, then dead-letters after maxAttempts", async () => {
    const { job } = await runner.enqueue({ queue: "sync", payload: {} });
    const retryDelays: number[] = [];
    for (let attempt = 1; attempt <= 3; attempt += 1) {
      const [leased] = await runner.lease({ queues: ["sync"], workerId: "w1" });
      expect(leased?.attempts).toBe(attempt);
      const outcome = await runner.fail(leased!, new Error(`boom ${attempt}`));
      if (outcome.state === "queued") {
        retryDelays.push(outcome.retryAt.getTime() - clock.now().getTime());
        // Not due before the backoff elapses.
        clock.advance(outcome.retryAt.getTime() - clock.now().getTime() - 1);
        expect(await runner.lease({ queues: ["sync"], workerId: "w1" })).toEqual([]);
        clock.advance(1);
      } else {
        expect(outcome.state).toBe("dead");
      }
    }
    expect(retryDelays).toEqual([1_000, 2_000]);
    const dead = await runner.getJob(job.id);
    expect(dead).toMatchObject({ state: "dead", attempts: 3, lastError: "boom 3" });
    expect(await runner.listJobs({ state: "dead" })).toHaveLength(1);
  });

  it("applies jitter within the configured share", async () => {
    const jittery = createSqliteJobRunner({ db: database.db, clock, backoff: { baseMs: 1_000, jitter: 0.5 }, random: () => 1 });
    await jittery.enqueue({ queue: "sync", payload: {} });
    const [leased] = await jittery.lease({ queues: ["sync"], workerId: "w1" });
    const outcome = await jittery.fail(leased!, new Error("boom"));
    expect(outcome.state === "queued" && outcome.retryAt.getTime() - T0.getTime()).toBe(500);
  });

  it("dead-letters permanent errors at once and expired leases out of attempts", async () => {
    await runner.enqueue({ queue: "sync", payload: "bad" });
    const [bad] = await runner.lease({ queues: ["sync"], workerId: "w1" });
    expect(await runner.fail(bad!, new AppError("invalid_input", "no such connection"))).toEqual({ state: "dead" });

    const { job } = await runner.enqueue({ queue: "crashy", payload: {}, maxAttempts: 2 });
    for (let i = 0; i < 2; i += 1) {
      expect(await runner.lease({ queues: ["crashy"], workerId: "w1" })).toHaveLength(1);
      clock.advance(31_000); // the worker is killed every time
    }
    expect(await runner.lease({ queues: ["crashy"], workerId: "w1" })).toEqual([]);
    expect(await runner.getJob(job.id)).toMatchObject({ state: "dead", lastError: "lease expired" });
  });

  it("enqueues one job per schedule slot, aligned to the cadence", async () => {
    clock.set(new Date("2026-11-20T10:07:00.000Z"));
    const schedule = await runner.upsertSchedule({ name: "sync:c1", queue: "sync", payload: { connectionId: "c1" }, cadence: "every_15_minutes" });
    expect(schedule.nextRunAt.toISOString()).toBe("2026-11-20T10:15:00.000Z");
    expect(await runner.enqueueDueSchedules()).toEqual([]);
    clock.set(new Date("2026-11-20T10:15:00.000Z"));
    const first = await runner.enqueueDueSchedules();
    expect(first).toHaveLength(1);
    expect(first[0]).toMatchObject({ queue: "sync", payload: { connectionId: "c1" }, idempotencyKey: "schedule:sync:c1:2026-11-20T10:15:00.000Z" });
    expect(await runner.enqueueDueSchedules()).toEqual([]);
    // A worker down for an hour catches up with one job, not four.
    clock.set(new Date("2026-11-20T11:20:00.000Z"));
    expect(await runner.enqueueDueSchedules()).toHaveLength(1);
    const [after] = await runner.listSchedules();
    expect(after?.nextRunAt.toISOString()).toBe("2026-11-20T11:30:00.000Z");
    await runner.upsertSchedule({ name: "daily", queue: "report", payload: null, cadence: "daily" });
    expect((await runner.listSchedules()).find((s) => s.name === "daily")?.nextRunAt.toISOString()).toBe("2026-11-21T00:00:00.000Z");
    await expect(runner.upsertSchedule({ name: "x", queue: "q", payload: null, cadence: "fortnightly" })).rejects.toThrow(/unknown cadence/);
  });

  it("runs a schedule now on demand, deduping a repeated request", async () => {
    await runner.upsertSchedule({ name: "sync:c1", queue: "sync", payload: { connectionId: "c1" }, cadence: "hourly" });
    const a = await runner.runScheduleNow("sync:c1", { requestId: "click-1" });
    const b = await runner.runScheduleNow("sync:c1", { requestId: "click-1" });
    const c = await runner.runScheduleNow("sync:c1");
    expect([a.created, b.created, c.created]).toEqual([true, false, true]);
    expect(a.job.runAt).toEqual(T0);
    await expect(runner.runScheduleNow("missing")).rejects.toMatchObject({ code: "not_found" });
  });

  it("worker runs handlers, retries failures and dead-letters", async () => {
    const seen: string[] = [];
    let failuresLeft = 1;
    const worker = createJobWorker({
      runner,
      workerId: "w1",
      logger: silentLogger,
      handlers: {
        sync: async (job) => {
          seen.push(`${String(job.payload)}#${job.attempts}`);
          if (job.payload === "flaky" && failuresLeft-- > 0) throw new Error("transient");
          if (job.payload === "broken") throw new AppError("invalid_data", "cannot parse");
          return { done: job.payload };
        },
      },
    });
    await runner.enqueue({ queue: "sync", payload: "ok" });
    await runner.enqueue({ queue: "sync", payload: "flaky" });
    await runner.enqueue({ queue: "sync", payload: "broken" });
    const first = await worker.drain();
    expect(first.map((o) => o.outcome)).toEqual(["succeeded", "queued", "dead"]);
    clock.advance(1_000);
    const second = await worker.drain();
    expect(second.map((o) => o.outcome)).toEqual(["succeeded"]);
    expect(seen).toEqual(["ok#1", "flaky#1", "broken#1", "flaky#2"]);
  });

  it("worker keeps polling when an outcome cannot be recorded; the job runs again after its lease", async () => {
    let failRecording = true;
    const flakyRunner: JobRunner = {
      ...runner,
      fail: async (...args) => {
        if (failRecording) {
          failRecording = false;
          throw new Error("database is locked");
        }
        return runner.fail(...args);
      },
    };
    const errors: string[] = [];
    let attempts = 0;
    const stop = new AbortController();
    const worker = createJobWorker({
      runner: flakyRunner,
      workerId: "w1",
      pollMs: 5,
      logger: {
        ...silentLogger,
        error: (_fields: object, message: string) => {
          errors.push(message);
          clock.advance(30_000); // the unrecorded job's lease expires
        },
      },
      handlers: {
        sync: async () => {
          attempts += 1;
          if (attempts === 1) throw new Error("transient");
          stop.abort();
          return "done";
        },
      },
    });
    const { job } = await runner.enqueue({ queue: "sync", payload: "x" });
    await worker.run(stop.signal);
    expect(errors).toEqual(["job worker could not lease or record a job; retrying"]);
    expect(attempts).toBe(2);
    expect((await runner.getJob(job.id)).state).toBe("succeeded");
  });
});
