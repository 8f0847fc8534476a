import { describe, expect, it } from "vitest";
import { addWorkingDays, dueAfterWorkingDays, isWorkingDay, shanghaiDay, useYearSchedule } from "../../src/clock/calendar.js";

describe("working-day calendar (Asia/Shanghai)", () => {
  it("knows the 2026 holidays and make-up workdays", () => {
    expect(isWorkingDay("2026-10-01")).toBe(false); // National Day
    expect(isWorkingDay("2026-02-14")).toBe(true); // Saturday make-up day before Spring Festival
    expect(isWorkingDay("2026-11-27")).toBe(true); // a Friday
    expect(isWorkingDay("2026-11-28")).toBe(false); // a Saturday
  });

  it("reads the calendar day in Shanghai whatever the process time zone", () => {
    expect(shanghaiDay(new Date("2026-11-27T15:59:59Z"))).toBe("2026-11-27");
    expect(shanghaiDay(new Date("2026-11-27T16:00:00Z"))).toBe("2026-11-28");
  });

  it("counts from the day after receipt, skipping weekends", () => {
    // Received Friday 27 Nov: Mon 30 Nov is working day 1.
    expect(addWorkingDays(new Date("2026-11-27T02:00:00Z"), 1)).toBe("2026-11-30");
    expect(addWorkingDays(new Date("2026-11-27T02:00:00Z"), 15)).toBe("2026-12-18");
  });

  it("skips the National Day holiday", () => {
    // Received Wednesday 30 Sep 2026; 1–7 Oct are holidays, so day 1 is Thursday 8 Oct.
    expect(addWorkingDays(new Date("2026-09-30T04:00:00Z"), 1)).toBe("2026-10-08");
  });

  it("puts the deadline at the end of the Shanghai day", () => {
    expect(dueAfterWorkingDays(new Date("2026-11-27T02:00:00Z"), 1).toISOString()).toBe("2026-11-30T15:59:59.999Z");
  });

  it("counts again when a year's schedule is loaded or removed (period ends are kept per process)", () => {
    const friday = new Date("2026-11-27T02:00:00Z");
    // Counted by hand: Mon 30 Nov, Tue 1, Wed 2 Dec are working days 1–3.
    expect(addWorkingDays(friday, 3)).toBe("2026-12-02");
    expect(addWorkingDays(friday, 3)).toBe("2026-12-02");
    // An administrator's 2026 schedule that makes Tue 1 Dec a holiday: day 3 is Thu 3 Dec.
    try {
      useYearSchedule(2026, { holidays: new Set(["2026-12-01"]), workdays: new Set() });
      expect(addWorkingDays(friday, 3)).toBe("2026-12-03");
    } finally {
      useYearSchedule(2026, null);
    }
    expect(addWorkingDays(friday, 3)).toBe("2026-12-02");
  });
});
