import chineseDays from "chinese-days";

/** All dates people see are calendar days in Asia/Shanghai (UTC+8, no daylight saving). */
const SHANGHAI_OFFSET_MS = 8 * 60 * 60 * 1000;
const DAY_MS = 24 * 60 * 60 * 1000;

/** The Asia/Shanghai calendar day (YYYY-MM-DD) of an instant, whatever the process TZ. */
export function shanghaiDay(at: Date): string {
  return new Date(at.getTime() + SHANGHAI_OFFSET_MS).toISOString().slice(0, 10);
}

/** The last instant of a Shanghai calendar day: the moment a deadline on that day passes. */
export function endOfShanghaiDay(day: string): Date {
  return new Date(Date.parse(`${day}T23:59:59.999+08:00`));
}

export function nextDay(day: string): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + DAY_MS).toISOString().slice(0, 10);
}

/** Working day per the State Council schedule (holidays and 调休 make-up days), via chinese-days. */
export function isWorkingDay(day: string): boolean {
  return chineseDays.isWorkday(day);
}

/**
 * The Shanghai day on which a period of `n` working days ends. Counting starts the day after
 * receipt, so a request received on a holiday starts counting on the next working day.
 */
export function addWorkingDays(receivedAt: Date, n: number): string {
  let day = shanghaiDay(receivedAt);
  let counted = 0;
  while (counted < n) {
    day = nextDay(day);
    if (isWorkingDay(day)) counted++;
  }
  return day;
}

/** Deadline instant for a period of `n` working days from receipt. */
export function dueAfterWorkingDays(receivedAt: Date, n: number): Date {
  return endOfShanghaiDay(addWorkingDays(receivedAt, n));
}
