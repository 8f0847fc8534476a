import type { Job } from "bullmq";
import type { Core } from "../src/core.js";
import type { Payload } from "../src/queues/definitions.js";
import { emergencyOf } from "../src/emergency/flag.js";
import { readCaseRow } from "../src/db/sql.js";
import { routeClassified } from "./route.js";

/**
 * Classifies a new case once with the current model, then routes it in the same job (one job a
 * case instead of two: no route outbox row, enqueue, job and read of the case). A crash between
 * the two leaves this job to run again: it finds the case classified and still SUBMITTED, and
 * routes it. A rerun after both finds it routed and does nothing.
 */
export function createClassifyProcessor(core: Core) {
  return async (job: Job<Payload<"classify">>): Promise<void> => {
    // Plain SQL on the hot path (src/db/sql.ts): Prisma's query compiler costs more CPU than the query.
    // The whole row, so the guarded change judges it as read instead of reading it again.
    let c = await readCaseRow(core.pool, job.data.caseId);
    if (!c) return;
    // A reconsideration goes to the reconsideration office, never through the classifier (a rerun finds it routed).
    if (c.kind === "RECONSIDERATION") {
      if (c.status === "SUBMITTED") await core.cases.routeReconsideration(job.data.caseId, c);
      return;
    }
    if (!c.classifiedAt) {
      const cls = await core.classifier.classify(c.text);
      // Filed as an emergency: urgent whatever the model and its urgency words make of the text.
      const r = await core.cases.recordClassification(job.data.caseId, emergencyOf(c.details) ? { ...cls, priority: "URGENT" } : cls, c);
      // Refused: classified meanwhile by another run of this job (which routes it), or no longer SUBMITTED.
      if (!r.ok) return;
      c = r.case;
    }
    if (c.status === "SUBMITTED") await routeClassified(core, c);
  };
}
