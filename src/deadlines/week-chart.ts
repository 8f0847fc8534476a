import type { EChartsOption } from "echarts";
import type { Prisma } from "../db/prisma.js";
import { shanghaiDay } from "../clock/calendar.js";

const DAY_MS = 86_400_000;
/** Beijing time has no daylight saving: a Shanghai day starts at 16:00 UTC the day before. */
const dayStart = (day: string) => new Date(`${day}T00:00:00+08:00`);

/** One department's last seven days (Shanghai calendar days, today last). */
export type WeekFigures = { days: string[]; received: number[]; closed: number[]; closedOnTime: number[]; overdueAtDayEnd: number[] };

/**
 * Counts per day: cases received, closed, closed no later than their due date, and open past their
 * due date at the day's end (or now, for today). For the supervisors' morning digest chart.
 */
export async function weekFigures(prisma: Prisma, departmentId: number, now: Date): Promise<WeekFigures> {
  const today = shanghaiDay(now);
  const days = Array.from({ length: 7 }, (_, i) => shanghaiDay(new Date(dayStart(today).getTime() - (6 - i) * DAY_MS + 12 * 3_600_000)));
  const from = dayStart(days[0]);
  const cases = await prisma.case.findMany({
    where: { departmentId, OR: [{ createdAt: { gte: from } }, { closedAt: { gte: from } }, { closedAt: null }, { dueAt: { gte: from } }] },
    select: { createdAt: true, closedAt: true, dueAt: true },
  });
  const ends = days.map((d, i) => (i === 6 ? now : new Date(dayStart(d).getTime() + DAY_MS)));
  const on = (at: Date | null, d: string) => at !== null && shanghaiDay(at) === d;
  return {
    days,
    received: days.map((d) => cases.filter((c) => on(c.createdAt, d)).length),
    closed: days.map((d) => cases.filter((c) => on(c.closedAt, d)).length),
    closedOnTime: days.map((d) => cases.filter((c) => on(c.closedAt, d) && c.closedAt! <= c.dueAt).length),
    overdueAtDayEnd: ends.map((end) => cases.filter((c) => c.createdAt < end && c.dueAt < end && (c.closedAt === null || c.closedAt > end)).length),
  };
}

export type WeekChartLabels = { title: string; received: string; closed: string; onTime: string; overdue: string };

/** A bar's count above it, none for an empty day (zeros would crowd the axis). */
const countLabel = { show: true, position: "top" as const, formatter: (p: { value: unknown }) => (Number(p.value) > 0 ? String(p.value) : "") };

/** The ECharts option of the week chart: three bars a day and the overdue count as a line. */
export function weekChartOption(f: WeekFigures, l: WeekChartLabels): EChartsOption {
  return {
    animation: false,
    backgroundColor: "#ffffff",
    textStyle: { fontFamily: "Noto Sans CJK SC, Noto Sans SC, sans-serif" },
    title: { text: l.title, left: "center", top: 10, textStyle: { fontSize: 18 } },
    legend: { top: 44, data: [l.received, l.closed, l.onTime, l.overdue] },
    grid: { left: 48, right: 24, top: 90, bottom: 40 },
    xAxis: { type: "category", data: f.days.map((d) => `${Number(d.slice(5, 7))}/${Number(d.slice(8, 10))}`) },
    yAxis: { type: "value", minInterval: 1 },
    series: [
      { name: l.received, type: "bar", data: f.received, label: countLabel },
      { name: l.closed, type: "bar", data: f.closed, label: countLabel },
      { name: l.onTime, type: "bar", data: f.closedOnTime },
      { name: l.overdue, type: "line", data: f.overdueAtDayEnd, itemStyle: { color: "#b71c1c" }, lineStyle: { width: 3 } },
    ],
  };
}

/** The chart drawn on the server: ECharts' SSR to SVG, then a PNG with sharp (librsvg, system CJK fonts). */
export async function renderWeekChart(f: WeekFigures, l: WeekChartLabels, size = { width: 800, height: 450 }): Promise<{ svg: string; png: Buffer }> {
  // ECharts (~33 MB) and sharp (~24 MB) are loaded when a chart is first drawn, not by every
  // process that imports the digest code (the workers' RSS budget, issues 8 and 11).
  const [echarts, { default: sharp }] = await Promise.all([import("echarts"), import("sharp")]);
  const chart = echarts.init(null, null, { renderer: "svg", ssr: true, width: size.width, height: size.height });
  try {
    chart.setOption(weekChartOption(f, l));
    const svg = chart.renderToSVGString();
    return { svg, png: await sharp(Buffer.from(svg)).png().toBuffer() };
  } finally {
    chart.dispose();
  }
}
