import { endOfShanghaiDay, isWorkingDay, shanghaiDay } from "../clock/calendar.js";

const DAY_MS = 24 * 3600 * 1000;

/** The working day `n` working days before `day` (the day itself when n = 0). */
function workingDaysBefore(day: string, n: number): string {
  let d = day;
  let counted = 0;
  while (counted < n) {
    d = new Date(Date.parse(`${d}T00:00:00Z`) - DAY_MS).toISOString().slice(0, 10);
    if (isWorkingDay(d)) counted++;
  }
  return d;
}

/** When the handler is reminded: 09:00 Shanghai time, `days` working days before the due day. */
export function reminderTime(dueAt: Date, days: number): Date {
  return new Date(Date.parse(`${workingDaysBefore(shanghaiDay(dueAt), days)}T09:00:00+08:00`));
}

/** Whether a due date ends a day (counted in days), rather than a moment counted in hours. */
const endsADay = (dueAt: Date) => endOfShanghaiDay(shanghaiDay(dueAt)).getTime() === dueAt.getTime();

/**
 * When the handler is reminded of a case: a due date at the end of a day (counted in days) at 09:00
 * `days` working days before it; a due moment counted in hours (an urgent complaint) when three
 * quarters of its period have passed (18 h into 24), whatever the day.
 */
export function reminderFor(c: { dueAt: Date; createdAt: Date }, days: number): Date {
  if (endsADay(c.dueAt)) return reminderTime(c.dueAt, days);
  return new Date(c.dueAt.getTime() - Math.max(0, c.dueAt.getTime() - c.createdAt.getTime()) / 4);
}

/**
 * A reminder or overdue alarm: a delayed job named after the case and the due date it was set for,
 * so arming it twice (at filing, by the deadlines schedule, by a rebuild) adds one job, and an alarm
 * for a due date no longer in force does nothing when it fires. `at`: when it fires (ms).
 */
export type Alarm = { task: "remind" | "overdue"; caseId: number; dueAt: number; at: number };

export type Clocked = { id: number; dueAt: Date; createdAt: Date; remindedAt: Date | null; overdueAt: Date | null };

/**
 * The alarms a case needs for its due date in force. `reminders` caches reminder times by due date
 * across calls (a rebuild meets the same dates many times; the calendar walk is the costly part).
 */
export function alarmsOf(c: Clocked, reminderDays: number, reminders?: Map<number, number>): Alarm[] {
  const dueAt = c.dueAt.getTime();
  const out: Alarm[] = [];
  if (!c.overdueAt) out.push({ task: "overdue", caseId: c.id, dueAt, at: dueAt });
  if (!c.remindedAt && !c.overdueAt) {
    let at = reminders?.get(dueAt);
    if (at === undefined) {
      at = reminderFor(c, reminderDays).getTime();
      // Only day-counted dates share a reminder time; an hour-counted one depends on its receipt.
      if (endsADay(c.dueAt)) reminders?.set(dueAt, at);
    }
    out.push({ task: "remind", caseId: c.id, dueAt, at });
  }
  return out;
}

/** The alarm's BullMQ job: its id from the case and the due date, its delay from `nowMs`. */
export function alarmJob(a: Alarm, nowMs: number) {
  return {
    name: a.task,
    data: { task: a.task, caseId: a.caseId, dueAt: a.dueAt },
    opts: { jobId: `${a.task}-${a.caseId}-${a.dueAt}`, delay: Math.max(0, a.at - nowMs) },
  };
}

/** An outbox row's payload that is an alarm written with its case (the submit's statement), or null. */
export function alarmOf(queue: string, payload: unknown): Alarm | null {
  if (queue !== "deadlines") return null;
  const p = payload as Partial<Alarm>;
  return (p.task === "remind" || p.task === "overdue") && typeof p.at === "number" && typeof p.caseId === "number" && typeof p.dueAt === "number"
    ? (p as Alarm)
    : null;
}
