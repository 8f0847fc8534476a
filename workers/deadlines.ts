import type { Job } from "bullmq";
import type { Core } from "../src/core.js";
import type { Payload } from "../src/queues/definitions.js";

/** Plans a case's alarms, or fires one; each is checked against the due date in force, so reruns and stale alarms do nothing. */
export function createDeadlinesProcessor(core: Core) {
  return async (job: Job<Payload<"deadlines">>): Promise<void> => {
    const { task, caseId, dueAt } = job.data;
    if (task === "schedule") return core.deadlines.schedule(caseId);
    if (task === "judicial_reminder") {
      await core.deadlines.judicialReminder(caseId);
      return;
    }
    if (task === "followup") {
      await core.deadlines.followup(caseId);
      return;
    }
    if (dueAt === undefined) return;
    if (task === "remind") await core.deadlines.remind(caseId, dueAt);
    else await core.deadlines.overdue(caseId, dueAt);
  };
}
