import { z } from "zod";
import type { Prisma } from "../db/prisma.js";
import { useYearSchedule } from "./calendar.js";

const DAY = /^\d{4}-\d{2}-\d{2}$/;
const isRealDay = (d: string) => DAY.test(d) && new Date(`${d}T00:00:00Z`).toISOString().slice(0, 10) === d;
const dayEntry = z.union([
  z.string().refine(isRealDay, "must be a date YYYY-MM-DD"),
  z.object({ day: z.string().refine(isRealDay, "must be a date YYYY-MM-DD"), name: z.string().optional() }),
]);

/**
 * A year's official schedule as an administrator loads it (the State Council publishes each year's
 * in late autumn): its holidays, and the weekend days that are working days (调休).
 */
export const scheduleFileSchema = z
  .object({
    year: z.number().int().min(2000).max(2100),
    holidays: z.array(dayEntry).min(1, "a year has holidays"),
    workdays: z.array(dayEntry).default([]),
  })
  .superRefine((f, ctx) => {
    const days = (list: typeof f.holidays) => list.map((e) => (typeof e === "string" ? e : e.day));
    const holidays = days(f.holidays);
    for (const d of [...holidays, ...days(f.workdays)]) {
      if (!d.startsWith(`${f.year}-`)) ctx.addIssue({ code: "custom", message: `${d} is not in ${f.year}` });
    }
    for (const d of days(f.workdays)) {
      if (holidays.includes(d)) ctx.addIssue({ code: "custom", message: `${d} is listed as a holiday and as a workday` });
    }
  });
export type ScheduleFile = z.infer<typeof scheduleFileSchema>;

/** Loaded schedules live in CalendarDay; every process installs them into the calendar at start. */
export function createScheduleService(deps: { prisma: Prisma }) {
  const { prisma } = deps;

  async function load(): Promise<number[]> {
    const rows = await prisma.calendarDay.findMany();
    const byYear = new Map<number, { holidays: Set<string>; workdays: Set<string> }>();
    for (const r of rows) {
      const y = byYear.get(r.year) ?? { holidays: new Set<string>(), workdays: new Set<string>() };
      (r.workday ? y.workdays : y.holidays).add(r.day);
      byYear.set(r.year, y);
    }
    for (const [year, schedule] of byYear) useYearSchedule(year, schedule);
    return [...byYear.keys()].sort();
  }

  return {
    load,
    /** Replaces the year's schedule with the file's and installs it. Throws on an invalid file, naming the problem. */
    async importSchedule(input: unknown): Promise<{ year: number; holidays: number; workdays: number }> {
      const parsed = scheduleFileSchema.safeParse(input);
      if (!parsed.success) {
        const i = parsed.error.issues[0];
        throw new Error(`invalid schedule: ${i.path.length ? `${i.path.join(".")}: ` : ""}${i.message}`);
      }
      const f = parsed.data;
      const rows = [
        ...f.holidays.map((e) => ({ e, workday: false })),
        ...f.workdays.map((e) => ({ e, workday: true })),
      ].map(({ e, workday }) => ({
        day: typeof e === "string" ? e : e.day,
        name: typeof e === "string" ? null : (e.name ?? null),
        year: f.year,
        workday,
      }));
      await prisma.$transaction([
        prisma.calendarDay.deleteMany({ where: { year: f.year } }),
        prisma.calendarDay.createMany({ data: rows, skipDuplicates: true }),
      ]);
      await load();
      return { year: f.year, holidays: f.holidays.length, workdays: f.workdays.length };
    },
  };
}

export type ScheduleService = ReturnType<typeof createScheduleService>;
