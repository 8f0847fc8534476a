import type { Job } from "bullmq";
import type { Core } from "../src/core.js";
import type { Payload } from "../src/queues/definitions.js";
import { emergencyOf } from "../src/emergency/flag.js";
import { readCaseRow } from "../src/db/sql.js";

/** Classifies a new case once with the current model; a rerun finds it classified and does nothing. */
export function createClassifyProcessor(core: Core) {
  return async (job: Job<Payload<"classify">>): Promise<void> => {
    // Plain SQL on the hot path (src/db/sql.ts): Prisma's query compiler costs more CPU than the query.
    // The whole row, so the guarded change judges it as read instead of reading it again.
    const c = await readCaseRow(core.pool, job.data.caseId);
    if (!c || c.classifiedAt) return;
    // A reconsideration goes to the reconsideration office, never through the classifier (a rerun finds it routed).
    if (c.kind === "RECONSIDERATION") {
      if (c.status === "SUBMITTED") await core.cases.routeReconsideration(job.data.caseId, c);
      return;
    }
    const cls = await core.classifier.classify(c.text);
    // Filed as an emergency: urgent whatever the model and its urgency words make of the text.
    await core.cases.recordClassification(job.data.caseId, emergencyOf(c.details) ? { ...cls, priority: "URGENT" } : cls, c);
  };
}
