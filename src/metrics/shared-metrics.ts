import type { Redis } from "ioredis";
import type { CallCounter } from "../telegram/http.js";
import { redisScript } from "../util/redis-script.js";

/** Upper bounds (seconds) of the job-duration histogram's buckets. */
export const JOB_SECONDS_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60] as const;

/**
 * How long a process keeps what it counted before adding it to Redis. /metrics is scraped every
 * 15 s or more; the process that serves it first adds its own counts (see `read` below).
 */
export const METRICS_FLUSH_MS = 1000;
/** The longest a clean stop waits for the last counts to reach Redis. */
const CLOSE_WAIT_MS = 2000;

/**
 * KEYS: the hashes to add to. ARGV, for each key in turn: the number of fields n, then n pairs of
 * field and increment. `sum` (a job hash's total seconds) is the one field that is not an integer.
 */
const ADD_LUA = `
local a = 1
for k = 1, #KEYS do
  local n = tonumber(ARGV[a])
  a = a + 1
  for _ = 1, n do
    local f, v = ARGV[a], ARGV[a + 1]
    a = a + 2
    if f == "sum" then redis.call("HINCRBYFLOAT", KEYS[k], f, v) else redis.call("HINCRBY", KEYS[k], f, v) end
  end
end
return 1`;

/** One queue's jobs since the last flush: per bucket (cumulative, as stored), count, sum, outcomes. */
type JobTally = { buckets: number[]; count: number; sum: number; completed: number; failed: number };

export type JobDurations = { queue: string; buckets: number[]; count: number; sum: number; completed: number; failed: number };
export type BotApiCount = { bot: string; method: string; result: string; count: number };

/**
 * Counters every process adds to in Redis (beside the queues, under the same prefix), so the HTTP
 * process's /metrics reports the whole system whoever did the work: job durations per queue (a
 * cumulative histogram, as Prometheus reads one) and Bot API calls by bot, method and result.
 * Counting is in memory and the additions fire-and-forget: a metric never delays or fails the work
 * it counts.
 */
export function createSharedMetrics(deps: { redis: Redis; prefix: string; onError?: (err: Error) => void }) {
  const { redis } = deps;
  // What this process counted, added to Redis in one script call (EVALSHA) each METRICS_FLUSH_MS,
  // and when the process stops (`close`, from the core's). It was a script call per job and a
  // pipeline per turn of the event loop with Bot API calls: ~6.5 Redis commands per case in the
  // workers, each a socket write (issue 8). A process killed meanwhile loses that second's counts.
  const addAll = redisScript<unknown>(redis, "minshengAddMetrics", null, ADD_LUA);
  const jobsKey = (queue: string) => `${deps.prefix}:metrics:jobs:${queue}`;
  const botKey = `${deps.prefix}:metrics:botapi`;
  let jobs = new Map<string, JobTally>();
  let calls = new Map<string, number>();
  let timer: NodeJS.Timeout | null = null;
  let lastFlush: Promise<void> = Promise.resolve();

  /** Adds everything counted so far; resolves once Redis has it (or the addition failed: lost, as before). */
  const flush = (): Promise<void> => {
    if (timer) clearTimeout(timer);
    timer = null;
    if (jobs.size === 0 && calls.size === 0) return lastFlush;
    const keys: string[] = [];
    const args: (string | number)[] = [];
    for (const [queue, t] of jobs) {
      const fields: (string | number)[] = ["count", t.count, "sum", String(t.sum)];
      for (let i = 0; i < JOB_SECONDS_BUCKETS.length; i++) if (t.buckets[i]) fields.push(`le:${JOB_SECONDS_BUCKETS[i]}`, t.buckets[i]);
      if (t.completed) fields.push("completed", t.completed);
      if (t.failed) fields.push("failed", t.failed);
      keys.push(jobsKey(queue));
      args.push(fields.length / 2, ...fields);
    }
    if (calls.size) {
      keys.push(botKey);
      args.push(calls.size);
      for (const [field, n] of calls) args.push(field, n);
    }
    jobs = new Map();
    calls = new Map();
    lastFlush = addAll(keys.length, ...keys, ...args).then(
      () => undefined,
      (err: Error) => deps.onError?.(err),
    );
    return lastFlush;
  };
  const later = () => {
    if (timer) return;
    timer = setTimeout(() => void flush(), METRICS_FLUSH_MS);
    // Counts never keep a process alive; a clean stop flushes them (`close`).
    timer.unref();
  };
  const addCall = (field: string) => {
    calls.set(field, (calls.get(field) ?? 0) + 1);
    later();
  };

  return {
    /** One job of `queue` finished after `seconds` (completed, or failed this attempt). */
    observeJob(queue: string, seconds: number, outcome: "completed" | "failed"): void {
      let t = jobs.get(queue);
      if (!t) jobs.set(queue, (t = { buckets: JOB_SECONDS_BUCKETS.map(() => 0), count: 0, sum: 0, completed: 0, failed: 0 }));
      // Cumulative, as Prometheus reads a histogram: every bucket the duration fits.
      for (let i = 0; i < JOB_SECONDS_BUCKETS.length; i++) if (seconds <= JOB_SECONDS_BUCKETS[i]) t.buckets[i]++;
      t.count++;
      t.sum += seconds;
      t[outcome]++;
      later();
    },

    /**
     * Counts a bot's Bot API calls by method and result: "ok", Telegram's error code ("400",
     * "403", "429"…), or "network" when no answer came. Given to the Bot API fetch
     * (src/telegram/http.ts `createBotApiFetch`), which tells it of each call that went out.
     */
    botApi(bot: "citizen" | "staff"): CallCounter {
      return (method, result) => addCall(`${bot}|${method}|${result}`);
    },

    /** Adds what this process counted to Redis now (e.g. before reading the counters). */
    flush,

    /**
     * Adds what is left, at a clean stop (before the connection closes). Waits at most
     * CLOSE_WAIT_MS: with Redis away the addition would wait for its return, and counts never
     * hold up a shutdown.
     */
    async close(): Promise<void> {
      let t: NodeJS.Timeout | undefined;
      await Promise.race([flush(), new Promise<void>((r) => (t = setTimeout(r, CLOSE_WAIT_MS)))]);
      clearTimeout(t);
    },

    /** The counters of every process, this one's up to now included. */
    async jobDurations(queues: readonly string[]): Promise<JobDurations[]> {
      await flush();
      const rows = await Promise.all(queues.map((q) => redis.hgetall(jobsKey(q))));
      return queues.map((queue, i) => {
        const h = rows[i];
        const n = (k: string) => Number(h[k] ?? 0);
        return { queue, buckets: JOB_SECONDS_BUCKETS.map((le) => n(`le:${le}`)), count: n("count"), sum: n("sum"), completed: n("completed"), failed: n("failed") };
      });
    },

    async botApiCounts(): Promise<BotApiCount[]> {
      await flush();
      return Object.entries(await redis.hgetall(botKey)).map(([field, v]) => {
        const [bot, method, result] = field.split("|");
        return { bot, method, result, count: Number(v) };
      });
    },
  };
}

export type SharedMetrics = ReturnType<typeof createSharedMetrics>;
