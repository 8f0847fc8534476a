import type { Job } from "bullmq";
import type { Core } from "../src/core.js";
import type { Payload } from "../src/queues/definitions.js";

/** Rows older than this are considered missed by the after-commit flush. */
export const SWEEP_GRACE_MS = 5_000;

/**
 * The sweep: moves outbox rows that never reached Redis (a crash after commit, a Redis outage)
 * to their queues, and re-classifies cases that were left unrouted.
 */
export function createMaintenanceProcessor(core: Core) {
  return async (_job: Job<Payload<"maintenance">>): Promise<void> => {
    const moved = await core.outbox.flush(undefined, SWEEP_GRACE_MS);
    if (moved > 0) core.logger.info({ moved }, "sweep enqueued missed outbox work");
  };
}
