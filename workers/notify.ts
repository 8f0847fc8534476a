import type { Job } from "bullmq";
import type { Core } from "../src/core.js";
import type { Payload } from "../src/queues/definitions.js";

/** Sends a notification once: its outbox row is marked done after sending, and a rerun skips it. */
export function createNotifyProcessor(core: Core) {
  return async (job: Job<Payload<"notify">>): Promise<void> => {
    if (await core.outbox.isCompleted(job.data.outboxId)) return;
    await core.notifier.deliver(job.data);
  };
}
