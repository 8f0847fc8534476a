import type { Job } from "bullmq";
import type { Core } from "../src/core.js";
import type { Payload } from "../src/queues/definitions.js";

/**
 * Sends a notification: skipped when its outbox row is done or failed for good (read with the
 * case, in one statement: notifications/notice-read.ts); otherwise each
 * recipient's delivery is recorded, so a rerun sends only what is missing (notifications/delivery.ts).
 */
export function createNotifyProcessor(core: Core) {
  return async (job: Job<Payload<"notify">>): Promise<void> => {
    await core.notifier.deliver(job.data, { ifOpen: true });
  };
}
