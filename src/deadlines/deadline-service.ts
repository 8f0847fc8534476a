import type { Prisma } from "../db/prisma.js";
import type { Logger } from "../logger.js";
import type { CaseService } from "../cases/case-service.js";
import type { Queues } from "../queues/queues.js";
import { CLOCK_RUNNING_STATUSES } from "../cases/state-machine.js";
import { agreementOf, judicialReminderAt, type MediationDetails } from "../mediation/mediation.js";
import { dueAfterWorkingDays } from "../clock/calendar.js";
import { alarmJob, alarmsOf, reminderFor, reminderTime, type Clocked } from "./alarms.js";
import { workingDue } from "../clock/due-recipe.js";
import { detailsOf } from "../reconsideration/reconsideration.js";
import { readCaseRow, type Queryable } from "../db/sql.js";

const DAY_MS = 24 * 3600 * 1000;

/**
 * Every open case's clock. The database is the truth: reminder and overdue jobs in Redis are only
 * alarms, named after the case and the due date they were set for, and the sweep (`rebuild`)
 * re-arms them from the database, so a Redis that lost its data loses no deadline. A job for a due
 * date no longer in force does nothing; so does a repeated one.
 */
export function createDeadlineService(deps: {
  prisma: Prisma;
  /** The pool under `prisma`, for the per-case read in plain SQL. */
  pool?: Queryable;
  queues: Queues;
  cases: CaseService;
  logger: Logger;
  reminderDays: number;
  /** The 补正 period (条例 art. 30), for requests made before it was stored with them. */
  correctionDays: number;
  followupDays: number;
  /** Days before the judicial-confirmation window of a mediation agreement closes that both parties are reminded (art. 33). */
  judicialReminderDays?: number;
  now: () => Date;
}) {
  const judicialDays = deps.judicialReminderDays ?? 7;
  const { prisma, queues, cases, logger, now } = deps;

  /** The alarm jobs a case needs for its due date in force (src/deadlines/alarms.ts). */
  function alarms(c: Clocked, reminders?: Map<number, number>) {
    const at = now().getTime();
    return alarmsOf(c, deps.reminderDays, reminders).map((a) => alarmJob(a, at));
  }

  async function arm(c: Clocked): Promise<void> {
    const jobs = alarms(c);
    if (jobs.length) await queues.deadlines.addBulk(jobs);
  }

  /**
   * Marks the reminder or the overdue once for this due date (the case service decides whether it
   * still applies). A reconsideration still in its acceptance review is not overdue when the review
   * period ends: it is accepted by law that day (行政复议法 art. 30 ¶3), and the supervisor is alerted.
   */
  async function mark(caseId: number, dueAt: number, kind: "remind" | "overdue"): Promise<boolean> {
    if (kind === "overdue") {
      const c = await prisma.case.findUnique({ where: { id: caseId }, select: { kind: true, status: true } });
      if (c?.kind === "RECONSIDERATION" && c.status === "ASSIGNED") {
        const deemed = await cases.deemAccepted(caseId, dueAt);
        if (deemed.ok) logger.info({ caseId }, "reconsideration deemed accepted (art. 30 ¶3)");
        return deemed.ok;
      }
    }
    const r = await cases.markDeadline(caseId, dueAt, kind);
    if (r.ok) logger.info({ caseId, kind }, kind === "overdue" ? "case overdue" : "due-date reminder");
    return r.ok;
  }

  /** When the applicant of a mediation agreement is asked whether it was carried out. */
  const followupTime = (closedAt: Date) => new Date(closedAt.getTime() + deps.followupDays * DAY_MS);

  async function armFollowup(c: { id: number; closedAt: Date | null }): Promise<void> {
    if (!c.closedAt) return;
    await queues.deadlines.add(
      "followup",
      { task: "followup", caseId: c.id },
      { jobId: `followup-${c.id}`, delay: Math.max(0, followupTime(c.closedAt).getTime() - now().getTime()) },
    );
  }

  /** Asks once, when its time has come, whether a mediation agreement was carried out. */
  async function followup(caseId: number): Promise<boolean> {
    return (await cases.sendFollowup(caseId, deps.followupDays)).ok;
  }

  /**
   * The reminder to both parties before the judicial-confirmation window of an effective agreement
   * closes (人民调解法 art. 33): a delayed job named after the case, re-armed by the rebuild.
   */
  async function armJudicialReminder(c: { id: number; details: unknown }): Promise<void> {
    const a = agreementOf(c.details);
    if (!a?.effectiveAt || (c.details as MediationDetails).judicialReminderSentAt) return;
    const at = judicialReminderAt(a.effectiveAt, judicialDays).getTime();
    await queues.deadlines.add(
      "judicial_reminder",
      { task: "judicial_reminder", caseId: c.id },
      { jobId: `judicial-${c.id}-${Date.parse(a.effectiveAt)}`, delay: Math.max(0, at - now().getTime()) },
    );
  }

  /** Reminds both parties once, if the window is still open and its time has come (the case service checks). */
  async function judicialReminder(caseId: number): Promise<boolean> {
    return (await cases.sendJudicialReminder(caseId, judicialDays)).ok;
  }

  /** Mediation agreements still to be followed up or reminded of: done now if their time has come, else re-armed. */
  async function rebuildFollowups(): Promise<void> {
    const agreements = await prisma.case.findMany({ where: { kind: "MEDIATION", outcome: "agreement" }, select: { id: true, closedAt: true, details: true } });
    for (const c of agreements) {
      const a = agreementOf(c.details);
      if (a?.effectiveAt && !(c.details as MediationDetails).judicialReminderSentAt) {
        if (judicialReminderAt(a.effectiveAt, judicialDays) <= now()) await judicialReminder(c.id);
        else await armJudicialReminder(c);
      }
      if ((c.details as MediationDetails | null)?.followupSentAt || !c.closedAt) continue;
      if (followupTime(c.closedAt) <= now()) await followup(c.id);
      else await armFollowup(c);
    }
  }

  /**
   * Disclosure requests whose 补正 period passed with nothing received: the handler is asked, once,
   * to confirm the lapse or give more time (art. 30); nothing closes on its own.
   */
  async function askCorrectionLapses(): Promise<number> {
    // A 补正 asked before its period was stored gets one, counted from the request (a data fix, not a change of state).
    const unset = await prisma.case.findMany({
      where: { status: "AWAITING_CORRECTION", correctionDueAt: null, correctionRequestedAt: { not: null } },
      select: { id: true, correctionRequestedAt: true },
      take: 500,
    });
    for (const c of unset) {
      await prisma.case.updateMany({
        where: { id: c.id, correctionDueAt: null },
        data: { correctionDueAt: dueAfterWorkingDays(c.correctionRequestedAt!, deps.correctionDays) },
      });
    }
    const lapsed = await prisma.case.findMany({
      where: { status: "AWAITING_CORRECTION", correctionLapseAskedAt: null, correctionDueAt: { lt: now() } },
      select: { id: true },
      take: 500,
    });
    let asked = 0;
    for (const c of lapsed) if ((await cases.correctionLapseDue(c.id)).ok) asked++;
    return asked;
  }

  /** Consultations whose period ended without a recorded answer: the clock runs again (art. 32). */
  async function endConsultations(): Promise<number> {
    const ended = await prisma.case.findMany({ where: { consultationEndsAt: { lt: now() } }, select: { id: true }, take: 500 });
    let resumed = 0;
    for (const c of ended) if ((await cases.resumeClock(c.id, { ended: true })).ok) resumed++;
    return resumed;
  }

  /**
   * After an administrator loaded a year's official schedule: every open case whose due date was
   * provisional is counted again. A changed date is recorded (audit event), its alarms re-armed and
   * the citizen and handler told; an unchanged one is simply no longer provisional.
   */
  async function recountProvisional(): Promise<{ changed: number; confirmed: number }> {
    const open = await prisma.case.findMany({ where: { dueProvisional: true, status: { not: "CLOSED" } } });
    let changed = 0;
    let confirmed = 0;
    for (const c of open) {
      if (!c.dueFrom || c.dueWorkingDays === null) continue;
      let endsAt: Date | undefined;
      let fields = workingDue(c.dueFrom, c.dueWorkingDays);
      if (c.consultationStartedAt && c.consultationKind && c.consultationRemainingDays !== null) {
        // The consultation's own period is counted on the same calendar, and the due date after it.
        endsAt = dueAfterWorkingDays(c.consultationStartedAt, cases.consultationDays(c.consultationKind));
        fields = workingDue(endsAt, c.consultationRemainingDays);
      }
      if (fields.dueAt.getTime() !== c.dueAt.getTime()) {
        if ((await cases.recountDue(c.id, fields, endsAt)).ok) changed++;
      } else if (!fields.dueProvisional) {
        // The same day, now on the official schedule: only the mark goes (no notice, nothing to re-arm).
        await prisma.case.updateMany({ where: { id: c.id, dueAt: c.dueAt }, data: { dueProvisional: false } });
        confirmed++;
      }
    }
    return { changed, confirmed };
  }

  /** Reconsiderations past their own 补正 period are treated as abandoned (行政复议法 art. 31 ¶2). */
  async function expireReconsiderationCorrections(): Promise<number> {
    const waiting = await prisma.case.findMany({
      where: { kind: "RECONSIDERATION", status: "AWAITING_CORRECTION" },
      select: { id: true, details: true },
    });
    let closed = 0;
    for (const c of waiting) {
      const due = detailsOf(c).correction?.dueAt;
      if (due && Date.parse(due) < now().getTime() && (await cases.expireReconsiderationCorrection(c.id)).ok) closed++;
    }
    return closed;
  }

  return {
    arm,
    askCorrectionLapses,
    expireReconsiderationCorrections,
    endConsultations,
    recountProvisional,
    followup,
    judicialReminder,
    remind: (caseId: number, dueAt: number) => mark(caseId, dueAt, "remind"),
    overdue: (caseId: number, dueAt: number) => mark(caseId, dueAt, "overdue"),

    /** Plans one case's alarms (after it was filed or its due date changed). */
    async schedule(caseId: number): Promise<void> {
      // Plain SQL: every case is scheduled at least once (src/db/sql.ts).
      const c = deps.pool ? await readCaseRow(deps.pool, caseId) : await prisma.case.findUnique({ where: { id: caseId } });
      if (c && CLOCK_RUNNING_STATUSES.includes(c.status)) await arm(c);
      else if (c?.kind === "MEDIATION" && c.outcome === "agreement") {
        await armFollowup(c);
        await armJudicialReminder(c);
      }
    },

    /**
     * What is due now, from the database alone (by the due-date index, so the cost follows what is
     * due, not the number of open cases): overdue cases not yet marked, and reminders whose time has
     * come. The alarms in Redis normally do this first; this catches any that were lost.
     */
    async sweepDue(): Promise<{ marked: number }> {
      const t = now();
      const running = { in: [...CLOCK_RUNNING_STATUSES] };
      let marked = 0;
      const late = await prisma.case.findMany({
        where: { status: running, overdueAt: null, dueAt: { lte: t } },
        select: { id: true, dueAt: true },
        orderBy: { dueAt: "asc" },
        take: 500,
      });
      for (const c of late) if (await mark(c.id, c.dueAt.getTime(), "overdue")) marked++;
      // A reminder can only be due for a case due within reminderDays (+1 for safety) working days.
      const soon = await prisma.case.findMany({
        where: { status: running, overdueAt: null, remindedAt: null, dueAt: { gt: t, lte: dueAfterWorkingDays(t, deps.reminderDays + 1) } },
        select: { id: true, dueAt: true, createdAt: true },
        take: 1000,
      });
      for (const c of soon) {
        if (reminderFor(c, deps.reminderDays) <= t && (await mark(c.id, c.dueAt.getTime(), "remind"))) marked++;
      }
      // Respondents' written replies in reconsiderations (art. 48): reminded REMINDER_WORKING_DAYS
      // before they are due. Only cases under review are read, a small set beside the open cases.
      const replies = await prisma.case.findMany({ where: { kind: "RECONSIDERATION", status: "IN_PROGRESS" }, select: { id: true, details: true } });
      for (const c of replies) {
        const r = detailsOf(c).reply;
        if (!r || r.receivedAt || r.remindedAt || reminderTime(new Date(r.dueAt), deps.reminderDays) > t) continue;
        if ((await cases.remindReply(c.id)).ok) marked++;
      }
      return { marked };
    },

    /**
     * From the database, for every open case: what is already late is marked now, the rest re-armed
     * in bulk (job ids make re-arming an existing alarm a no-op). Run at start-up and when Redis lost
     * its data; its cost grows with the open cases, so the regular sweep does not call it.
     */
    async rebuild(): Promise<{ armed: number; marked: number }> {
      // Soonest due first: the alarms that matter soonest are back first.
      const open = await prisma.case.findMany({
        where: { status: { in: [...CLOCK_RUNNING_STATUSES] } },
        select: { id: true, dueAt: true, createdAt: true, remindedAt: true, overdueAt: true },
        orderBy: { dueAt: "asc" },
      });
      const reminders = new Map<number, number>();
      const t = now().getTime();
      let marked = 0;
      let batch: ReturnType<typeof alarms> = [];
      for (const c of open) {
        const due = c.dueAt.getTime();
        if (!c.overdueAt && due <= t) {
          if (await mark(c.id, due, "overdue")) marked++;
          continue;
        }
        const remindDue = !c.remindedAt && !c.overdueAt && reminderFor(c, deps.reminderDays).getTime() <= t;
        if (remindDue && (await mark(c.id, due, "remind"))) {
          marked++;
          c.remindedAt = now();
        }
        batch.push(...alarms(c, reminders));
        if (batch.length >= 1000) {
          await queues.deadlines.addBulk(batch);
          batch = [];
        }
      }
      if (batch.length) await queues.deadlines.addBulk(batch);
      await rebuildFollowups();
      return { armed: open.length - marked, marked };
    },
  };
}

export type DeadlineService = ReturnType<typeof createDeadlineService>;
