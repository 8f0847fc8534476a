import type { Redis } from "ioredis";
import { GrammyError, type Transformer } from "grammy";
import { redisScript } from "../util/redis-script.js";

/** Upper bounds (seconds) of the job-duration histogram's buckets. */
export const JOB_SECONDS_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60] as const;

/** The buckets as the field names hold them (`le:<bound>`), passed to the script below. */
const BUCKET_ARGS = JOB_SECONDS_BUCKETS.map(String);
/** KEYS[1] the queue's hash; ARGV: seconds, outcome, then each bucket bound (cumulative: every bucket the duration fits). */
const OBSERVE_JOB_LUA = `
local s = tonumber(ARGV[1])
for i = 3, #ARGV do
  if s <= tonumber(ARGV[i]) then redis.call("HINCRBY", KEYS[1], "le:" .. ARGV[i], 1) end
end
redis.call("HINCRBY", KEYS[1], "count", 1)
redis.call("HINCRBYFLOAT", KEYS[1], "sum", ARGV[1])
redis.call("HINCRBY", KEYS[1], ARGV[2], 1)
return 1`;

export type JobDurations = { queue: string; buckets: number[]; count: number; sum: number; completed: number; failed: number };
export type BotApiCount = { bot: string; method: string; result: string; count: number };

/**
 * Counters every process adds to in Redis (beside the queues, under the same prefix), so the HTTP
 * process's /metrics reports the whole system whoever did the work: job durations per queue (a
 * cumulative histogram, as Prometheus reads one) and Bot API calls by bot, method and result. The
 * additions are fire-and-forget: a metric never delays or fails the work it counts.
 */
export function createSharedMetrics(deps: { redis: Redis; prefix: string; onError?: (err: Error) => void }) {
  const { redis } = deps;
  // One script call per job (EVALSHA; ioredis loads it when Redis lacks it) instead of a MULTI of up
  // to 17 commands: every job of every queue counts itself, and building those commands was 2.6% of
  // the workers' CPU in the pipeline bench. The same fields, as atomically.
  const observeJob = redisScript<unknown>(redis, "minshengObserveJob", 1, OBSERVE_JOB_LUA);
  const jobsKey = (queue: string) => `${deps.prefix}:metrics:jobs:${queue}`;
  const botKey = `${deps.prefix}:metrics:botapi`;
  const quietly = (p: Promise<unknown>) => void p.catch((err: Error) => deps.onError?.(err));

  // Calls counted in this turn of the event loop go to Redis together, one HINCRBY per field at the
  // end of it: under load a bots process makes hundreds of calls a second, and a command each was a
  // Redis round trip's CPU per call. A process killed meanwhile loses that one turn's counts.
  let calls = new Map<string, number>();
  const flushCalls = () => {
    const batch = calls;
    calls = new Map();
    const m = redis.pipeline();
    for (const [field, n] of batch) m.hincrby(botKey, field, n);
    quietly(m.exec());
  };
  const addCall = (field: string) => {
    if (calls.size === 0) setImmediate(flushCalls);
    calls.set(field, (calls.get(field) ?? 0) + 1);
  };

  return {
    /** One job of `queue` finished after `seconds` (completed, or failed this attempt). */
    observeJob(queue: string, seconds: number, outcome: "completed" | "failed"): void {
      quietly(observeJob(jobsKey(queue), String(seconds), outcome, ...BUCKET_ARGS));
    },

    /**
     * A grammY API transformer counting each call by method and result: "ok", Telegram's error
     * code ("400", "403", "429"…), or "network" when no answer came. Install it innermost (first),
     * so each retry is a call of its own.
     */
    botApi(bot: "citizen" | "staff"): Transformer {
      const count = (method: string, result: string) => addCall(`${bot}|${method}|${result}`);
      return async (prev, method, payload, signal) => {
        try {
          const res = await prev(method, payload, signal);
          count(method, res.ok ? "ok" : String(res.error_code));
          return res;
        } catch (err) {
          count(method, err instanceof GrammyError ? String(err.error_code) : "network");
          throw err;
        }
      };
    },

    async jobDurations(queues: readonly string[]): Promise<JobDurations[]> {
      const rows = await Promise.all(queues.map((q) => redis.hgetall(jobsKey(q))));
      return queues.map((queue, i) => {
        const h = rows[i];
        const n = (k: string) => Number(h[k] ?? 0);
        return { queue, buckets: JOB_SECONDS_BUCKETS.map((le) => n(`le:${le}`)), count: n("count"), sum: n("sum"), completed: n("completed"), failed: n("failed") };
      });
    },

    async botApiCounts(): Promise<BotApiCount[]> {
      return Object.entries(await redis.hgetall(botKey)).map(([field, v]) => {
        const [bot, method, result] = field.split("|");
        return { bot, method, result, count: Number(v) };
      });
    },
  };
}

export type SharedMetrics = ReturnType<typeof createSharedMetrics>;
