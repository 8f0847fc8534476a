import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createCore, type Core } from "../../src/core.js";
import { testConfig } from "../helpers/env.js";
import { resetDatabase } from "../helpers/db.js";
import { castOf, type Cast } from "../helpers/case-fixtures.js";
import { createHttpApp } from "../../http/server.js";
import { createFiguresService, rates, type FiguresRow } from "../../src/web/figures-service.js";
import { signIn } from "./web-helpers.js";

// Issue 13, "Figures (三率 and more)": a seeded month counted by hand. Period 2026-11-01..2026-11-30
// in Beijing time (UTC+8), i.e. [2026-10-31T16:00Z, 2026-11-30T16:00Z); "now" is 2026-11-20T02:00Z.
const NOW = new Date("2026-11-20T02:00:00Z");
let core: Core;
let cast: Cast;
let app: ReturnType<typeof createHttpApp>;
const Z = (s: string) => new Date(s);

beforeAll(async () => {
  core = createCore(testConfig(), { now: () => NOW });
  await resetDatabase(core.prisma);
  app = createHttpApp(core);
  cast = await castOf(core);
  const staffActor = `staff:${cast.handler.id}`;
  let n = 0;
  const make = async (o: {
    kind: "COMPLAINT" | "DISCLOSURE" | "MEDIATION";
    dept: number | null;
    status: "CLOSED" | "IN_PROGRESS" | "AWAITING_CORRECTION" | "PENDING_DISPATCH";
    created: string;
    due: string;
    closed?: string;
    satisfied?: boolean;
    firstActionHours?: number;
    reopenedAt?: string;
  }) => {
    n++;
    const c = await core.prisma.case.create({
      data: {
        number: `MS-2026-9${String(n).padStart(5, "0")}`,
        submissionKey: `fig-${n}`,
        kind: o.kind,
        status: o.status,
        citizenId: cast.applicant.id,
        departmentId: o.dept,
        text: "测试事项",
        createdAt: Z(o.created),
        dueAt: Z(o.due),
        closedAt: o.closed ? Z(o.closed) : null,
        satisfied: o.satisfied ?? null,
      },
    });
    await core.prisma.caseEvent.create({ data: { caseId: c.id, actor: "citizen", action: "submit", toStatus: "SUBMITTED", createdAt: Z(o.created) } });
    if (o.firstActionHours !== undefined) {
      const at = new Date(Z(o.created).getTime() + o.firstActionHours * 3_600_000);
      await core.prisma.caseEvent.create({ data: { caseId: c.id, actor: staffActor, action: "accept", toStatus: "IN_PROGRESS", createdAt: at } });
    }
    if (o.reopenedAt) await core.prisma.caseEvent.create({ data: { caseId: c.id, actor: "citizen", action: "reopen", fromStatus: "CLOSED", toStatus: "REOPENED", createdAt: Z(o.reopenedAt) } });
  };
  const H = cast.housing.id;
  const E = cast.environment.id;
  // A: housing complaint, received 11-02 00:00 Beijing, closed on time, satisfied. Answer 82 h.
  await make({ kind: "COMPLAINT", dept: H, status: "CLOSED", created: "2026-11-01T16:00:00Z", due: "2026-11-10T15:59:59Z", closed: "2026-11-05T02:00:00Z", satisfied: true, firstActionHours: 2 });
  // B: housing complaint, closed after its due date, not satisfied, reopened (then closed again). Answer 288 h.
  await make({ kind: "COMPLAINT", dept: H, status: "CLOSED", created: "2026-11-03T00:00:00Z", due: "2026-11-12T15:59:59Z", closed: "2026-11-15T00:00:00Z", satisfied: false, firstActionHours: 4, reopenedAt: "2026-11-14T00:00:00Z" });
  // C: housing disclosure request, open, due 11-18: overdue now.
  await make({ kind: "DISCLOSURE", dept: H, status: "IN_PROGRESS", created: "2026-11-10T00:00:00Z", due: "2026-11-18T00:00:00Z", firstActionHours: 6 });
  // D: housing complaint received in October, closed late on 11-02 (counts as closed, not received). Answer 312 h.
  await make({ kind: "COMPLAINT", dept: H, status: "CLOSED", created: "2026-10-20T00:00:00Z", due: "2026-11-01T00:00:00Z", closed: "2026-11-02T00:00:00Z", firstActionHours: 1 });
  // E: housing disclosure waiting for correction since October: its clock is stopped, so not overdue.
  await make({ kind: "DISCLOSURE", dept: H, status: "AWAITING_CORRECTION", created: "2026-10-01T00:00:00Z", due: "2026-11-01T00:00:00Z" });
  // F: environment mediation, closed on time, satisfied; first action 1 h, answer 24 h.
  await make({ kind: "MEDIATION", dept: E, status: "CLOSED", created: "2026-11-05T00:00:00Z", due: "2026-11-20T00:00:00Z", closed: "2026-11-06T00:00:00Z", satisfied: true, firstActionHours: 1 });
  // G: a complaint not routed yet, received 11-19.
  await make({ kind: "COMPLAINT", dept: null, status: "PENDING_DISPATCH", created: "2026-11-19T00:00:00Z", due: "2026-12-01T00:00:00Z" });
  // H: received 2026-12-01 00:00 Beijing = 2026-11-30T16:00Z: the day after the period, not counted.
  await make({ kind: "COMPLAINT", dept: E, status: "IN_PROGRESS", created: "2026-11-30T16:00:00Z", due: "2026-12-20T00:00:00Z" });
});
afterAll(() => core?.close());

const PERIOD = { from: "2026-11-01", to: "2026-11-30" };
const pick = (rows: FiguresRow[], level: FiguresRow["level"], departmentId: number | null, kind: string | null) =>
  rows.find((r) => r.level === level && r.departmentId === departmentId && r.kind === kind);

describe("figures", () => {
  it("counts the seeded month as counted by hand", async () => {
    const rows = await createFiguresService({ prisma: core.prisma, now: () => NOW }).figures({ all: true }, PERIOD);
    // Housing: received A B C; closed A B D; on time A; overdue C (not E); rated A B, satisfied A;
    // reopened B; first action medians of 2, 4, 6 h = 4 h; answers 82, 288, 312 h -> 288 h.
    expect(pick(rows, "department", cast.housing.id, null)).toEqual({
      departmentId: cast.housing.id, kind: null, level: "department",
      received: 3, closed: 3, closedOnTime: 1, overdueNow: 1, rated: 2, satisfied: 1, reopened: 1,
      medianFirstActionHours: 4, medianAnswerHours: 288,
    });
    expect(pick(rows, "department", cast.environment.id, null)).toMatchObject({ received: 1, closed: 1, closedOnTime: 1, overdueNow: 0, rated: 1, satisfied: 1, reopened: 0, medianFirstActionHours: 1, medianAnswerHours: 24 });
    // District: received A B C F G; closed A B D F; on time A F; first actions 1 2 4 6 -> 3 h; answers 24 82 288 312 -> 185 h.
    const district = pick(rows, "district", null, null)!;
    expect(district).toMatchObject({ received: 5, closed: 4, closedOnTime: 2, overdueNow: 1, rated: 3, satisfied: 2, reopened: 1, medianFirstActionHours: 3, medianAnswerHours: 185 });
    expect(rates(district)).toEqual({ onTime: 0.5, satisfaction: 2 / 3, reopen: 0.25 });
    // Per kind across the district: complaints received A B G, closed A B D.
    expect(pick(rows, "kind", null, "COMPLAINT")).toMatchObject({ received: 3, closed: 3, closedOnTime: 1 });
    expect(pick(rows, "kind", null, "DISCLOSURE")).toMatchObject({ received: 1, closed: 0, overdueNow: 1 });
    expect(pick(rows, "cell", cast.housing.id, "DISCLOSURE")).toMatchObject({ received: 1, overdueNow: 1 });
  });

  it("shows the district table with rates and an ECharts chart to the admin", async () => {
    const cookie = await signIn(core, app, cast.admin.id);
    const res = await app.request("/web/figures?from=2026-11-01&to=2026-11-30", { headers: { cookie } });
    const page = await res.text();
    expect(res.status).toBe(200);
    expect(page).toContain("按时办结率");
    // District row: received 5, closed 4, on time 2, 50.0%, overdue 1, 66.7% (2/3), 25.0%, 3 h, 185 h.
    expect(page.replace(/\s+/g, " ")).toContain("<td class=\"l\">全区</td><td>5</td><td>4</td><td>2</td> <td>50.0%</td><td>1</td><td>66.7% <span class=\"muted\">(2/3)</span></td> <td>25.0%</td><td>3</td><td>185</td>");
    expect(page).toContain('<script src="/web/assets/echarts.min.js"></script>');
    const lib = await app.request("/web/assets/echarts.min.js");
    expect(lib.status).toBe(200);
    expect((await lib.text()).length).toBeGreaterThan(500_000);
  });

  it("shows a housing supervisor housing's numbers only", async () => {
    const cookie = await signIn(core, app, cast.supervisor.id);
    const page = (await (await app.request("/web/figures?from=2026-11-01&to=2026-11-30", { headers: { cookie } })).text()).replace(/\s+/g, " ");
    expect(page).not.toContain(">全区<");
    expect(page).not.toContain("生态环境");
    expect(page).toContain("<td>3</td><td>3</td><td>1</td> <td>33.3%</td><td>1</td><td>50.0% <span class=\"muted\">(1/2)</span></td> <td>33.3%</td><td>4</td><td>288</td>");
  });
});
