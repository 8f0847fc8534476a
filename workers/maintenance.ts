import type { Job } from "bullmq";
import type { Core } from "../src/core.js";
import type { Payload } from "../src/queues/definitions.js";
import { isWorkingDay, shanghaiDay } from "../src/clock/calendar.js";
import { buildDigest } from "../src/deadlines/digest.js";

/** Rows older than this are considered missed by the after-commit flush. */
export const SWEEP_GRACE_MS = 5_000;
/** Enqueued work not done after this long is checked against Redis (which may have lost it). */
export const STALE_JOB_MS = 10 * 60_000;

/**
 * Periodic upkeep.
 * - sweep: outbox rows that never reached Redis go to their queues, and so does work Redis lost;
 *   every open case's deadline alarms are re-armed from the database (what is already late is
 *   marked now). (Loaded calendar schedules are refreshed by every process's core, not here.)
 * - retrain: the classifier from the seed corpus and every human label.
 * - digest: each supervisor (and administrator) gets overdue and soon-due cases, on working days.
 * - calendar-fallback: supervisors are told, once, that a year's official schedule is unknown.
 * - retention: personal data past its period goes (src/privacy/privacy-service.ts; PIPL art. 19).
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
        const now = core.now();
        if (!isWorkingDay(shanghaiDay(now))) return;
        const recipients = await core.prisma.staffMember.findMany({ where: { active: true, role: { in: ["SUPERVISOR", "ADMIN"] } } });
        for (const s of recipients) {
          for (const m of await buildDigest(core, s, now)) {
            await core.telegram.staff.sendMessage(Number(s.telegramId), m.text, m.keyboard ? { reply_markup: m.keyboard } : {});
          }
        }
        core.logger.info({ recipients: recipients.length }, "digest sent");
        return;
      }
      case "calendar-fallback": {
        const year = job.data.year;
        if (!year) return;
        const first = await core.prisma.systemNotice.createMany({ data: [{ key: `calendar-fallback-${year}` }], skipDuplicates: true });
        if (first.count === 0) return;
        const recipients = await core.prisma.staffMember.findMany({ where: { active: true, role: { in: ["SUPERVISOR", "ADMIN"] } } });
        for (const s of recipients) {
          await core.telegram.staff.sendMessage(Number(s.telegramId), core.i18n.t(s.locale, "calendar-fallback", { year: String(year) }));
        }
        return;
      }
      case "retention": {
        await core.privacy.runRetention();
        return;
      }
      case "sweep": {
        const moved = await core.outbox.flush(undefined, SWEEP_GRACE_MS);
        if (moved > 0) core.logger.info({ moved }, "sweep enqueued missed outbox work");
        const requeued = await core.outbox.requeueStale(STALE_JOB_MS);
        if (requeued > 0) core.logger.warn({ requeued }, "sweep re-added work Redis had lost");
        const expired = await core.deadlines.expireCorrections((id) =>
          core.cases.expireCorrection(id, core.config.CORRECTION_TIMEOUT_WORKING_DAYS),
        );
        if (expired > 0) core.logger.info({ expired }, "closed disclosure requests never corrected");
        const d = await core.deadlines.rebuild();
        if (d.marked > 0) core.logger.info(d, "sweep marked deadlines");
        return;
      }
    }
  };
}
