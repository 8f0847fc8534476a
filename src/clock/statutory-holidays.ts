import { Lunar } from "lunar-typescript";

/**
 * The public holidays fixed by 全国年节及纪念日放假办法 (State Council, revised 2024, in force
 * 2025-01-01), art. 2: 元旦 1 day (1 Jan); 春节 4 days (除夕 to 初三); 清明节 1 day (the 清明
 * solar term); 劳动节 2 days (1–2 May); 端午节 1 day (5th of the 5th lunar month); 中秋节 1 day
 * (15th of the 8th lunar month); 国庆节 3 days (1–3 Oct). Art. 6: a holiday of all citizens that
 * falls on a Saturday or Sunday is given back on a working day (补假).
 *
 * This is what the law fixes for ANY year. Which weekend days are worked in exchange for longer
 * breaks (调休), and where exactly a 补假 day lands, are set each year by the State Council's notice:
 * a year computed from this alone is provisional until that notice is loaded (`calendar:load`).
 * Lunar dates and solar terms come from lunar-typescript (a maintained almanac library).
 */
export type StatutoryDay = { day: string; name: string; inLieu?: boolean };

const pad = (n: number) => String(n).padStart(2, "0");
const ymd = (y: number, m: number, d: number) => `${y}-${pad(m)}-${pad(d)}`;
const DAY_MS = 86_400_000;
const shift = (day: string, n: number) => new Date(Date.parse(`${day}T00:00:00Z`) + n * DAY_MS).toISOString().slice(0, 10);
const weekend = (day: string) => {
  const dow = new Date(`${day}T00:00:00Z`).getUTCDay();
  return dow === 0 || dow === 6;
};

/** The statutory holidays of `year`, each festival's days in order, with 补假 days (art. 6) placed after the festival. */
export function statutoryHolidays(year: number): StatutoryDay[] {
  const lunarNewYear = Lunar.fromYmd(year, 1, 1).getSolar().toYmd();
  const festivals: { name: string; days: string[] }[] = [
    { name: "元旦", days: [ymd(year, 1, 1)] },
    { name: "春节", days: [shift(lunarNewYear, -1), lunarNewYear, shift(lunarNewYear, 1), shift(lunarNewYear, 2)] },
    { name: "清明节", days: [Lunar.fromYmd(year, 3, 1).getJieQiTable()["清明"].toYmd()] },
    { name: "劳动节", days: [ymd(year, 5, 1), ymd(year, 5, 2)] },
    { name: "端午节", days: [Lunar.fromYmd(year, 5, 5).getSolar().toYmd()] },
    { name: "中秋节", days: [Lunar.fromYmd(year, 8, 15).getSolar().toYmd()] },
    { name: "国庆节", days: [ymd(year, 10, 1), ymd(year, 10, 2), ymd(year, 10, 3)] },
  ];
  const taken = new Set(festivals.flatMap((f) => f.days));
  const out: StatutoryDay[] = [];
  for (const f of festivals) {
    for (const day of f.days) out.push({ day, name: f.name });
    // Each festival day on a weekend is given back on the next weekday after the festival that is not a holiday itself.
    let cursor = f.days[f.days.length - 1];
    for (let owed = f.days.filter(weekend).length; owed > 0; ) {
      cursor = shift(cursor, 1);
      if (weekend(cursor) || taken.has(cursor)) continue;
      taken.add(cursor);
      out.push({ day: cursor, name: f.name, inLieu: true });
      owed--;
    }
  }
  return out;
}
