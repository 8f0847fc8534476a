import type { Job } from "bullmq";
import type { Core } from "../src/core.js";
import type { Case } from "../src/generated/prisma/client.js";
import type { NotifyType, Payload } from "../src/queues/definitions.js";
import { findNearDuplicate } from "../src/cases/duplicates.js";
import { emergencyOf } from "../src/emergency/flag.js";
import { escalationReason } from "../src/notifications/cards.js";
import { requestedDepartmentOf } from "../src/channels/channel-intake.js";
import { readCaseRow } from "../src/db/sql.js";

/**
 * Routes a classified case: to the suggested department when the classifier's confidence reaches
 * the threshold of the model version that classified it (derived from ROUTING_PRECISION, or the
 * ROUTING_CONFIDENCE override), otherwise to the dispatchers. Only a SUBMITTED case moves, so a
 * rerun changes nothing. The classify job calls it with the row its classification returned.
 */
export async function routeClassified(core: Core, c: Case): Promise<void> {
  // A department's complaint service (web form, Open311): the caller chose the department, as a
  // hotline operator does; the classifier's verdict is still recorded for comparison and retraining.
  const requested = requestedDepartmentOf(c.details);
  const code = requested ?? c.suggestedDepartmentCode;
  const dept = code ? await core.reference.departmentByCode(code) : null;
  const confidence = c.confidence ?? 0;
  // An emergency alerts whoever gets the case now, written with the routing so it cannot be lost.
  const also: NotifyType[] = emergencyOf(c.details) ? ["emergency_reported"] : [];
  const threshold = await core.classifier.thresholdFor(c.modelVersion);
  // A department nobody works in yet (no active handler or supervisor) would leave the case
  // unseen: it goes to the dispatchers instead, saying why.
  const sure = dept !== null && (requested !== null || confidence >= threshold);
  const staffed = sure && (await core.reference.staffed(dept.id));
  if (sure && !staffed) {
    await core.cases.escalate(c.id, core.i18n.t("zh-CN", "classifier-department-unstaffed", { department: dept.nameZh }), also, c);
  } else if (dept && sure) {
    const routed = await core.cases.route(c.id, dept.id, also, c);
    if (!routed.ok) return;
    // 并单: the same complaint from another resident follows the open one.
    const master = await findNearDuplicate(core.pool, routed.case, core.config.DUPLICATE_SIMILARITY);
    if (master) await core.cases.link(c.id, master, routed.case);
  } else {
    // The audit note, which the dispatchers' card shows, is in Chinese (the desk's language).
    const departments = await core.reference.departments();
    const why = dept
      ? (escalationReason(core.i18n, "zh-CN", c, departments, threshold) ?? `confidence ${confidence.toFixed(2)} < ${threshold.toFixed(2)}`)
      : core.i18n.t("zh-CN", "classifier-no-department");
    await core.cases.escalate(c.id, why, also, c);
  }
}

/**
 * The route queue's job: routes a classified case read anew. The classify job routes the cases it
 * classifies itself; this serves route jobs written before it did (an outbox row from an older
 * version).
 */
export function createRouteProcessor(core: Core) {
  return async (job: Job<Payload<"route">>): Promise<void> => {
    // Plain SQL and the per-process department cache on the hot path (src/db/sql.ts, src/db/reference.ts).
    const c = await readCaseRow(core.pool, job.data.caseId);
    if (!c || c.status !== "SUBMITTED") return;
    await routeClassified(core, c);
  };
}
