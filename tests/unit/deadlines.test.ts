import { afterEach, describe, expect, it } from "vitest";
import { addWorkingDays, onUnknownYear, scheduleSource, shanghaiDay, useYearSchedule } from "../../src/clock/calendar.js";
import { correctionDeadline, disclosureDue, dueAfterCorrection, extendDue } from "../../src/clock/deadlines.js";
import { reminderTime } from "../../src/deadlines/alarms.js";

/** An instant on a Shanghai calendar day, 10:00 local time. */
const at = (day: string) => new Date(`${day}T10:00:00+08:00`);

// Expected days counted by hand on the State Council's 2026 schedule: Spring Festival 15–23 Feb off,
// Saturdays 14 and 28 Feb worked; National Day 1–7 Oct off, Saturday 10 Oct worked.
describe("working-day deadlines across the 2026 holidays", () => {
  it.each([
    ["Fri before Spring Festival, 1 day: the make-up Saturday counts", "2026-02-13", 1, "2026-02-14"],
    ["make-up Saturday, 3 days: the holiday week is skipped", "2026-02-14", 3, "2026-02-26"],
    ["received during Spring Festival: counting starts after it", "2026-02-17", 1, "2026-02-24"],
    ["received on the last holiday day", "2026-02-23", 2, "2026-02-25"],
    ["20 days across Spring Festival and the 28 Feb make-up day", "2026-02-09", 20, "2026-03-13"],
    ["the day before National Day, 1 day", "2026-09-30", 1, "2026-10-08"],
    ["received during National Day", "2026-10-03", 1, "2026-10-08"],
    ["20 days across National Day and the 10 Oct make-up day", "2026-09-30", 20, "2026-11-03"],
    ["an ordinary Friday, 15 days", "2026-11-27", 15, "2026-12-18"],
  ])("%s", (_name, received, days, due) => {
    expect(addWorkingDays(at(received), days)).toBe(due);
  });

  it("gives disclosure requests 20 working days, due at the end of the Shanghai day", () => {
    expect(disclosureDue(at("2026-09-30")).toISOString()).toBe("2026-11-03T15:59:59.999Z");
    expect(shanghaiDay(disclosureDue(at("2026-09-30")))).toBe("2026-11-03");
  });

  it("allows a correction (补正) within 7 working days, then restarts the clock from the corrected request", () => {
    expect(shanghaiDay(correctionDeadline(at("2026-11-02")))).toBe("2026-11-11");
    expect(shanghaiDay(dueAfterCorrection(at("2026-11-20")))).toBe("2026-12-18");
  });

  it("extends once by at most 20 working days, counted on from the due date", () => {
    expect(shanghaiDay(extendDue(disclosureDue(at("2026-09-30")), 5))).toBe("2026-11-10");
    expect(() => extendDue(at("2026-11-03"), 21)).toThrow(RangeError);
    expect(() => extendDue(at("2026-11-03"), 0)).toThrow(RangeError);
  });

  it("reminds at 09:00 Shanghai time the given working days before the due day", () => {
    // Due Thu 8 Oct 2026: two working days before is Tue 29 Sep (1–7 Oct are holidays).
    expect(reminderTime(new Date("2026-10-08T15:59:59.999Z"), 2).toISOString()).toBe("2026-09-29T01:00:00.000Z");
  });
});

describe("a year the package does not know yet", () => {
  afterEach(() => useYearSchedule(2027, null));

  it("counts the statutory holidays of the 2024 regulations (art. 2, 6), says so once, and yields to a loaded schedule", () => {
    const told: number[] = [];
    const stop = onUnknownYear((y) => told.push(y));
    expect(scheduleSource(2027)).toBe("fallback");
    // Due Fri 18 Dec 2026 + 20 working days, counted by hand: 21–25 Dec (5), 28–31 Dec (9),
    // Fri 1 Jan 2027 is 元旦 (art. 2), 4–8 Jan (14), 11–15 Jan (19), Mon 18 Jan (20).
    expect(shanghaiDay(extendDue(at("2026-12-18"), 20))).toBe("2027-01-18");
    expect(addWorkingDays(at("2027-03-01"), 1)).toBe("2027-03-02");
    expect(told).toEqual([2027]);

    // The official 2027 schedule, as an administrator would load it: New Year's Day off, a make-up Saturday.
    useYearSchedule(2027, { holidays: new Set(["2027-01-01"]), workdays: new Set(["2027-01-09"]) });
    expect(scheduleSource(2027)).toBe("loaded");
    expect(shanghaiDay(extendDue(at("2026-12-18"), 20))).toBe("2027-01-15"); // the make-up Saturday 9 Jan makes up for 1 Jan
    expect(addWorkingDays(at("2026-12-31"), 1)).toBe("2027-01-04");
    expect(addWorkingDays(at("2027-01-08"), 1)).toBe("2027-01-09");
    stop();
  });

  it("skips 春节 2027 (除夕 Fri 5 Feb to 初三 Mon 8 Feb, with Sat 6 and Sun 7 given back on Tue 9 and Wed 10 Feb)", () => {
    // Received Thu 4 Feb 2027: 5–10 Feb are holidays, so the first working day is Thu 11 Feb.
    expect(addWorkingDays(at("2027-02-04"), 1)).toBe("2027-02-11");
  });
});
