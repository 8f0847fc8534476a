import { describe, expect, it } from "vitest";
import { dueDateFor, extendByCalendarDays } from "../../src/cases/time-limits.js";
import { reminderFor } from "../../src/deadlines/alarms.js";
import { formatDue } from "../../src/i18n/i18n.js";
import { judicialReminderAt, judicialWindowEnd } from "../../src/mediation/mediation.js";
import { reviewWindowOpen } from "../../src/cases/rules.js";
import { dueAfterCalendarDays } from "../../src/cases/time-limits.js";

/** Every expected moment below was counted by hand (Asia/Shanghai, UTC+8, no daylight saving). */
describe("urgent complaints counted in calendar hours (信访工作条例 art. 23)", () => {
  it.each([
    ["art. 23: received 2026-09-30 10:00, the eve of 国庆: due 24 h later, on the holiday", "2026-09-30T10:00:00+08:00", 24, "2026-10-01T10:00:00+08:00"],
    ["art. 23: received 2026-12-31 10:00, the eve of 元旦: due on New Year's Day at the same time", "2026-12-31T10:00:00+08:00", 24, "2027-01-01T10:00:00+08:00"],
    ["art. 23: received on a Saturday night, 23:30: due on Sunday night", "2026-11-28T23:30:00+08:00", 24, "2026-11-29T23:30:00+08:00"],
    ["art. 23: received during 春节 2026 (2-17 08:15)", "2026-02-17T08:15:00+08:00", 24, "2026-02-18T08:15:00+08:00"],
    ["art. 23: a deployment's 12 hours from 2026-10-01 22:00", "2026-10-01T22:00:00+08:00", 12, "2026-10-02T10:00:00+08:00"],
  ])("%s", (_name, received, hours, due) => {
    expect(dueDateFor("COMPLAINT", "URGENT", new Date(received), { urgentComplaintHours: hours }).toISOString()).toBe(new Date(due).toISOString());
  });

  it("art. 23: defaults to 24 hours; a normal complaint stays 15 working days (2026-09-30 → 2026-10-28, 国庆 and the 10-10 make-up day)", () => {
    expect(dueDateFor("COMPLAINT", "URGENT", new Date("2026-09-30T10:00:00+08:00")).toISOString()).toBe("2026-10-01T02:00:00.000Z");
    // 国庆 1–7 Oct off; counted 08, 09, 10 (Saturday, worked), 12–16, 19–23, 26, 27: the 15th working day is 10-27.
    expect(dueDateFor("COMPLAINT", "NORMAL", new Date("2026-09-30T10:00:00+08:00")).toISOString()).toBe("2026-10-27T15:59:59.999Z");
  });

  it("art. 23: shows the hour of an hour-counted due date, and only the day of a day-counted one", () => {
    expect(formatDue(new Date("2026-10-01T10:00:00+08:00"), "zh-CN")).toBe("2026年10月1日 10:00");
    expect(formatDue(new Date("2026-10-27T23:59:59.999+08:00"), "zh-CN")).toBe("2026年10月27日");
  });

  it("art. 23: reminds the handler when three quarters of the hours have passed (18 h into 24), holiday or not", () => {
    const c = { createdAt: new Date("2026-09-30T10:00:00+08:00"), dueAt: new Date("2026-10-01T10:00:00+08:00") };
    expect(reminderFor(c, 2).toISOString()).toBe(new Date("2026-10-01T04:00:00+08:00").toISOString());
  });
});

describe("complaint extensions and reviews (信访工作条例 arts. 34–35)", () => {
  it.each([
    ["art. 34: 10 days on a due date of 2026-12-18 (end of day) → 2026-12-28", "2026-12-18T23:59:59.999+08:00", 10, "2026-12-28T23:59:59.999+08:00"],
    ["art. 34: 30 days across 元旦 → 2027-01-17", "2026-12-18T23:59:59.999+08:00", 30, "2027-01-17T23:59:59.999+08:00"],
    ["art. 34: 2 days on an urgent complaint due 2026-10-01 10:00 → 10-03 10:00", "2026-10-01T10:00:00+08:00", 2, "2026-10-03T10:00:00+08:00"],
  ])("%s", (_name, due, days, extended) => {
    expect(extendByCalendarDays(new Date(due), days).toISOString()).toBe(new Date(extended).toISOString());
  });

  it.each([
    ["art. 35: answered 2026-11-01 10:00, a review asked 12-01 23:59 is in time", "2026-11-01T10:00:00+08:00", "2026-12-01T23:59:00+08:00", true],
    ["art. 35: answered 2026-11-01 10:00, asked 12-02 00:00 is too late", "2026-11-01T10:00:00+08:00", "2026-12-02T00:00:00+08:00", false],
    ["art. 35: answered 2026-12-20 23:50, asked 2027-01-19 12:00 (across 元旦) is in time", "2026-12-20T23:50:00+08:00", "2027-01-19T12:00:00+08:00", true],
  ])("%s", (_name, answered, asked, open) => {
    expect(reviewWindowOpen({ closedAt: new Date(answered) }, new Date(asked))).toBe(open);
  });

  it("art. 35: the review is due 30 days after the request, at the end of that day (asked 2026-11-30 → 2026-12-30)", () => {
    expect(dueAfterCalendarDays(new Date("2026-11-30T15:00:00+08:00"), 30).toISOString()).toBe(new Date("2026-12-30T23:59:59.999+08:00").toISOString());
  });
});

describe("the judicial-confirmation window of a mediation agreement (人民调解法 art. 33)", () => {
  it.each([
    ["art. 33: in effect 2026-11-02 11:00 → the 30 days end with 2026-12-02; a 7-day reminder at the end of 11-25", "2026-11-02T11:00:00+08:00", 7, "2026-12-02T23:59:59.999+08:00", "2026-11-25T23:59:59.999+08:00"],
    ["art. 33: in effect 2026-12-20 → ends 2027-01-19 (元旦 counts); a 3-day reminder at the end of 01-16", "2026-12-20T09:00:00+08:00", 3, "2027-01-19T23:59:59.999+08:00", "2027-01-16T23:59:59.999+08:00"],
  ])("%s", (_name, effective, days, end, remind) => {
    const iso = new Date(effective).toISOString();
    expect(judicialWindowEnd(iso).toISOString()).toBe(new Date(end).toISOString());
    expect(judicialReminderAt(iso, days).toISOString()).toBe(new Date(remind).toISOString());
  });
});
