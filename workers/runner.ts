import { UnrecoverableError, Worker, type Job } from "bullmq";
import type { Core } from "../src/core.js";
import { payloadSchemas, type QueueName } from "../src/queues/definitions.js";
import { createClassifyProcessor } from "./classify.js";
import { createRouteProcessor } from "./route.js";
import { createNotifyProcessor } from "./notify.js";
import { createMaintenanceProcessor } from "./maintenance.js";
import { createDeadlinesProcessor } from "./deadlines.js";
import { createJobOutcomes } from "./job-outcomes.js";

/**
 * Jobs each workers process runs at once, per queue. The hot statements of concurrent jobs share
 * round trips (src/db/batched.ts: case and notice reads, guarded changes, delivery intents and
 * outcomes, completions), so more jobs in flight make fewer statements a case, not more load:
 * `bench:pipeline`, same machine and load, alternated runs: 8/8/16/8 → 72.6 cases/s, 9.4 SQL
 * round trips and 8.9 ms of CPU a case, Postgres 8.3 ms; all 32 → 120–127 cases/s, 5.3 round trips,
 * 7.4–7.5 ms, Postgres 3.7–4.2 ms; all 64 → 143–145 cases/s, 3.6 round trips, 6.5 ms, but workers RSS
 * 190–212 MB (the target is 200) and a latency p99 at 50/s of 151–420 ms; 128 → slower again
 * (120 cases/s, 211 MB). Telegram's budgets are kept by the pace whatever the concurrency.
 * Session 11 (the look-alike searches batched too, a faster machine), classify and notify at
 * 32 / 64 / 96 / 128 / 256, full runs: 224–239 / 237–261 / 248–262 / 266–297 / 263 cases/s, SQL
 * round trips 3.5–3.7 / 2.5–2.6 / 2.0–2.6 / 2.1–2.3 / 2.4 a case, workers RSS peak 196–200 /
 * 194–200 / 203–215 / 202–215 / 206 MB. 64 is the most that kept the workers within 200 MB.
 * Session 12 (a slow, noisy machine: ceiling 436–710), with the workers' wasm kept to V8's baseline
 * compiler (`--liftoff-only` in start:workers, ~6 MB less RSS), four alternated full runs each:
 * 64 → 19–20% of the ceiling, 2.5–2.8 round trips, RSS peak 191–207 MB; 128 → 23–26.5%, 2.2–2.5
 * round trips, 193–210 MB (the code before, 64 without the flag: 19–26%, 2.5–2.7, 198–215 MB).
 */
const CONCURRENCY: Record<QueueName, number> = { classify: 128, route: 32, notify: 128, deadlines: 32, maintenance: 1 };

/**
 * BullMQ applies `queue.rateLimit` (how an outage pauses a queue) only to workers that have a
 * limiter; this one never limits by itself.
 */
const OUTAGE_LIMITER = { max: 1_000_000, duration: 1000 };
/**
 * Notify jobs start at most TELEGRAM_BOT_MESSAGES_PER_SECOND (25) a second across every workers
 * process (BullMQ's limiter lives in Redis); each message in a job then waits for its own slot in
 * the bot's and the chat's budget (src/telegram/pace.ts), which the bots' own replies share. It
 * follows the bot's budget, so a benchmark that lifts Telegram's pace against its fake Bot API
 * measures the workers, not a fixed 25 jobs a second (which had held them at ~12 cases a second:
 * a case makes two notify jobs).
 */
const notifyLimiter = (messagesPerSecond: number) => ({ max: Math.max(1, Math.floor(messagesPerSecond)), duration: 1000 });

/**
 * A killed process's jobs come back after their lock expires; a job whose process died on it this
 * many times fails for good (and is recorded as such) instead of killing processes forever.
 */
// A lock is renewed every LOCK_MS / 2, so a dead process's job is back in the queue at most
// LOCK_MS + 2 × STALLED_CHECK_MS after the kill (BullMQ moves a job on the second check that finds
// it unlocked): 20 s, inside the 30 s the fault suite allows. Nothing in a worker blocks its event
// loop for anywhere near LOCK_MS (retraining the classifier is the longest; see maintenance.ts).
const LOCK_MS = 10_000;
const STALLED_CHECK_MS = 5_000;
const MAX_STALLED = 5;

/**
 * Starts one BullMQ worker per queue. Every payload is validated first: a malformed job fails for
 * good (UnrecoverableError) instead of retrying forever. What an error does to a job is decided in
 * job-outcomes.ts (outages are waited out, 429s delayed, real failures recorded).
 */
export function startWorkers(core: Core, only: QueueName[] = Object.keys(payloadSchemas) as QueueName[]) {
  const processors: Record<QueueName, (job: Job) => Promise<void>> = {
    classify: createClassifyProcessor(core),
    route: createRouteProcessor(core),
    notify: createNotifyProcessor(core),
    deadlines: createDeadlinesProcessor(core),
    maintenance: createMaintenanceProcessor(core),
  };
  const outcomes = createJobOutcomes(core);
  const workers = only.map((name) => {
    const worker: Worker = new Worker(
      name,
      async (job: Job, token?: string) => {
        const started = performance.now();
        // Job durations per queue (issue 13, "Operations"), counted in Redis for /metrics.
        const observe = (outcome: "completed" | "failed") => core.metrics.observeJob(name, (performance.now() - started) / 1000, outcome);
        try {
          const parsed = payloadSchemas[name].safeParse(job.data);
          if (!parsed.success) throw new UnrecoverableError(`invalid ${name} payload: ${parsed.error.issues[0]?.message}`);
          job.data = parsed.data;
          await processors[name](job);
          // Done for good: the sweep will not put this outbox row in again.
          await core.outbox.complete((parsed.data as { outboxId?: number }).outboxId);
        } catch (err) {
          observe("failed");
          return outcomes.failed(worker, job, token, err);
        }
        observe("completed");
        outcomes.succeeded(name);
      },
      {
        connection: core.redis,
        prefix: core.config.QUEUE_PREFIX,
        concurrency: CONCURRENCY[name],
        limiter: name === "notify" ? notifyLimiter(core.config.TELEGRAM_BOT_MESSAGES_PER_SECOND) : OUTAGE_LIMITER,
        lockDuration: LOCK_MS,
        stalledInterval: STALLED_CHECK_MS,
        maxStalledCount: MAX_STALLED,
      },
    );
    worker.on("failed", (job, err) => {
      core.logger.warn({ queue: name, jobId: job?.id, attempts: job?.attemptsMade, err: err.message }, "job failed");
      void outcomes.failedByQueue(job, err);
    });
    worker.on("error", (err) => core.logger.error({ queue: name, err: err.message }, "worker error"));
    return worker;
  });

  const upsert = (id: string, pattern: string, task: "digest" | "retrain" | "retention") =>
    core.queues.maintenance.upsertJobScheduler(id, { pattern, tz: "Asia/Shanghai" }, { name: task, data: { task } });

  return {
    workers,
    /**
     * The recurring jobs, from the code and config (idempotent, whatever the number of processes):
     * the supervisors' morning digest (the job skips non-working days, 调休 included) and the
     * nightly retraining, both Asia/Shanghai. Run at start and whenever Redis lost its data. The
     * sweep is not among them: it runs from a timer (upkeep.ts), so it cannot be lost with Redis.
     */
    async ensureSchedulers() {
      await upsert("digest", core.config.DIGEST_CRON, "digest");
      await upsert("retrain", core.config.RETRAIN_CRON, "retrain");
      // Personal data past its retention period goes, daily (src/privacy; PIPL art. 19).
      await upsert("retention", "30 4 * * *", "retention");
      await core.queues.maintenance.removeJobScheduler("sweep");
    },
    /**
     * Stops taking jobs and waits up to `graceMs` for running ones. Jobs still running then are
     * left to their lock: when it expires another process takes them (a notify job re-sends only
     * what was in flight). No job sleeps in a worker slot, so this normally returns at once.
     */
    async close(graceMs = 8000) {
      let timer: NodeJS.Timeout | undefined;
      const late = await Promise.race([
        Promise.all(workers.map((w) => w.close())).then(() => false),
        new Promise<boolean>((r) => (timer = setTimeout(() => r(true), graceMs))),
      ]);
      clearTimeout(timer);
      if (late) core.logger.warn({ graceMs }, "jobs still running at shutdown; they return to their queue when their lock expires");
    },
  };
}
