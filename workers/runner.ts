import { UnrecoverableError, Worker, type Job } from "bullmq";
import type { Core } from "../src/core.js";
import { payloadSchemas, type QueueName } from "../src/queues/definitions.js";
import { createClassifyProcessor } from "./classify.js";
import { createRouteProcessor } from "./route.js";
import { createNotifyProcessor } from "./notify.js";
import { createMaintenanceProcessor } from "./maintenance.js";
import { createDeadlinesProcessor } from "./deadlines.js";

const CONCURRENCY: Record<QueueName, number> = { classify: 8, route: 8, notify: 16, deadlines: 8, maintenance: 1 };

/**
 * Starts one BullMQ worker per queue. Every payload is validated first: a malformed job fails for
 * good (UnrecoverableError) instead of retrying forever.
 */
export function startWorkers(core: Core, only: QueueName[] = Object.keys(payloadSchemas) as QueueName[]) {
  const processors: Record<QueueName, (job: Job) => Promise<void>> = {
    classify: createClassifyProcessor(core),
    route: createRouteProcessor(core),
    notify: createNotifyProcessor(core),
    deadlines: createDeadlinesProcessor(core),
    maintenance: createMaintenanceProcessor(core),
  };
  const workers = only.map((name) => {
    const worker = new Worker(
      name,
      async (job: Job) => {
        const parsed = payloadSchemas[name].safeParse(job.data);
        if (!parsed.success) throw new UnrecoverableError(`invalid ${name} payload: ${parsed.error.issues[0]?.message}`);
        job.data = parsed.data;
        await processors[name](job);
        // Done for good: the sweep will not put this outbox row in again.
        await core.outbox.complete((parsed.data as { outboxId?: number }).outboxId);
      },
      { connection: core.redis, prefix: core.config.QUEUE_PREFIX, concurrency: CONCURRENCY[name] },
    );
    worker.on("failed", (job, err) =>
      core.logger.warn({ queue: name, jobId: job?.id, attempts: job?.attemptsMade, err: err.message }, "job failed"),
    );
    worker.on("error", (err) => core.logger.error({ queue: name, err: err.message }, "worker error"));
    return worker;
  });

  return {
    workers,
    /** Schedules the periodic sweep (idempotent: one scheduler whatever the number of processes). */
    async scheduleSweep(everySeconds: number) {
      await core.queues.maintenance.upsertJobScheduler(
        "sweep",
        { every: everySeconds * 1000 },
        { name: "sweep", data: { task: "sweep" } },
      );
    },
    /** The supervisors' morning digest (Asia/Shanghai; the job skips non-working days, 调休 included). */
    async scheduleDigest(pattern = "0 9 * * *") {
      await core.queues.maintenance.upsertJobScheduler(
        "digest",
        { pattern, tz: "Asia/Shanghai" },
        { name: "digest", data: { task: "digest" } },
      );
    },
    /** Retrains the classifier from people's labels every night (Asia/Shanghai). */
    async scheduleRetraining(pattern = "0 3 * * *") {
      await core.queues.maintenance.upsertJobScheduler(
        "retrain",
        { pattern, tz: "Asia/Shanghai" },
        { name: "retrain", data: { task: "retrain" } },
      );
    },
    /** Anonymises and deletes personal data past its retention period, daily (Asia/Shanghai). */
    async scheduleRetention(pattern = "30 4 * * *") {
      await core.queues.maintenance.upsertJobScheduler("retention", { pattern, tz: "Asia/Shanghai" }, { name: "retention", data: { task: "retention" } });
    },
    async close() {
      await Promise.all(workers.map((w) => w.close()));
    },
  };
}
