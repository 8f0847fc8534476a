import type { Job } from "bullmq";
import type { Core } from "../src/core.js";
import type { NotifyType, Payload } from "../src/queues/definitions.js";
import { findNearDuplicate } from "../src/cases/duplicates.js";
import { emergencyOf } from "../src/emergency/flag.js";

/**
 * Routes a classified case: to the suggested department when the classifier is confident enough,
 * otherwise to the dispatchers. Only a SUBMITTED case moves, so a rerun changes nothing.
 */
export function createRouteProcessor(core: Core) {
  return async (job: Job<Payload<"route">>): Promise<void> => {
    const c = await core.prisma.case.findUnique({ where: { id: job.data.caseId } });
    if (!c || c.status !== "SUBMITTED") return;
    const dept = c.suggestedDepartmentCode
      ? await core.prisma.department.findUnique({ where: { code: c.suggestedDepartmentCode } })
      : null;
    const confidence = c.confidence ?? 0;
    // An emergency alerts whoever gets the case now, written with the routing so it cannot be lost.
    const also: NotifyType[] = emergencyOf(c.details) ? ["emergency_reported"] : [];
    if (dept && confidence >= core.config.ROUTING_CONFIDENCE) {
      const routed = await core.cases.route(c.id, dept.id, also);
      if (!routed.ok) return;
      // 并单: the same complaint from another resident follows the open one.
      const master = await findNearDuplicate(core.prisma, routed.case, core.config.DUPLICATE_SIMILARITY);
      if (master) await core.cases.link(c.id, master);
    } else {
      const why = dept ? `confidence ${confidence.toFixed(2)} < ${core.config.ROUTING_CONFIDENCE}` : "no department matched";
      await core.cases.escalate(c.id, why, also);
    }
  };
}
