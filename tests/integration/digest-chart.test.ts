import sharp from "sharp";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startStack, type Stack } from "../helpers/stack.js";
import { castOf, caseOf, type Cast } from "../helpers/case-fixtures.js";
import { renderWeekChart, weekFigures } from "../../src/deadlines/week-chart.js";

// Issue 13, "Figures": "The supervisors' morning digest in chat gains one chart image of their
// department's week (rendered on the server, e.g. ECharts' SSR to SVG then PNG), sent with sendPhoto."
// The clock: Thursday 2026-11-26, 09:00 Beijing time (a working day, so the digest goes out); the
// week is 11-20 (Friday) to 11-26. Every count below was made by hand from the seeded dates.
const NOW = new Date("2026-11-26T09:00:00+08:00");
const HOUSING_SUPERVISOR = 900003;
const at = (s: string) => new Date(`${s}+08:00`);

let stack: Stack;
let cast: Cast;

async function seeded(dates: { createdAt: string; closedAt?: string; dueAt: string }, department: "housing" | "environment" = "housing") {
  // Housing's accepted, the other department's only routed (the live workers may route it first:
  // caseOf puts it where asked).
  const c = await caseOf(stack.core, cast, "COMPLAINT", { department, accepted: department === "housing" });
  await stack.core.prisma.case.update({
    where: { id: c.id },
    data: {
      createdAt: at(dates.createdAt),
      dueAt: at(dates.dueAt),
      ...(dates.closedAt ? { status: "CLOSED", closedAt: at(dates.closedAt), answer: "已办理。" } : {}),
    },
  });
}

beforeAll(async () => {
  stack = await startStack({ now: () => NOW });
  cast = await castOf(stack.core);
  await seeded({ createdAt: "2026-11-20T10:00:00", closedAt: "2026-11-21T10:00:00", dueAt: "2026-11-25T18:00:00" }); // A
  await seeded({ createdAt: "2026-11-20T15:00:00", dueAt: "2026-11-24T18:00:00" }); // B: open, overdue from the 24th
  await seeded({ createdAt: "2026-11-23T09:00:00", closedAt: "2026-11-26T08:00:00", dueAt: "2026-11-25T12:00:00" }); // C: closed late
  await seeded({ createdAt: "2026-11-26T08:30:00", dueAt: "2026-12-03T18:00:00" }); // D
  await seeded({ createdAt: "2026-11-10T09:00:00", closedAt: "2026-11-22T14:00:00", dueAt: "2026-11-30T18:00:00" }); // E: received before the week
  await seeded({ createdAt: "2026-11-24T09:00:00", dueAt: "2026-11-25T09:00:00" }, "environment"); // another department's
}, 60_000);
afterAll(async () => {
  await stack?.stop();
});

describe("the week chart of the supervisors' morning digest", () => {
  it("counts the department's last seven days", async () => {
    const f = await weekFigures(stack.core.prisma, cast.housing.id, NOW);
    expect(f.days).toEqual(["2026-11-20", "2026-11-21", "2026-11-22", "2026-11-23", "2026-11-24", "2026-11-25", "2026-11-26"]);
    expect(f.received).toEqual([2, 0, 0, 1, 0, 0, 1]); // A, B; C; D
    expect(f.closed).toEqual([0, 1, 1, 0, 0, 0, 1]); // A; E; C
    expect(f.closedOnTime).toEqual([0, 1, 1, 0, 0, 0, 0]); // C was late
    expect(f.overdueAtDayEnd).toEqual([0, 0, 0, 0, 1, 2, 1]); // B from the 24th; C on the 25th only (closed at 08:00 today)
  });

  it("is drawn on the server as SVG, then PNG", async () => {
    const f = await weekFigures(stack.core.prisma, cast.housing.id, NOW);
    const { svg, png } = await renderWeekChart(f, { title: "区住房和城乡建设局 · 近 7 日办理情况", received: "受理", closed: "办结", onTime: "按时办结", overdue: "日末逾期未办结" });
    expect(svg.startsWith("<svg")).toBe(true);
    for (const s of ["近 7 日办理情况", "受理", "日末逾期未办结", "11/20", "11/26"]) expect(svg).toContain(s);
    const meta = await sharp(png).metadata();
    expect(meta).toMatchObject({ format: "png", width: 800, height: 450 });
  });

  it("arrives in the staff bot as a photo after the digest, through the delivery system", async () => {
    await stack.core.queues.maintenance.add("digest", { task: "digest" });
    const supervisor = stack.staff(HOUSING_SUPERVISOR);
    await supervisor.expect(/逾期和即将到期的事项/, 20_000);
    const photo = await supervisor.expect(/近 7 日：受理 4 件，办结 3 件（按时 2 件），目前逾期未办结 1 件。/, 20_000);
    expect(photo.media?.kind).toBe("photo");
    expect(photo.text).toContain("区住房和城乡建设局");
    const image = await sharp(await supervisor.download(photo.media!)).metadata();
    expect(image).toMatchObject({ width: 800, height: 450 });

    // One delivery per message, each recorded as sent: the chart is the digest's last part.
    const row = await stack.core.prisma.outboxMessage.findFirstOrThrow({ where: { name: "digest", payload: { path: ["staffId"], equals: (await stack.core.prisma.staffMember.findUniqueOrThrow({ where: { telegramId: BigInt(HOUSING_SUPERVISOR) } })).id } } });
    const deliveries = await stack.core.prisma.notificationDelivery.findMany({ where: { outboxId: row.id }, orderBy: { part: "asc" } });
    expect(deliveries.map((d) => d.outcome)).toEqual(deliveries.map(() => "sent"));
    expect(deliveries.length).toBeGreaterThanOrEqual(2);
  }, 40_000);
});
