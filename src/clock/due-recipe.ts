import { dueAfterWorkingDays, countedWithoutSchedule } from "./calendar.js";

/**
 * A due date together with how it was counted: `days` working days after the day of `from`. Kept
 * on the case so that a date counted in a year without the official schedule (provisional, see
 * calendar.ts) can be counted again when an administrator loads that year (`calendar:load`).
 */
export type DueFields = { dueAt: Date; dueFrom: Date | null; dueWorkingDays: number | null; dueProvisional: boolean };

export function workingDue(from: Date, days: number): DueFields {
  const dueAt = dueAfterWorkingDays(from, days);
  return { dueAt, dueFrom: from, dueWorkingDays: days, dueProvisional: countedWithoutSchedule(from, dueAt) };
}

/** A due date counted some other way (calendar days, hours): nothing to count again. */
export function fixedDue(dueAt: Date): DueFields {
  return { dueAt, dueFrom: null, dueWorkingDays: null, dueProvisional: false };
}

/**
 * The fields for a due date `dueAt` that the time-limits table produced for a case received at
 * `receivedAt`: when it is `days` working days after receipt, its recipe; otherwise fixed.
 */
export function dueFieldsOf(dueAt: Date, receivedAt: Date, workingDays: number | null): DueFields {
  if (workingDays === null) return fixedDue(dueAt);
  const counted = workingDue(receivedAt, workingDays);
  return counted.dueAt.getTime() === dueAt.getTime() ? counted : fixedDue(dueAt);
}

/** An extension of `days` more working days on the same count (the same day `extendDue` gives). */
export function extendedDue(c: { dueFrom: Date | null; dueWorkingDays: number | null }, extended: Date, days: number): DueFields {
  return c.dueFrom && c.dueWorkingDays !== null ? workingDue(c.dueFrom, c.dueWorkingDays + days) : fixedDue(extended);
}
