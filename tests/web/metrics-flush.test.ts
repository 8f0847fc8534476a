import { afterAll, describe, expect, it } from "vitest";
import { Redis } from "ioredis";
import { createSharedMetrics, JOB_SECONDS_BUCKETS } from "../../src/metrics/shared-metrics.js";
import { testConfig } from "../helpers/env.js";

// Each process counts job durations and Bot API calls in memory and adds them to Redis about once
// a second (issue 8: a script call per job was a socket write each). What a process counted must
// still reach /metrics: at a clean stop, and at once when the process reading the counters is the
// one that counted.
const config = testConfig();
const prefix = config.QUEUE_PREFIX;
const reader = new Redis(config.REDIS_URL, { maxRetriesPerRequest: null });

afterAll(async () => {
  const keys = await reader.keys(`${prefix}:metrics:*`);
  if (keys.length) await reader.del(...keys);
  await reader.quit();
});

describe("shared metrics counted in memory", () => {
  it("adds everything counted when the process stops cleanly", async () => {
    const redis = new Redis(config.REDIS_URL, { maxRetriesPerRequest: null });
    const metrics = createSharedMetrics({ redis, prefix });
    metrics.observeJob("notify", 0.004, "completed");
    metrics.observeJob("notify", 0.3, "completed");
    metrics.observeJob("notify", 70, "failed");
    metrics.observeJob("classify", 0.02, "completed");
    const counted = metrics.botApi("staff");
    for (let i = 0; i < 3; i++) counted("sendMessage", "ok");
    await metrics.close();
    await redis.quit();

    // Read as another process (the HTTP one) would.
    const other = createSharedMetrics({ redis: reader, prefix });
    const [notify, classify] = await other.jobDurations(["notify", "classify"]);
    // Cumulative buckets: 4 ms fits every one, 0.3 s those from 0.5 s up, 70 s none (the last is 60 s).
    expect(notify.buckets).toEqual(JOB_SECONDS_BUCKETS.map((le) => (le >= 0.5 ? 2 : 1)));
    expect(notify).toMatchObject({ count: 3, completed: 2, failed: 1 });
    expect(notify.sum).toBeCloseTo(70.304, 6);
    expect(classify).toMatchObject({ count: 1, completed: 1, failed: 0, sum: 0.02 });
    expect(await other.botApiCounts()).toEqual([{ bot: "staff", method: "sendMessage", result: "ok", count: 3 }]);
  });

  it("includes the reading process's own counts", async () => {
    const metrics = createSharedMetrics({ redis: reader, prefix });
    const [before] = await metrics.jobDurations(["route"]);
    metrics.observeJob("route", 0.01, "completed");
    const [after] = await metrics.jobDurations(["route"]);
    expect(after.count).toBe(before.count + 1);
    expect(after.buckets[JOB_SECONDS_BUCKETS.indexOf(0.01)]).toBe(before.buckets[JOB_SECONDS_BUCKETS.indexOf(0.01)] + 1);
    await metrics.close();
  });
});
