import { addWorkingDays, dueAfterWorkingDays, endOfShanghaiDay, shanghaiDay } from "./calendar.js";

/**
 * Statutory clocks of the Regulations on Open Government Information (art. 30, 33):
 * 20 working days from receipt; a correction (补正) may be asked within 7 working days of receipt,
 * and the period then restarts from the day the corrected request arrives; one extension of at most
 * 20 working days, with approval.
 */
export const DISCLOSURE = { answerDays: 20, correctionWindowDays: 7, maxExtensionDays: 20 } as const;

export function disclosureDue(receivedAt: Date): Date {
  return dueAfterWorkingDays(receivedAt, DISCLOSURE.answerDays);
}

/** The last moment a correction may still be asked for. */
export function correctionDeadline(receivedAt: Date): Date {
  return dueAfterWorkingDays(receivedAt, DISCLOSURE.correctionWindowDays);
}

/** After a correction the clock starts again from the day the corrected request arrives. */
export function dueAfterCorrection(correctedAt: Date): Date {
  return dueAfterWorkingDays(correctedAt, DISCLOSURE.answerDays);
}

/** An approved extension adds working days counted on from the current due date. */
export function extendDue(currentDue: Date, days: number): Date {
  if (!Number.isInteger(days) || days < 1 || days > DISCLOSURE.maxExtensionDays) {
    throw new RangeError(`an extension is 1 to ${DISCLOSURE.maxExtensionDays} working days`);
  }
  return endOfShanghaiDay(addWorkingDays(new Date(Date.parse(`${shanghaiDay(currentDue)}T12:00:00+08:00`)), days));
}

/**
 * A complaint's review (复查, 信访工作条例 art. 35): the citizen may ask for it within 30 days of the
 * answer; the reviewing body answers within 30 days of the request (COMPLAINT_REVIEW_DAYS may set less).
 */
export const COMPLAINT_REVIEW = { requestDays: 30, reviewDays: 30 } as const;
