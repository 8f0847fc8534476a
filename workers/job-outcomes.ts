import { DelayedError, UnrecoverableError, Worker, type Job } from "bullmq";
import type { Core } from "../src/core.js";
import { judge, PaceError, type Verdict } from "../src/queues/job-errors.js";
import type { QueueName } from "../src/queues/definitions.js";

/** The first wait after an outage is seen; it doubles up to OUTAGE_BACKOFF_MAX_MS. */
const OUTAGE_FIRST_WAIT_MS = 250;

/**
 * Decides what a processor's error does to its job (see `judge`):
 * - a dependency outage rate-limits the whole queue for a while and puts the job back to wait
 *   (BullMQ's RateLimitError): no attempt is used, and processing resumes by itself once the
 *   dependency answers, the waits doubling while it does not;
 * - Telegram's 429 moves the job to delayed for retry_after (no attempt used, no worker slot held);
 * - a permanent failure, or an ordinary one on its last attempt, is recorded for good (outbox row,
 *   case, admin alert) before BullMQ marks the job failed.
 */
export function createJobOutcomes(core: Core) {
  const outages = new Map<string, number>();

  async function waitOut(worker: Worker, v: Extract<Verdict, { kind: "outage" }>): Promise<never> {
    const n = (outages.get(worker.name) ?? 0) + 1;
    outages.set(worker.name, n);
    const ms = Math.min(core.config.OUTAGE_BACKOFF_MAX_MS, OUTAGE_FIRST_WAIT_MS * 2 ** Math.min(n - 1, 20));
    if (n === 1 || n % 20 === 0) core.logger.warn({ queue: worker.name, dependency: v.dependency, err: v.message, waitMs: ms, times: n }, "dependency unavailable; waiting");
    // Worker.rateLimit is deprecated in favour of the queue's (the same limiter key).
    await core.queues[worker.name as QueueName].rateLimit(ms);
    throw Worker.RateLimitError();
  }

  async function record(job: Job, reason: string): Promise<void> {
    const data = (job.data ?? {}) as { outboxId?: unknown; caseId?: unknown; type?: unknown };
    const id = (x: unknown) => (typeof x === "number" && Number.isInteger(x) && x > 0 ? x : undefined);
    await core.failures.failJob({
      queue: job.queueName,
      jobId: job.id,
      outboxId: id(data.outboxId),
      caseId: id(data.caseId),
      reason,
      // An alert that cannot be delivered is logged, not alerted about.
      alert: !(job.queueName === "notify" && data.type === "admin_alert"),
    });
  }

  return {
    /** A job finished: the queue's dependencies answer again. */
    succeeded(queue: string) {
      if (outages.delete(queue)) core.logger.info({ queue }, "dependencies answer again; processing resumed");
    },

    /** Never returns: throws what tells BullMQ where the job goes next. */
    async failed(worker: Worker, job: Job, token: string | undefined, err: unknown): Promise<never> {
      if (err instanceof PaceError) {
        // The bot's budget is spent: the whole queue waits (BullMQ's limiter, shared by every
        // workers process). One chat's budget is spent: only this job waits. No attempt is used.
        if (err.by === "bot") {
          await core.queues[worker.name as QueueName].rateLimit(err.waitMs);
          throw Worker.RateLimitError();
        }
        await job.moveToDelayed(Date.now() + err.waitMs, token);
        throw new DelayedError();
      }
      const v = judge(err);
      if (v.kind === "outage") return waitOut(worker, v);
      if (v.kind === "flood") {
        await job.moveToDelayed(Date.now() + v.retryAfterMs, token);
        throw new DelayedError();
      }
      const final = v.kind === "permanent" || job.attemptsMade + 1 >= (job.opts.attempts ?? 1);
      if (final) {
        try {
          await record(job, v.kind === "permanent" ? v.reason : v.message);
        } catch (recordErr) {
          // Postgres went away while recording: wait it out, the job comes back and fails again.
          const r = judge(recordErr);
          if (r.kind === "outage") return waitOut(worker, r);
          throw recordErr;
        }
      }
      throw v.kind === "permanent" && !(err instanceof UnrecoverableError) ? new UnrecoverableError(v.reason) : err;
    },

    /** BullMQ failed a job by itself (it stalled too often: the process died on it each time). */
    async failedByQueue(job: Job | undefined, err: Error): Promise<void> {
      if (!job || !/stalled more than allowable limit|started more than allowable limit/.test(err.message)) return;
      await record(job, err.message).catch((e) => core.logger.error({ err: e, jobId: job.id }, "could not record a stalled job's failure"));
    },
  };
}
