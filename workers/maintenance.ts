import type { Job } from "bullmq";
import type { Core } from "../src/core.js";
import type { Payload } from "../src/queues/definitions.js";
import { isWorkingDay, shanghaiDay } from "../src/clock/calendar.js";
import { sweepOnce } from "./upkeep.js";

/**
 * Writes one notify row per supervisor and administrator, once per `key` (the day's digest, a
 * year's calendar notice): the notify path then sends each, records who could not be reached, and
 * a retry never reaches anyone twice.
 */
async function noticeToSupervisors(core: Core, key: string, payload: (staffId: number) => Payload<"notify">): Promise<number> {
  const ids = await core.prisma.$transaction(async (tx) => {
    const first = await tx.systemNotice.createMany({ data: [{ key }], skipDuplicates: true });
    if (first.count === 0) return [];
    const recipients = await tx.staffMember.findMany({ where: { active: true, role: { in: ["SUPERVISOR", "ADMIN"] } }, select: { id: true }, orderBy: { id: "asc" } });
    return core.outbox.write(tx, recipients.map((s) => ({ queue: "notify" as const, payload: payload(s.id) })));
  });
  await core.outbox.flushQuietly(ids);
  return ids.length;
}

/**
 * Scheduled upkeep (the schedulers are re-created from the code whenever Redis lost them, see
 * upkeep.ts; the sweep itself runs from a timer, not from here).
 * - retrain: the classifier from the seed corpus and every human label.
 * - digest: each supervisor (and administrator) gets overdue and soon-due cases, on working days.
 * - calendar-fallback: supervisors are told, once, that a year's official schedule is unknown.
 * - retention: personal data past its period goes (src/privacy/privacy-service.ts; PIPL art. 19).
 * - sweep: the same sweep the timer runs (kept for a scheduler left from an older version, and to
 *   run by hand).
 */
export function createMaintenanceProcessor(core: Core) {
  return async (job: Job<Payload<"maintenance">>): Promise<void> => {
    switch (job.data.task) {
      case "retrain": {
        const r = await core.classifier.retrain();
        core.logger.info(r, "classifier retrained");
        return;
      }
      case "digest": {
        const day = shanghaiDay(core.now());
        if (!isWorkingDay(day)) return;
        const n = await noticeToSupervisors(core, `digest-${day}`, (staffId) => ({ type: "digest", staffId, day }));
        core.logger.info({ recipients: n }, "digest queued");
        return;
      }
      case "calendar-fallback": {
        const year = job.data.year;
        if (!year) return;
        await noticeToSupervisors(core, `calendar-fallback-${year}`, (staffId) => ({ type: "calendar_fallback", staffId, year }));
        return;
      }
      case "retention": {
        await core.privacy.runRetention();
        return;
      }
      case "sweep":
        await sweepOnce(core);
        return;
    }
  };
}
