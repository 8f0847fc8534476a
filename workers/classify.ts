import type { Job } from "bullmq";
import type { Core } from "../src/core.js";
import type { Payload } from "../src/queues/definitions.js";
import { emergencyOf } from "../src/emergency/flag.js";

/** Classifies a new case once with the current model; a rerun finds it classified and does nothing. */
export function createClassifyProcessor(core: Core) {
  return async (job: Job<Payload<"classify">>): Promise<void> => {
    const c = await core.prisma.case.findUnique({ where: { id: job.data.caseId }, select: { text: true, classifiedAt: true, details: true, kind: true, status: true } });
    if (!c || c.classifiedAt) return;
    // A reconsideration goes to the reconsideration office, never through the classifier (a rerun finds it routed).
    if (c.kind === "RECONSIDERATION") {
      if (c.status === "SUBMITTED") await core.cases.routeReconsideration(job.data.caseId);
      return;
    }
    const cls = await core.classifier.classify(c.text);
    // Filed as an emergency: urgent whatever the model and its urgency words make of the text.
    await core.cases.recordClassification(job.data.caseId, emergencyOf(c.details) ? { ...cls, priority: "URGENT" } : cls);
  };
}
