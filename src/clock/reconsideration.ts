import { dueAfterWorkingDays, endOfShanghaiDay, isWorkingDay, nextDay, shanghaiDay } from "./calendar.js";

/**
 * The clocks of the Administrative Reconsideration Law (行政复议法, revised 2023-09-01, in force 2024-01-01).
 *
 * Which days count: art. 88 ¶2 — "本法关于行政复议期间有关'三日'、'五日'、'七日'、'十日'的规定是指工作日，
 * 不含法定休假日": the 5-day acceptance review (art. 30), the 5-day window for asking 补正 and the
 * applicant's 10 days to correct (art. 31), and the respondent's 10 days to reply (art. 48) are
 * WORKING days. Every other period (the 60-day application window of art. 20, the 30 and 60 days
 * for a decision of arts. 62 ¶2 and 62 ¶1, the extension of at most 30 days) is counted by
 * art. 88 ¶1 under the Civil Procedure Law (民事诉讼法 art. 85): calendar days, counted from the day
 * after the starting day, and when the last day is a statutory rest day (法定休假日: holidays and
 * weekends, per the official schedule with its 调休) the period ends on the next working day.
 */
export const RECONSIDERATION = {
  /** art. 30 ¶1: acceptance review within 5 (working) days of receipt. */
  reviewWorkingDays: 5,
  /** art. 31 ¶1: 补正 must be asked within 5 (working) days of receipt. */
  correctionWindowWorkingDays: 5,
  /** art. 31 ¶2: the applicant corrects within 10 (working) days of the notice. */
  correctionPeriodWorkingDays: 10,
  /** art. 48: the respondent replies in writing within 10 (working) days of receiving the copy. */
  replyWorkingDays: 10,
  /** art. 62 ¶2: simplified procedure, decision within 30 days of acceptance. */
  simplifiedDays: 30,
  /** art. 62 ¶1: ordinary procedure, decision within 60 days of acceptance… */
  ordinaryDays: 60,
  /** …extendable once, with the head's approval and the parties told, by at most 30 days. */
  maxExtensionDays: 30,
  /** art. 20 ¶1: apply within 60 days of learning of the act. */
  applicationDays: 60,
} as const;

export type Procedure = "simplified" | "ordinary";

const DAY_MS = 86_400_000;
const plusDays = (day: string, n: number) => new Date(Date.parse(`${day}T00:00:00Z`) + n * DAY_MS).toISOString().slice(0, 10);

/** 民事诉讼法 art. 85 ¶3: a period whose last day is a statutory rest day ends on the next working day. */
export function rollToWorkingDay(day: string): string {
  let d = day;
  while (!isWorkingDay(d)) d = nextDay(d);
  return d;
}

/** The last day of a period of `n` calendar days starting the day after `startDay` (民事诉讼法 art. 85 ¶2, ¶3). */
export function calendarPeriodEnd(startDay: string, n: number): string {
  return rollToWorkingDay(plusDays(startDay, n));
}

/** Acceptance review (art. 30 ¶1): the end of the 5th working day after receipt. */
export function reviewDue(receivedAt: Date): Date {
  return dueAfterWorkingDays(receivedAt, RECONSIDERATION.reviewWorkingDays);
}

/** The last moment 补正 may still be asked (art. 31 ¶1: within 5 working days of receipt). */
export function correctionWindowEnd(receivedAt: Date): Date {
  return dueAfterWorkingDays(receivedAt, RECONSIDERATION.correctionWindowWorkingDays);
}

/** When the applicant's 10 working days to correct run out (art. 31 ¶2). */
export function correctionPeriodEnd(requestedAt: Date): Date {
  return dueAfterWorkingDays(requestedAt, RECONSIDERATION.correctionPeriodWorkingDays);
}

/** The respondent's written reply and evidence, 10 working days after it received the copy (art. 48). */
export function replyDue(sentAt: Date): Date {
  return dueAfterWorkingDays(sentAt, RECONSIDERATION.replyWorkingDays);
}

/**
 * The decision's deadline: 30 days (simplified, art. 62 ¶2) or 60 days (ordinary, art. 62 ¶1)
 * after the day of acceptance (a deemed acceptance counts from the day the review period ended,
 * art. 30 ¶3), calendar days per 民事诉讼法 art. 85.
 */
export function decisionDue(acceptedOn: string, procedure: Procedure): Date {
  const n = procedure === "simplified" ? RECONSIDERATION.simplifiedDays : RECONSIDERATION.ordinaryDays;
  return endOfShanghaiDay(calendarPeriodEnd(acceptedOn, n));
}

/** An extension (art. 62 ¶1, ordinary procedure only) of 1–30 days, counted on from the due day in force. */
export function extendDecisionDue(currentDue: Date, days: number): Date {
  if (!Number.isInteger(days) || days < 1 || days > RECONSIDERATION.maxExtensionDays) {
    throw new RangeError(`an extension is 1 to ${RECONSIDERATION.maxExtensionDays} days`);
  }
  return endOfShanghaiDay(calendarPeriodEnd(shanghaiDay(currentDue), days));
}

/** The same day one year later (Feb 29 → Feb 28): a period in years ends on the corresponding day. */
function oneYearAfter(day: string): string {
  const [y, m, d] = day.split("-").map(Number);
  const last = new Date(Date.UTC(y + 1, m, 0)).getUTCDate();
  return `${y + 1}-${String(m).padStart(2, "0")}-${String(Math.min(d, last)).padStart(2, "0")}`;
}

/**
 * The last day to apply (art. 20). ¶1: 60 days from the day the applicant learned of the act.
 * ¶3: when the act's notice did not tell them of the right to reconsideration, the body and the
 * period, the period runs from when they learned those; at most one year from learning of the act.
 * We do not know when they learned of the remedy, so such an application is measured against the
 * one-year outer limit. ¶2 (a delay with good reason, 正当理由) is for the office to weigh: a late
 * application is flagged with the applicant's reason, never refused by the bot.
 */
export function applicationWindowEnd(learnedOn: string, noticeNamedRemedy: boolean): string {
  return noticeNamedRemedy ? calendarPeriodEnd(learnedOn, RECONSIDERATION.applicationDays) : rollToWorkingDay(oneYearAfter(learnedOn));
}

/** Whether an application filed at `filedAt` is outside the window of art. 20. */
export function isLateApplication(learnedOn: string, noticeNamedRemedy: boolean, filedAt: Date): boolean {
  return shanghaiDay(filedAt) > applicationWindowEnd(learnedOn, noticeNamedRemedy);
}

