import { describe, expect, it } from "vitest";
import chineseDaysData from "chinese-days/dist/chinese-days.json" with { type: "json" };
import { statutoryHolidays } from "../../src/clock/statutory-holidays.js";

// 全国年节及纪念日放假办法 (revised 2024), art. 2 and art. 6. Lunar dates below are read off a printed
// almanac (万年历), not computed: 2027 除夕 5 Feb, 初一 6 Feb; 清明 5 Apr; 端午 9 Jun; 中秋 15 Sep.
describe("statutory holidays for a year without an official schedule (放假办法 art. 2, 6)", () => {
  it("lists the 13 statutory days of 2027 and the 补假 for those falling on a weekend", () => {
    const days = statutoryHolidays(2027).map((d) => `${d.day}${d.inLieu ? " 补" : ""} ${d.name}`);
    expect(days).toEqual([
      "2027-01-01 元旦", // Friday
      "2027-02-05 春节", // 除夕, Friday
      "2027-02-06 春节", // 初一, Saturday
      "2027-02-07 春节", // 初二, Sunday
      "2027-02-08 春节", // 初三, Monday
      "2027-02-09 补 春节", // for Saturday 6 Feb
      "2027-02-10 补 春节", // for Sunday 7 Feb
      "2027-04-05 清明节", // Monday
      "2027-05-01 劳动节", // Saturday
      "2027-05-02 劳动节", // Sunday
      "2027-05-03 补 劳动节",
      "2027-05-04 补 劳动节",
      "2027-06-09 端午节", // Wednesday
      "2027-09-15 中秋节", // Wednesday
      "2027-10-01 国庆节", // Friday
      "2027-10-02 国庆节", // Saturday
      "2027-10-03 国庆节", // Sunday
      "2027-10-04 补 国庆节",
      "2027-10-05 补 国庆节",
    ]);
  });

  it.each([2025, 2026])("never calls a day a holiday that the State Council's %i schedule has as a working day", (year) => {
    const holidays = chineseDaysData.holidays as Record<string, string>;
    const computed = statutoryHolidays(year).map((d) => d.day);
    // Every computed day is off in the official schedule (the official one adds 调休 days around them).
    expect(computed.filter((day) => !(day in holidays))).toEqual([]);
    expect(computed.filter((d) => !d.startsWith(`${year}-`))).toEqual([]);
  });
});
