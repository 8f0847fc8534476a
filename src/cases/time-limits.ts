import type { CaseKind, Priority } from "../generated/prisma/enums.js";
import { dueAfterWorkingDays, endOfShanghaiDay, shanghaiDay } from "../clock/calendar.js";
import { RECONSIDERATION } from "../clock/reconsideration.js";

export type TimeLimit = { workingDays: number } | { calendarDays: number } | { hours: number };

/** Settings that change a row of the table (from the configuration). */
export type LimitSettings = { urgentComplaintHours?: number };

/** Hours in which an urgent (safety) complaint is due, unless configured (URGENT_COMPLAINT_HOURS). */
export const URGENT_COMPLAINT_HOURS = 24;

/**
 * Answer time limits, in one place. Complaints by urgency per the district's rules; disclosure
 * requests 20 working days (Regulations on Open Government Information, art. 33); mediation 30 days;
 * a reconsideration's acceptance review 5 working days.
 */
export const TIME_LIMITS: Record<CaseKind, Record<Priority, TimeLimit>> = {
  /**
   * An urgent complaint names a safety hazard: it is counted in calendar hours from receipt, nights,
   * weekends and holidays included (信访工作条例 art. 23: 紧急信访事项 handled at once; 12345 practice),
   * never in working days, which would let one received before 国庆 wait a week.
   */
  COMPLAINT: { URGENT: { hours: URGENT_COMPLAINT_HOURS }, NORMAL: { workingDays: 15 } },
  DISCLOSURE: { URGENT: { workingDays: 20 }, NORMAL: { workingDays: 20 } },
  MEDIATION: { URGENT: { calendarDays: 30 }, NORMAL: { calendarDays: 30 } },
  /**
   * Until it is accepted, a reconsideration's clock is the acceptance review: 5 working days
   * (行政复议法 art. 30 ¶1, art. 88 ¶2); acceptance sets the decision's (src/clock/reconsideration.ts).
   */
  RECONSIDERATION: { URGENT: { workingDays: RECONSIDERATION.reviewWorkingDays }, NORMAL: { workingDays: RECONSIDERATION.reviewWorkingDays } },
};

/** The end of the Shanghai day `n` calendar days after `from`. */
export function dueAfterCalendarDays(from: Date, n: number): Date {
  const day = new Date(Date.parse(`${shanghaiDay(from)}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);
  return endOfShanghaiDay(day);
}

/** The row of the table for this kind and urgency, with the configured settings applied. */
export function timeLimitFor(kind: CaseKind, priority: Priority, settings: LimitSettings = {}): TimeLimit {
  const limit = TIME_LIMITS[kind][priority];
  return "hours" in limit && settings.urgentComplaintHours !== undefined ? { hours: settings.urgentComplaintHours } : limit;
}

/** The moment `hours` calendar hours after `from`: to the minute, not the end of a day. */
export function dueAfterHours(from: Date, hours: number): Date {
  return new Date(from.getTime() + hours * 3_600_000);
}

export function dueDateFor(kind: CaseKind, priority: Priority, receivedAt: Date, settings: LimitSettings = {}): Date {
  const limit = timeLimitFor(kind, priority, settings);
  if ("hours" in limit) return dueAfterHours(receivedAt, limit.hours);
  return "workingDays" in limit ? dueAfterWorkingDays(receivedAt, limit.workingDays) : dueAfterCalendarDays(receivedAt, limit.calendarDays);
}

/** A complaint extension (信访工作条例 art. 34) adds calendar days to the due moment in force. */
export function extendByCalendarDays(dueAt: Date, days: number): Date {
  return new Date(dueAt.getTime() + days * 86_400_000);
}
