import { Queue, Worker, type Job } from "bullmq";
import { Redis } from "ioredis";
import { DEFAULT_JOB_OPTIONS } from "../../src/queues/queues.js";

/**
 * The ceiling's consumer (a child process, like the product's workers): the product's chain of
 * jobs with nothing inside them — classify adds notify (the product routes in the classify job); the
 * two delayed alarms (reminder and overdue, days ahead) are added at submit, as the product's outbox
 * adds them — with the product's job options and per-queue concurrency. Reports finished notify jobs
 * to the bench over IPC.
 */
const prefix = process.env.BENCH_RAW_PREFIX!;
const concurrency = JSON.parse(process.env.BENCH_CONCURRENCY!) as Record<string, number>;
const connection = new Redis(process.env.REDIS_URL!, { maxRetriesPerRequest: null });
const queue = (name: string) => new Queue(name, { connection, prefix, defaultJobOptions: DEFAULT_JOB_OPTIONS });
const notify = queue("notify");

let done = 0;
let last = 0;
const report = setInterval(() => {
  if (done) process.send!({ done, last });
  done = 0;
}, 50);

type Data = { caseId: number; task?: string };
const processors: Record<string, (job: Job<Data>) => Promise<void>> = {
  classify: async (job) => {
    await notify.add("case_routed", { caseId: job.data.caseId }, { jobId: `ob-${job.data.caseId}-n` });
  },
  // Idle, as the product's route worker is now (it serves route rows of older versions only).
  route: async () => undefined,
  notify: async () => {
    done++;
    last = performance.timeOrigin + performance.now();
  },
  // Idle too: the alarms fire days after the run.
  deadlines: async () => undefined,
};

const workers = Object.entries(processors).map(
  ([name, fn]) => new Worker(name, fn, { connection, prefix, concurrency: concurrency[name] ?? 1 }),
);

process.on("SIGTERM", () => {
  clearInterval(report);
  void Promise.all(workers.map((w) => w.close()))
    .then(() => Promise.all([notify].map((q) => q.close())))
    .then(() => connection.quit())
    .finally(() => process.exit(0));
});
