import type { CaseKind, Priority } from "../generated/prisma/enums.js";
import { dueAfterWorkingDays, endOfShanghaiDay, shanghaiDay } from "../clock/calendar.js";
import { RECONSIDERATION } from "../clock/reconsideration.js";

export type TimeLimit = { workingDays: number } | { calendarDays: number };

/**
 * Answer time limits, in one place. Complaints by urgency per the district's rules; disclosure
 * requests 20 working days (Regulations on Open Government Information, art. 33); mediation 30 days;
 * a reconsideration's acceptance review 5 working days.
 */
export const TIME_LIMITS: Record<CaseKind, Record<Priority, TimeLimit>> = {
  COMPLAINT: { URGENT: { workingDays: 1 }, NORMAL: { workingDays: 15 } },
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

export function dueDateFor(kind: CaseKind, priority: Priority, receivedAt: Date): Date {
  const limit = TIME_LIMITS[kind][priority];
  return "workingDays" in limit ? dueAfterWorkingDays(receivedAt, limit.workingDays) : dueAfterCalendarDays(receivedAt, limit.calendarDays);
}
