import ExcelJS from "exceljs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createCore, type Core } from "../../src/core.js";
import { testConfig } from "../helpers/env.js";
import { resetDatabase } from "../helpers/db.js";
import { castOf, type Cast } from "../helpers/case-fixtures.js";
import { createHttpApp } from "../../http/server.js";
import { signIn } from "./web-helpers.js";

// Issue 13, "The annual disclosure report" (政府信息公开条例 art. 50; 国办公开办函〔2021〕30号 layout):
// a seeded year counted by hand. Year 2026 in Beijing time = [2025-12-31T16:00Z, 2026-12-31T16:00Z).
let core: Core;
let cast: Cast;
let app: ReturnType<typeof createHttpApp>;

beforeAll(async () => {
  core = createCore(testConfig(), { now: () => new Date("2026-12-31T10:00:00Z") });
  await resetDatabase(core.prisma);
  app = createHttpApp(core);
  cast = await castOf(core);
  let n = 0;
  const make = async (created: string, closed?: string, replyType?: string, opts: { correctionExpired?: boolean; kind?: "COMPLAINT" } = {}) => {
    n++;
    const c = await core.prisma.case.create({
      data: {
        number: `MS-2026-8${String(n).padStart(5, "0")}`, submissionKey: `rep-${n}`, kind: opts.kind ?? "DISCLOSURE",
        status: closed ? "CLOSED" : "IN_PROGRESS", citizenId: cast.applicant.id, departmentId: cast.housing.id, text: "申请公开",
        createdAt: new Date(created), dueAt: new Date("2027-03-01T00:00:00Z"), closedAt: closed ? new Date(closed) : null, replyType: replyType ?? null,
      },
    });
    if (opts.correctionExpired) await core.prisma.caseEvent.create({ data: { caseId: c.id, actor: "system", action: "correction_expired", fromStatus: "AWAITING_CORRECTION", toStatus: "CLOSED", createdAt: new Date(closed!) } });
  };
  await make("2025-12-20T02:00:00Z"); // 1: from last year, still open: carried in and carried out
  await make("2025-12-28T02:00:00Z", "2026-01-05T02:00:00Z", "disclosed"); // 2: carried in, 予以公开
  await make("2025-11-01T02:00:00Z", "2025-12-10T02:00:00Z", "disclosed"); // 3: all in 2025: not counted
  await make("2025-12-31T16:00:00Z", "2026-02-02T02:00:00Z", "partly_disclosed"); // 4: 2026-01-01 00:00 Beijing: received; 部分公开
  await make("2026-03-01T02:00:00Z", "2026-03-20T02:00:00Z", "already_public"); // 5: received; 予以公开
  await make("2026-04-01T02:00:00Z", "2026-04-10T02:00:00Z", "does_not_exist"); // 6: received; 本机关不掌握
  await make("2026-05-01T02:00:00Z", "2026-05-10T02:00:00Z", "not_held"); // 7: received; 本机关不掌握
  await make("2026-06-01T02:00:00Z", "2026-07-01T02:00:00Z", undefined, { correctionExpired: true }); // 8: received; 逾期不补正
  await make("2026-07-01T02:00:00Z", "2026-07-02T02:00:00Z"); // 9: received; withdrawn: 其他
  await make("2026-12-31T16:00:00Z"); // 10: 2027-01-01 00:00 Beijing: not this year
  await make("2026-12-20T02:00:00Z"); // 11: received, open: carried out
  await make("2026-08-01T02:00:00Z", "2026-08-20T02:00:00Z", "not_disclosed"); // 12: received; 不予公开 (reason not itemised)
  await make("2026-09-01T02:00:00Z", "2026-09-02T02:00:00Z", undefined, { kind: "COMPLAINT" }); // 13: a complaint: not counted
});
afterAll(() => core?.close());

// Received 4 5 6 7 8 9 11 12 = 8; carried in 1 2 = 2; closed in 2026: 2 4 5 6 7 8 9 12 = 8;
// carried out 8 + 2 − 8 = 2 (1 and 11).
const EXPECTED: Record<string, number> = {
  received: 8, carried_in: 2, disclosed: 2, partly_disclosed: 1, refused_unspecified: 1, not_held: 2,
  correction_expired: 1, other: 1, total: 8, carried_out: 2, repeat_request: 0, refused_secret: 0,
};

describe("annual disclosure report", () => {
  it("shows the year's counts in the official rows, all applicants natural persons", async () => {
    const cookie = await signIn(core, app, cast.admin.id);
    const page = await (await app.request("/web/report?year=2026", { headers: { cookie } })).text();
    for (const [key, n] of Object.entries(EXPECTED)) {
      const row = new RegExp(`<tr data-key="${key}">.*?</tr>`, "s").exec(page)?.[0] ?? "";
      const values = [...row.matchAll(/<td>(\d*)<\/td>/g)].map((m) => m[1]);
      expect(values, key).toEqual([String(n), "0", "0", "0", "0", "0", String(n)]);
    }
  });

  it("downloads the same counts as .xlsx in the official layout", async () => {
    const cookie = await signIn(core, app, cast.admin.id);
    const res = await app.request("/web/report.xlsx?year=2026", { headers: { cookie } });
    expect(res.status).toBe(200);
    expect(res.headers.get("content-disposition")).toContain("disclosure-report-2026.xlsx");
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(await res.arrayBuffer());
    const ws = wb.worksheets[0];
    expect(ws.getCell("A2").value).toBe("申请人情况");
    expect(ws.getCell("C2").value).toBe("法人或其他组织");
    expect(ws.getCell("H2").value).toBe("总计");
    const rowOf = (label: string) => {
      let found: ExcelJS.Row | undefined;
      ws.eachRow((r) => { if (String(r.getCell(1).value).trim() === label) found = r; });
      return found!;
    };
    expect(rowOf("一、本年新收政府信息公开申请数量").getCell(2).value).toBe(8);
    expect(rowOf("二、上年结转政府信息公开申请数量").getCell(8).value).toBe(2);
    expect(rowOf("（一）予以公开").getCell(2).value).toBe(2);
    expect(rowOf("1.本机关不掌握相关政府信息").getCell(2).value).toBe(2);
    expect(rowOf("（七）总计").getCell(8).value).toBe(8);
    expect(rowOf("四、结转下年度继续办理").getCell(2).value).toBe(2);
    expect(rowOf("（一）予以公开").getCell(3).value).toBe(0);
  });

  it("is for admin and legal office only", async () => {
    const cookie = await signIn(core, app, cast.supervisor.id);
    expect((await app.request("/web/report", { headers: { cookie } })).status).toBe(403);
    expect((await app.request("/web/report.xlsx", { headers: { cookie } })).status).toBe(403);
  });
});
