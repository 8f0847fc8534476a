// The package's data file, not its date functions: those parse "YYYY-MM-DD" as UTC midnight and
// then read the local weekday and date, and build their own tables the same way at import time,
// so in a process whose TZ is west of UTC every answer shifts by a day (2 of 20 hand-checked 2026
// due dates came out right under America/Los_Angeles). The JSON's keys are plain calendar days.
import { createRequire } from "node:module";
import { statutoryHolidays } from "./statutory-holidays.js";

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

export function isWeekday(day: string): boolean {
  const dow = new Date(`${day}T00:00:00Z`).getUTCDay();
  return dow >= 1 && dow <= 5;
}

/** A year's official schedule loaded by an administrator (see src/clock/schedules.ts). */
export type YearSchedule = { holidays: ReadonlySet<string>; workdays: ReadonlySet<string> };

// Loaded with require: the bundler drops a JSON import's `with { type: "json" }`, which Node needs.
const chineseDaysData = createRequire(import.meta.url)("chinese-days/dist/chinese-days.json") as {
  holidays: Record<string, string>;
  workdays: Record<string, string>;
};
const packageHolidays: Readonly<Record<string, string>> = chineseDaysData.holidays;
const packageWorkdays: Readonly<Record<string, string>> = chineseDaysData.workdays;

const loadedSchedules = new Map<number, YearSchedule>();
const knownYears = new Map<number, boolean>();
const unknownYearListeners = new Set<(year: number) => void>();
const reportedUnknown = new Set<number>();

/**
 * Period ends already counted ("start day|n" → end day): a routed case asks for the same few
 * periods from the same day again and again, and counting 15–60 days one by one was ~3.5% of the
 * workers' CPU (bench:pipeline profile). Cleared whenever a year's schedule is loaded or removed;
 * a year the calendar had to guess was reported when it was first counted, before it was kept.
 */
const periodEnds = new Map<string, string>();
const PERIOD_ENDS_MAX = 4096;

/** Installs (or with `null`, removes) a loaded schedule; it wins over chinese-days and the fallback. */
export function useYearSchedule(year: number, schedule: YearSchedule | null): void {
  if (schedule) loadedSchedules.set(year, schedule);
  else loadedSchedules.delete(year);
  periodEnds.clear();
}

/** Called once per process for each year the calendar had to guess (Monday to Friday). */
export function onUnknownYear(listener: (year: number) => void): () => void {
  unknownYearListeners.add(listener);
  return () => unknownYearListeners.delete(listener);
}

/** Whether chinese-days has the State Council's schedule for the year (every year has holidays). */
export function packageKnowsYear(year: number): boolean {
  let known = knownYears.get(year);
  if (known === undefined) {
    const prefix = `${year}-`;
    known = Object.keys(packageHolidays).some((day) => day.startsWith(prefix));
    knownYears.set(year, known);
  }
  return known;
}

/** Where a year's working days come from: "loaded" (an administrator's file), "package" or "fallback". */
export function scheduleSource(year: number): "loaded" | "package" | "fallback" {
  return loadedSchedules.has(year) ? "loaded" : packageKnowsYear(year) ? "package" : "fallback";
}

const computedHolidays = new Map<number, ReadonlySet<string>>();
/** The holidays the 2024 regulations fix for a year (see statutory-holidays.ts), computed once per year. */
function statutoryHolidaySet(year: number): ReadonlySet<string> {
  let set = computedHolidays.get(year);
  if (!set) computedHolidays.set(year, (set = new Set(statutoryHolidays(year).map((d) => d.day))));
  return set;
}

/**
 * Working day per the State Council schedule (holidays and 调休 make-up days): a schedule loaded
 * by an administrator first, then chinese-days, and for a year neither knows, the holidays the
 * 2024 regulations fix (元旦, 春节, 清明, 劳动节, 端午, 中秋, 国庆, with 补假 for those on a weekend)
 * on top of Monday to Friday. Only the 调休 exchanges are unknown then, so such a year's due dates
 * are provisional; listeners are told, once per year, so supervisors can be warned.
 */
export function isWorkingDay(day: string): boolean {
  const year = Number(day.slice(0, 4));
  const loaded = loadedSchedules.get(year);
  if (loaded) return loaded.workdays.has(day) || (!loaded.holidays.has(day) && isWeekday(day));
  if (packageKnowsYear(year)) return day in packageWorkdays || (!(day in packageHolidays) && isWeekday(day));
  if (!reportedUnknown.has(year)) {
    reportedUnknown.add(year);
    for (const l of unknownYearListeners) l(year);
  }
  return !statutoryHolidaySet(year).has(day) && isWeekday(day);
}

/**
 * The Shanghai day on which a period of `n` working days ends. Counting starts the day after
 * receipt, so a request received on a holiday starts counting on the next working day.
 */
export function addWorkingDays(receivedAt: Date, n: number): string {
  const start = shanghaiDay(receivedAt);
  const key = `${start}|${n}`;
  const known = periodEnds.get(key);
  if (known !== undefined) return known;
  let day = start;
  let counted = 0;
  while (counted < n) {
    day = nextDay(day);
    if (isWorkingDay(day)) counted++;
  }
  if (periodEnds.size >= PERIOD_ENDS_MAX) periodEnds.clear();
  periodEnds.set(key, day);
  return day;
}

/** Deadline instant for a period of `n` working days from receipt. */
export function dueAfterWorkingDays(receivedAt: Date, n: number): Date {
  return endOfShanghaiDay(addWorkingDays(receivedAt, n));
}

/** Working days from the day after `from` up to and including `to` (0 when `to` is not later). */
export function workingDaysBetween(from: Date, to: Date): number {
  let day = shanghaiDay(from);
  const end = shanghaiDay(to);
  let n = 0;
  while (day < end) {
    day = nextDay(day);
    if (isWorkingDay(day)) n++;
  }
  return n;
}

/**
 * Whether a period counted from `from` to `to` relied on a year with no official schedule (its
 * 调休 exchanges unknown): such a due date is provisional until the year is loaded.
 */
export function countedWithoutSchedule(from: Date, to: Date): boolean {
  const first = Number(shanghaiDay(from).slice(0, 4));
  const last = Number(shanghaiDay(to).slice(0, 4));
  for (let y = first; y <= last; y++) if (scheduleSource(y) === "fallback") return true;
  return false;
}
