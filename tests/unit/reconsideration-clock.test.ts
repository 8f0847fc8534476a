import { describe, expect, it } from "vitest";
import { shanghaiDay } from "../../src/clock/calendar.js";
import {
  applicationWindowEnd,
  correctionPeriodEnd,
  correctionWindowEnd,
  decisionDue,
  extendDecisionDue,
  isLateApplication,
  replyDue,
  reviewDue,
} from "../../src/clock/reconsideration.js";

/** An instant on a Shanghai calendar day, 10:00 local time. */
const at = (day: string, time = "10:00") => new Date(`${day}T${time}:00+08:00`);
const day = (d: Date) => shanghaiDay(d);

// Every expected day below is counted by hand on the State Council's 2026 schedule (国办发明电
// 2025 notice): 清明 4–6 Apr off; 劳动节 1–5 May off, Sat 9 May worked; 中秋 25–27 Sep off, Sun 20 Sep
// worked; 国庆 1–7 Oct off, Sat 10 Oct worked. Working-day periods per 行政复议法 art. 88 ¶2; the
// others in calendar days with a last day on a rest day moved to the next working day (art. 88 ¶1,
// 民事诉讼法 art. 85).
describe("acceptance review: 5 working days (art. 30 ¶1, art. 88 ¶2)", () => {
  it("counts the make-up Sunday 20 Sep: Fri 18 Sep → Sun 20 (1), Mon 21 (2), Tue 22 (3), Wed 23 (4), Thu 24 Sep (5)", () => {
    expect(day(reviewDue(at("2026-09-18")))).toBe("2026-09-24");
  });
  it("skips National Day: Wed 30 Sep → Thu 8 Oct (1), Fri 9 (2), Sat 10 worked (3), Mon 12 (4), Tue 13 Oct (5)", () => {
    expect(day(reviewDue(at("2026-09-30")))).toBe("2026-10-13");
  });
  it("ends at the end of the Shanghai day", () => {
    expect(reviewDue(at("2026-09-18")).toISOString()).toBe("2026-09-24T15:59:59.999Z");
  });
});

describe("补正 (art. 31)", () => {
  it("may be asked within 5 working days of receipt: Mon 9 Nov → 10, 11, 12, 13, Mon 16 Nov", () => {
    expect(day(correctionWindowEnd(at("2026-11-09")))).toBe("2026-11-16");
  });
  it("gives the applicant 10 working days: Tue 10 Nov → 11, 12, 13, 16, 17, 18, 19, 20, 23, Tue 24 Nov", () => {
    expect(day(correctionPeriodEnd(at("2026-11-10")))).toBe("2026-11-24");
  });
  it("restarts the review on the corrected application (art. 31 ¶3): Mon 16 Nov → 17, 18, 19, 20, Mon 23 Nov", () => {
    expect(day(reviewDue(at("2026-11-16")))).toBe("2026-11-23");
  });
});

describe("the respondent's reply: 10 working days (art. 48)", () => {
  it("skips 清明: Fri 3 Apr → Tue 7 (1), 8, 9, 10, Mon 13 (5), 14, 15, 16, 17, Mon 20 Apr (10)", () => {
    expect(day(replyDue(at("2026-04-03")))).toBe("2026-04-20");
  });
});

describe("the decision: 60 days ordinary, 30 simplified (art. 62), calendar days (民事诉讼法 art. 85)", () => {
  it("60 days from Mon 1 Jun: 2 Jun is day 1, 30 Jun day 29, Fri 31 Jul day 60", () => {
    expect(day(decisionDue("2026-06-01", "ordinary"))).toBe("2026-07-31");
  });
  it("60 days from Mon 2 Mar land on Fri 1 May (31 Mar day 29, 30 Apr day 59): moved past 1–5 May to Wed 6 May", () => {
    expect(day(decisionDue("2026-03-02", "ordinary"))).toBe("2026-05-06");
  });
  it("30 days from Thu 27 Aug land on Sat 26 Sep (31 Aug day 4), 中秋 25–27 Sep: moved to Mon 28 Sep", () => {
    expect(day(decisionDue("2026-08-27", "simplified"))).toBe("2026-09-28");
  });
  it("an extension of at most 30 days: Fri 31 Jul + 30 = Sun 30 Aug, moved to Mon 31 Aug", () => {
    expect(day(extendDecisionDue(decisionDue("2026-06-01", "ordinary"), 30))).toBe("2026-08-31");
  });
  it("refuses an extension of 31 days or none", () => {
    expect(() => extendDecisionDue(at("2026-07-31"), 31)).toThrow(RangeError);
    expect(() => extendDecisionDue(at("2026-07-31"), 0)).toThrow(RangeError);
  });
});

describe("the application window (art. 20)", () => {
  it("is 60 days from learning of the act (¶1): 1 Aug → 2 Aug day 1, 31 Aug day 30, Wed 30 Sep day 60", () => {
    expect(applicationWindowEnd("2026-08-01", true)).toBe("2026-09-30");
    expect(isLateApplication("2026-08-01", true, at("2026-09-30", "23:30"))).toBe(false);
    expect(isLateApplication("2026-08-01", true, at("2026-10-01", "00:10"))).toBe(true);
  });
  it("moves a last day in National Day to Thu 8 Oct: 2 Aug + 60 = 1 Oct", () => {
    expect(applicationWindowEnd("2026-08-02", true)).toBe("2026-10-08");
    expect(isLateApplication("2026-08-02", true, at("2026-10-08"))).toBe(false);
    expect(isLateApplication("2026-08-02", true, at("2026-10-09"))).toBe(true);
  });
  it("keeps a last day on a worked Saturday: 10 Mar + 60 = Sat 9 May, a make-up working day (31 Mar day 21, 30 Apr day 51)", () => {
    expect(applicationWindowEnd("2026-03-10", true)).toBe("2026-05-09");
  });
  it("is one year at most when the notice named no body or period (¶3): 1 Oct 2025 → 1 Oct 2026, in National Day → 8 Oct", () => {
    expect(applicationWindowEnd("2025-10-01", false)).toBe("2026-10-08");
    expect(isLateApplication("2025-10-01", false, at("2026-06-01"))).toBe(false);
    expect(isLateApplication("2025-10-01", true, at("2026-06-01"))).toBe(true);
    expect(isLateApplication("2025-10-01", false, at("2026-10-09"))).toBe(true);
  });
});
