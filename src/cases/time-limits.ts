import type { CaseKind, Priority } from "../generated/prisma/enums.js";
import { dueAfterWorkingDays } from "../clock/calendar.js";

/**
 * Answer time limits in working days, in one place. Disclosure: 20 working days (Regulations on
 * Open Government Information, art. 33). Complaints by urgency per the district's rules.
 * Mediation: 30 days is counted here as 22 working days until issue #3 adds calendar-day limits.
 */
export const TIME_LIMITS: Record<CaseKind, Record<Priority, number>> = {
  COMPLAINT: { URGENT: 1, NORMAL: 15 },
  DISCLOSURE: { URGENT: 20, NORMAL: 20 },
  MEDIATION: { URGENT: 22, NORMAL: 22 },
};

export function dueDateFor(kind: CaseKind, priority: Priority, receivedAt: Date): Date {
  return dueAfterWorkingDays(receivedAt, TIME_LIMITS[kind][priority]);
}
