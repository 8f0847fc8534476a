import type { Job } from "bullmq";
import type { Core } from "../src/core.js";
import type { Payload } from "../src/queues/definitions.js";
import { createKeywordClassifier } from "../src/classifier/keyword-classifier.js";

/** Classifies a new case once; a rerun finds it classified and does nothing. */
export function createClassifyProcessor(core: Core) {
  const classifier = createKeywordClassifier({ prisma: core.prisma });
  return async (job: Job<Payload<"classify">>): Promise<void> => {
    const c = await core.prisma.case.findUnique({ where: { id: job.data.caseId }, select: { text: true, classifiedAt: true } });
    if (!c || c.classifiedAt) return;
    const cls = await classifier.classify(c.text);
    await core.cases.recordClassification(job.data.caseId, cls);
  };
}
