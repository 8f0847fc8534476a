import type { Job } from "bullmq";
import type { Core } from "../src/core.js";
import type { Payload } from "../src/queues/definitions.js";

/** Rows older than this are considered missed by the after-commit flush. */
export const SWEEP_GRACE_MS = 5_000;

/**
 * Periodic upkeep. `sweep` moves outbox rows that never reached Redis (a crash after commit, a
 * Redis outage) to their queues. `retrain` builds a classifier from the seed corpus and every
 * dispatcher's or transfer's label, and installs it if it differs from the one in use.
 */
export function createMaintenanceProcessor(core: Core) {
  return async (job: Job<Payload<"maintenance">>): Promise<void> => {
    if (job.data.task === "retrain") {
      const r = await core.classifier.retrain();
      core.logger.info(r, "classifier retrained");
      return;
    }
    const moved = await core.outbox.flush(undefined, SWEEP_GRACE_MS);
    if (moved > 0) core.logger.info({ moved }, "sweep enqueued missed outbox work");
  };
}
